package io.matchstream.gateway.view;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/**
 * One order as a user queries it, Binance's field names: what was asked ({@code type},
 * {@code price}, {@code origQty}, {@code stopPrice}, {@code icebergQty}, ...) and where it stands
 * after its last event ({@code status}, {@code executedQty}, ...). {@code status} is null until
 * the order's first event arrives. {@code isWorking} is false while a stop waits for its trigger,
 * off the book: open orders show those apart. {@code origQty} follows amends.
 */
public record OrderView(String symbol, String orderId, String clientOrderId, String userId, String side,
    String type, String timeInForce, BigDecimal price, BigDecimal origQty, BigDecimal origQuoteOrderQty,
    String selfTradePreventionMode, String status, BigDecimal executedQty, BigDecimal cummulativeQuoteQty,
    String reason, long time, long updateTime, BigDecimal stopPrice, BigDecimal icebergQty,
    @JsonProperty("isWorking") boolean working) {

  // one String per symbol, user, side, type and so on across the view's orders (the JVM's pool): each
  // order of the topics or of a request came with its own copies (a request's side, type, time in
  // force and STP are texts it parsed), up to 300 bytes of every kept order
  public OrderView {
    symbol = shared(symbol);
    userId = shared(userId);
    side = shared(side);
    type = shared(type);
    timeInForce = shared(timeInForce);
    selfTradePreventionMode = shared(selfTradePreventionMode);
    status = shared(status);
    reason = shared(reason);
  }

  /** The JVM's one String of this text: unreferenced ones are collected from its pool as any other. */
  static String shared(String text) {
    return text == null ? null : text.intern();
  }

  /** Whether the order rests in the book or waits as a stop: it may still trade and can be canceled. */
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
      long ts, BigDecimal stopPrice, BigDecimal icebergQuantity) {
    return new OrderView(symbol, orderId, clientOrderId, userId, side, type, timeInForce, ExchangeView.plain(price),
        ExchangeView.plain(quantity), ExchangeView.plain(quoteQuantity), stp == null ? "NONE" : stp, null,
        BigDecimal.ZERO, BigDecimal.ZERO, null, ts, ts, ExchangeView.plain(stopPrice),
        ExchangeView.plain(icebergQuantity), stopPrice == null);
  }

  /**
   * This order after an event: its status, fills, total quantity (null: unchanged) and whether it
   * works (a stop's {@code triggered}; null: not a stop), and what the event knows that this did not.
   */
  OrderView after(Event event) {
    return new OrderView(symbol == null ? event.symbol() : symbol, orderId,
        clientOrderId == null ? event.clientOrderId() : clientOrderId, userId, side == null ? event.side() : side,
        type == null ? event.type() : type, timeInForce, price, event.quantity() == null ? origQty : event.quantity(),
        origQuoteOrderQty, selfTradePreventionMode, event.status(), event.filled(), event.filledQuote(),
        event.reason(), status == null && time == 0 ? event.ts() : time, event.ts(),
        stopPrice == null ? event.stopPrice() : stopPrice, icebergQty == null ? event.iceberg() : icebergQty,
        event.triggered() == null || event.triggered());
  }

  /** What an order event says of its order. */
  record Event(String symbol, String side, String clientOrderId, String status, BigDecimal filled,
      BigDecimal filledQuote, String reason, long ts, BigDecimal quantity, Boolean triggered, String type,
      BigDecimal stopPrice, BigDecimal iceberg) {
  }

  /** This order's event state with the details of {@code asked}, which arrived after its event. */
  OrderView withDetails(OrderView asked) {
    return new OrderView(symbol, orderId, asked.clientOrderId, userId, side, asked.type, asked.timeInForce,
        asked.price, origQty == null ? asked.origQty : origQty, asked.origQuoteOrderQty,
        asked.selfTradePreventionMode, status, executedQty, cummulativeQuoteQty, reason, asked.time, updateTime,
        asked.stopPrice, asked.icebergQty, working);
  }
}
