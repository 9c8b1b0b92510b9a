package io.matchstream.gateway.api;

/**
 * A new order, Binance's field names: {@code type} LIMIT, MARKET, STOP_LOSS, STOP_LOSS_LIMIT,
 * TAKE_PROFIT or TAKE_PROFIT_LIMIT, {@code timeInForce} GTC, IOC, FOK or POST_ONLY,
 * {@code quoteOrderQty} for a market buy, {@code stopPrice} for a stop, {@code icebergQty} for an
 * iceberg (a LIMIT GTC order's visible slice), decimals as strings,
 * {@code selfTradePreventionMode} NONE, EXPIRE_TAKER, EXPIRE_MAKER or EXPIRE_BOTH, and
 * {@code newOrderRespType} ACK (the default: answered once the exchange has the order) or RESULT
 * (answered with the order's state after matching).
 */
public record OrderRequest(String symbol, String side, String type, String timeInForce, String price,
    String quantity, String quoteOrderQty, String newClientOrderId, String selfTradePreventionMode,
    String newOrderRespType, String stopPrice, String icebergQty) {
}
