package io.matchstream.gateway.api;

/**
 * A new order, Binance's field names: {@code type} LIMIT or MARKET, {@code timeInForce} GTC, IOC,
 * FOK or POST_ONLY, {@code quoteOrderQty} for a market buy, decimals as strings, and
 * {@code selfTradePreventionMode} NONE, EXPIRE_TAKER, EXPIRE_MAKER or EXPIRE_BOTH.
 */
public record OrderRequest(String symbol, String side, String type, String timeInForce, String price,
    String quantity, String quoteOrderQty, String newClientOrderId, String selfTradePreventionMode) {
}
