package io.matchstream.engine;

/**
 * What the engine emits. Amounts are units; each event carries the scales that give them meaning,
 * so turning one into a decimal needs no lookup.
 */
public final class Events {
  private Events() {}

  public record TradeEvent(
      String symbol, long tradeId, Units price, Units quantity, Units quoteQuantity, boolean takerBuys,
      String makerOrderId, String takerOrderId, String makerUserId, String takerUserId,
      Units buyerFee, Units sellerFee, long ts, int baseScale, int quoteScale) {}

  /**
   * {@code side} is null when the command's side was not BUY or SELL; {@code quantity} is the
   * order's total, null where SPEC leaves it out; {@code triggered} is null but on a stop order.
   * {@code orderType} (null when the command's was none), {@code stopPrice} and {@code iceberg}
   * (zero: none) are for the topic's other readers, not SPEC's events.
   */
  public record OrderUpdate(
      String orderId, String clientOrderId, String userId, String symbol, Boolean buy, Status status,
      Units filledQuantity, Units filledQuote, String reason, long ts, int baseScale, int quoteScale,
      Units quantity, Boolean triggered, String orderType, Units stopPrice, Units iceberg) {

    /** An order refused before it traded: nothing filled, no quantity, and a stop not triggered. */
    public static OrderUpdate rejected(String orderId, String clientOrderId, String userId, String symbol, Boolean buy,
        String orderType, boolean stop, long ts, String reason) {
      return new OrderUpdate(orderId, clientOrderId, userId, symbol, buy, Status.REJECTED, Units.ZERO, Units.ZERO,
          reason, ts, 0, 0, null, stop ? false : null, orderType, Units.ZERO, Units.ZERO);
    }
  }

  public record LevelDelta(
      String symbol, long seq, boolean buy, Units price, Units quantity, int baseScale, int quoteScale) {}

  public record BalanceUpdate(String userId, String asset, Units available, Units locked, int scale) {}

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
