package io.matchstream.engine;

/**
 * An order in the book stage: the taker while it matches, then (if it rests) a node of its price
 * level's queue. Mutable on purpose: the book is the engine's hot path.
 */
public final class Order {
  public final String orderId;
  public final String clientOrderId;
  public final String userId;
  public final boolean buy;
  public final boolean market;
  public final Tif tif;
  public final Stp stp;
  /** Limit price, units of the quote scale; 0 for a market order. */
  public final long price;
  /** Base units; for a market buy, 0 (it spends {@link #quoteQuantity} instead). */
  public final long quantity;
  /** Quote units a market buy may spend. */
  public final long quoteQuantity;
  public final long ts;

  long seq;
  long filledQuantity;
  long filledQuote;
  Status status = Status.NEW;
  String reason;
  Level level;
  Order prev;
  Order next;

  public Order(
      String orderId, String clientOrderId, String userId, boolean buy, boolean market, Tif tif, Stp stp,
      long price, long quantity, long quoteQuantity, long ts) {
    this.orderId = orderId;
    this.clientOrderId = clientOrderId;
    this.userId = userId;
    this.buy = buy;
    this.market = market;
    this.tif = tif;
    this.stp = stp;
    this.price = price;
    this.quantity = quantity;
    this.quoteQuantity = quoteQuantity;
    this.ts = ts;
  }

  /** Rebuilds a resting order from its stored state. */
  public static Order resting(
      String orderId, String clientOrderId, String userId, boolean buy, long price, long quantity,
      long filledQuantity, long filledQuote, long seq) {
    Order order = new Order(orderId, clientOrderId, userId, buy, false, Tif.GTC, Stp.NONE, price, quantity, 0, 0);
    order.filledQuantity = filledQuantity;
    order.filledQuote = filledQuote;
    order.seq = seq;
    order.status = filledQuantity == 0 ? Status.NEW : Status.PARTIALLY_FILLED;
    return order;
  }

  public long remaining() {
    return quantity - filledQuantity;
  }

  public boolean isResting() {
    return level != null;
  }

  public long seq() {
    return seq;
  }

  public long filledQuantity() {
    return filledQuantity;
  }

  public long filledQuote() {
    return filledQuote;
  }

  public Status status() {
    return status;
  }

  public String reason() {
    return reason;
  }
}
