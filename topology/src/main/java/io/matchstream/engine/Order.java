package io.matchstream.engine;

/**
 * An order in the book stage: the taker while it matches, then (if it rests) a node of its price
 * level's queue, or a stop waiting for its trigger. Mutable on purpose: the book is the engine's
 * hot path.
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
  public final Units price;
  /** Base units, lowered by an amend; for a market buy, 0 (it spends {@link #quoteQuantity} instead). */
  public Units quantity;
  /** Quote units a market buy may spend. */
  public final Units quoteQuantity;
  public final long ts;
  /** The trigger price of a stop order (quote units); 0 for any other order. */
  public final Units stopPrice;
  /** A TAKE_PROFIT* stop (else STOP_LOSS*): with the side, the direction it fires in. */
  public final boolean takeProfit;
  /** The slice an iceberg shows (base units); 0 for a plain order. */
  public final Units iceberg;

  long seq;
  long arrival;
  Units filledQuantity = Units.ZERO;
  Units filledQuote = Units.ZERO;
  /** What an iceberg shows now: a part of its current slice. */
  Units visible = Units.ZERO;
  boolean triggered;
  boolean waiting;
  Status status = Status.NEW;
  String reason;
  Level level;
  Order prev;
  Order next;
  // the user's other resting orders in this book, and whether the command in progress changed it
  OrderBook.UserOrders userOrders;
  Order userPrev;
  Order userNext;
  boolean changedInCommand;
  // where the book stage's stores hold the order: its key's sequence (0: not in the book store),
  // and whether the waiting-stops store has it
  private long storedSeq;
  private boolean stopStored;

  public Order(
      String orderId, String clientOrderId, String userId, boolean buy, boolean market, Tif tif, Stp stp,
      Units price, Units quantity, Units quoteQuantity, long ts) {
    this(orderId, clientOrderId, userId, buy, market, tif, stp, price, quantity, quoteQuantity, ts, Units.ZERO, false,
        Units.ZERO);
  }

  public Order(
      String orderId, String clientOrderId, String userId, boolean buy, boolean market, Tif tif, Stp stp,
      Units price, Units quantity, Units quoteQuantity, long ts, Units stopPrice, boolean takeProfit, Units iceberg) {
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
    this.stopPrice = stopPrice;
    this.takeProfit = takeProfit;
    this.iceberg = iceberg;
  }

  /** Rebuilds a resting order from its stored state. */
  public static Order resting(
      String orderId, String clientOrderId, String userId, boolean buy, Units price, Units quantity,
      Units filledQuantity, Units filledQuote, long seq, Units iceberg, Units visible, long arrival, Units stopPrice,
      boolean takeProfit) {
    Order order = new Order(orderId, clientOrderId, userId, buy, false, Tif.GTC, Stp.NONE, price, quantity,
        Units.ZERO, 0, stopPrice, takeProfit, iceberg);
    order.filledQuantity = filledQuantity;
    order.filledQuote = filledQuote;
    order.seq = seq;
    order.storedSeq = seq;
    order.arrival = arrival;
    order.visible = visible;
    order.triggered = stopPrice.isPositive();
    order.status = filledQuantity.isZero() ? Status.NEW : Status.PARTIALLY_FILLED;
    return order;
  }

  /** Rebuilds a waiting stop from its stored state (the book marks it waiting as it takes it back). */
  public static Order waitingStop(Order stop, long arrival) {
    stop.arrival = arrival;
    stop.seq = arrival;
    stop.stopStored = true;
    return stop;
  }

  public Units remaining() {
    return quantity.subtract(filledQuantity);
  }

  /** What the book shows and a taker can fill now: an iceberg's visible part, else the remaining. */
  Units shown() {
    return isIceberg() ? visible : remaining();
  }

  public boolean isIceberg() {
    return iceberg.isPositive();
  }

  public boolean isResting() {
    return level != null;
  }

  public boolean isStop() {
    return stopPrice.isPositive();
  }

  /** A stop placed and not yet fired. */
  public boolean isWaiting() {
    return waiting;
  }

  /** Whether a stop fires at last trade price {@code last}. */
  boolean firesAt(Units last) {
    // STOP_LOSS buys and TAKE_PROFIT sells fire on a rise; the other two on a fall
    return buy != takeProfit ? !last.lessThan(stopPrice) : !last.greaterThan(stopPrice);
  }

  /** SPEC's orderType of this order. */
  public String type() {
    if (!isStop()) {
      return market ? "MARKET" : "LIMIT";
    }
    // literals, not a concatenation: every order event asks
    if (takeProfit) {
      return market ? "TAKE_PROFIT" : "TAKE_PROFIT_LIMIT";
    }
    return market ? "STOP_LOSS" : "STOP_LOSS_LIMIT";
  }

  public long seq() {
    return seq;
  }

  public long arrival() {
    return arrival;
  }

  public Units visible() {
    return visible;
  }

  public boolean triggered() {
    return triggered;
  }

  public Units filledQuantity() {
    return filledQuantity;
  }

  public Units filledQuote() {
    return filledQuote;
  }

  public Status status() {
    return status;
  }

  public String reason() {
    return reason;
  }

  /** The sequence in the book store's key of this order, 0 when the store does not have it. */
  public long storedSeq() {
    return storedSeq;
  }

  public void storedAt(long seq) {
    this.storedSeq = seq;
  }

  public boolean stopStored() {
    return stopStored;
  }

  public void stopStored(boolean stored) {
    this.stopStored = stored;
  }
}
