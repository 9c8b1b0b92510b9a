package io.matchstream.engine;

/**
 * What the engine emits. Amounts are units; each event carries the scales that give them meaning,
 * so turning one into a decimal needs no lookup.
 */
public final class Events {
  private Events() {}

  public record TradeEvent(
      String symbol, long tradeId, long price, long quantity, long quoteQuantity, boolean takerBuys,
      String makerOrderId, String takerOrderId, String makerUserId, String takerUserId,
      long buyerFee, long sellerFee, long ts, int baseScale, int quoteScale) {}

  /**
   * {@code side} is null when the command's side was not BUY or SELL; {@code quantity} is the
   * order's total, {@link #NO_QUANTITY} where SPEC leaves it out; {@code triggered} is null but on
   * a stop order. {@code orderType} (null when the command's was none), {@code stopPrice} and
   * {@code iceberg} (0: none) are for the topic's other readers, not SPEC's events.
   */
  public record OrderUpdate(
      String orderId, String clientOrderId, String userId, String symbol, Boolean buy, Status status,
      long filledQuantity, long filledQuote, String reason, long ts, int baseScale, int quoteScale,
      long quantity, Boolean triggered, String orderType, long stopPrice, long iceberg) {
    public static final long NO_QUANTITY = -1;

    /** An order refused before it traded: nothing filled, no quantity, and a stop not triggered. */
    public static OrderUpdate rejected(String orderId, String clientOrderId, String userId, String symbol, Boolean buy,
        String orderType, boolean stop, long ts, String reason) {
      return new OrderUpdate(orderId, clientOrderId, userId, symbol, buy, Status.REJECTED, 0, 0, reason, ts, 0, 0,
          NO_QUANTITY, stop ? false : null, orderType, 0, 0);
    }
  }

  public record LevelDelta(String symbol, long seq, boolean buy, long price, long quantity, int baseScale, int quoteScale) {}

  public record BalanceUpdate(String userId, String asset, long available, long locked, int scale) {}

  public record Rejection(
      String command, String orderId, String txId, String symbol, String asset, String userId, String reason) {
    public static Rejection malformed(String command) {
      return new Rejection(command, null, null, null, null, null, Reasons.MALFORMED);
    }
  }

  /** Where events go, in the order SPEC gives for one command. */
  public interface EventSink {
    void trade(TradeEvent event);

    void order(OrderUpdate event);

    void delta(LevelDelta event);

    void balance(BalanceUpdate event);

    void reject(Rejection event);
  }
}
