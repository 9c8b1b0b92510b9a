package io.matchstream.gateway.view;

import java.math.BigDecimal;

/**
 * One order as a user queries it, Binance's field names: what was asked ({@code type},
 * {@code price}, {@code origQty}, ...) and where it stands after its last event ({@code status},
 * {@code executedQty}, ...). {@code status} is null until the order's first event arrives.
 */
public record OrderView(String symbol, String orderId, String clientOrderId, String userId, String side,
    String type, String timeInForce, BigDecimal price, BigDecimal origQty, BigDecimal origQuoteOrderQty,
    String selfTradePreventionMode, String status, BigDecimal executedQty, BigDecimal cummulativeQuoteQty,
    String reason, long time, long updateTime) {

  /** Whether the order rests in the book: it may still trade and can be canceled. */
  public boolean open() {
    return "NEW".equals(status) || "PARTIALLY_FILLED".equals(status);
  }

  /** Whether the order's life is over: nothing about it changes any more. */
  public boolean ended() {
    return status != null && !open();
  }

  /** The order as asked, before any event: what the gateway or the accepted topic knows of it. */
  public static OrderView asked(String symbol, String orderId, String clientOrderId, String userId, String side,
      String type, String timeInForce, BigDecimal price, BigDecimal quantity, BigDecimal quoteQuantity, String stp,
      long ts) {
    return new OrderView(symbol, orderId, clientOrderId, userId, side, type, timeInForce, ExchangeView.plain(price),
        ExchangeView.plain(quantity), ExchangeView.plain(quoteQuantity), stp == null ? "NONE" : stp, null,
        BigDecimal.ZERO, BigDecimal.ZERO, null, ts, ts);
  }

  /** This order after an event: its status and fills, and what the event knows that this did not. */
  OrderView after(String eventSymbol, String eventSide, String eventClientOrderId, String newStatus,
      BigDecimal filled, BigDecimal filledQuote, String newReason, long ts) {
    return new OrderView(symbol == null ? eventSymbol : symbol, orderId,
        clientOrderId == null ? eventClientOrderId : clientOrderId, userId, side == null ? eventSide : side, type,
        timeInForce, price, origQty, origQuoteOrderQty, selfTradePreventionMode, newStatus, filled, filledQuote,
        newReason, status == null && time == 0 ? ts : time, ts);
  }

  /** This order's event state with the details of {@code asked}, which arrived after its event. */
  OrderView withDetails(OrderView asked) {
    return new OrderView(symbol, orderId, asked.clientOrderId, userId, side, asked.type, asked.timeInForce,
        asked.price, asked.origQty, asked.origQuoteOrderQty, asked.selfTradePreventionMode, status, executedQty,
        cummulativeQuoteQty, reason, asked.time, updateTime);
  }
}
