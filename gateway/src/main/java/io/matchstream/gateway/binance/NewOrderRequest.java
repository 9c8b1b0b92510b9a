package io.matchstream.gateway.binance;

import io.matchstream.gateway.view.SymbolView;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A {@code POST /api/v3/order} read and checked as Binance does, in the engine's terms: Binance's
 * {@code LIMIT_MAKER} is the engine's {@code LIMIT} with {@code POST_ONLY}; a market (or stop) BUY
 * takes {@code quoteOrderQty} and a SELL {@code quantity}, the forms the engine can lock funds for.
 * The market's filters are checked here, so a refusal comes back at once with Binance's -1013.
 */
record NewOrderRequest(SymbolView market, String side, String binanceType, String orderType, String timeInForce,
    BigDecimal price, BigDecimal quantity, BigDecimal quoteQuantity, BigDecimal stopPrice, BigDecimal icebergQuantity,
    String clientOrderId, String stp, String responseType) {

  private static final List<String> SIDES = List.of("BUY", "SELL");
  private static final List<String> TYPES = List.of("LIMIT", "LIMIT_MAKER", "MARKET", "STOP_LOSS", "STOP_LOSS_LIMIT",
      "TAKE_PROFIT", "TAKE_PROFIT_LIMIT");
  private static final List<String> TIME_IN_FORCE = List.of("GTC", "IOC", "FOK");
  private static final List<String> RESPONSE_TYPES = List.of("ACK", "RESULT", "FULL");
  private static final List<String> STP_MODES = List.of("NONE", "EXPIRE_TAKER", "EXPIRE_MAKER", "EXPIRE_BOTH");
  private static final String CLIENT_ORDER_ID_RANGE = "^[\\.A-Z\\:/a-z0-9_-]{1,36}$";
  private static final Pattern CLIENT_ORDER_ID = Pattern.compile("[.A-Z:/a-z0-9_-]{1,36}");

  static NewOrderRequest read(BinanceParams p, BinanceSymbols symbols) {
    SymbolView market = symbols.require(p.required("symbol"));
    String side = p.oneOf("side", SIDES, -1117, "Invalid side.").orElseThrow(() -> BinanceError.mandatory("side"));
    String type = p.oneOf("type", TYPES, -1116, "Invalid orderType.").orElseThrow(() -> BinanceError.mandatory("type"));
    String timeInForce = p.oneOf("timeInForce", TIME_IN_FORCE, -1115, "Invalid timeInForce.").orElse(null);
    String clientOrderId = p.optional("newClientOrderId").orElse(null);
    if (clientOrderId != null && !CLIENT_ORDER_ID.matcher(clientOrderId).matches()) {
      throw BinanceError.illegal("newClientOrderId", CLIENT_ORDER_ID_RANGE);
    }
    String stp = p.optional("selfTradePreventionMode").orElse("NONE");
    if (!STP_MODES.contains(stp)) {
      throw BinanceError.invalid("selfTradePreventionMode");
    }
    boolean limitLike = type.equals("LIMIT") || type.endsWith("_LIMIT");
    String responseType = p.optional("newOrderRespType")
        .orElse(type.equals("LIMIT") || type.equals("MARKET") ? "FULL" : "ACK");
    if (!RESPONSE_TYPES.contains(responseType)) {
      throw BinanceError.invalid("newOrderRespType");
    }
    BigDecimal price = p.decimal("price").orElse(null);
    BigDecimal quantity = p.decimal("quantity").orElse(null);
    BigDecimal quote = p.decimal("quoteOrderQty").orElse(null);
    BigDecimal stopPrice = p.decimal("stopPrice").orElse(null);
    BigDecimal iceberg = p.decimal("icebergQty").orElse(null);
    for (String unsupported : List.of("trailingDelta", "strategyId", "strategyType", "pegPriceType")) {
      if (p.has(unsupported)) {
        throw new BinanceError(400, -1130, "Data sent for parameter '" + unsupported + "' is not valid: "
            + "this exchange has no trailing, strategy or pegged orders.");
      }
    }
    String orderType = type.equals("LIMIT_MAKER") ? "LIMIT" : type;
    if (limitLike) {
      require(timeInForce, "timeInForce");
      require(price, "price");
      require(quantity, "quantity");
      p.absent("quoteOrderQty");
    } else if (type.equals("LIMIT_MAKER")) {
      p.absent("timeInForce");
      require(price, "price");
      require(quantity, "quantity");
      p.absent("quoteOrderQty");
      timeInForce = "POST_ONLY";
    } else {
      p.absent("timeInForce");
      p.absent("price");
      if (quantity == null && quote == null) {
        throw new BinanceError(400, -1102, "Param 'quantity' or 'quoteOrderQty' must be sent, but both were empty/null!");
      }
      if (quantity != null && quote != null) {
        throw BinanceError.notRequired("quoteOrderQty");
      }
      if (side.equals("BUY") ? quote == null : quantity == null) {
        throw BinanceError.orderRejected("A " + type + " BUY takes quoteOrderQty (what to spend) and a SELL takes "
            + "quantity on this exchange: the engine locks what an order may spend before it reaches the book.");
      }
    }
    if (type.startsWith("STOP_LOSS") || type.startsWith("TAKE_PROFIT")) {
      require(stopPrice, "stopPrice");
    } else {
      p.absent("stopPrice");
    }
    if (iceberg != null && !type.equals("LIMIT") && !type.equals("LIMIT_MAKER") && !type.endsWith("_LIMIT")) {
      throw BinanceError.notRequired("icebergQty");
    }
    NewOrderRequest order = new NewOrderRequest(market, side, type, orderType, timeInForce, price, quantity, quote,
        stopPrice, iceberg, clientOrderId, stp, responseType);
    order.checkFilters();
    return order;
  }

  /** PRICE_FILTER, LOT_SIZE and NOTIONAL, as exchangeInfo states them. */
  private void checkFilters() {
    for (BigDecimal p : new BigDecimal[] {price, stopPrice}) {
      if (p != null && (p.signum() <= 0 || p.remainder(market.tickSize()).signum() != 0)) {
        throw BinanceError.filter("PRICE_FILTER");
      }
    }
    for (BigDecimal q : new BigDecimal[] {quantity, icebergQuantity}) {
      if (q != null && (q.signum() <= 0 || q.remainder(market.lotSize()).signum() != 0)) {
        throw BinanceError.filter("LOT_SIZE");
      }
    }
    if (quoteQuantity != null && quoteQuantity.signum() <= 0) {
      throw BinanceError.invalid("quoteOrderQty");
    }
    BigDecimal notional = price != null && quantity != null ? price.multiply(quantity) : quoteQuantity;
    if (notional != null && notional.compareTo(market.minNotional()) < 0) {
      throw BinanceError.filter("NOTIONAL");
    }
  }

  private static void require(Object value, String name) {
    if (value == null) {
      throw BinanceError.mandatory(name);
    }
  }
}
