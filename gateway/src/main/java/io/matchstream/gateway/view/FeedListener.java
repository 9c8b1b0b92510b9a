package io.matchstream.gateway.view;

/**
 * What the view's reader tells after each batch it applied, in topic order within each kind. Called
 * on the reader's thread: a listener hands work off and returns, it never blocks.
 */
public interface FeedListener {
  default void onTrade(TradeView trade) {}

  default void onDepthDiff(DepthDiff diff) {}

  default void onBookTicker(BookTicker ticker) {}

  /** A candle of an aggregated interval (1s, 1m, 1h, 1d) as it now stands. */
  default void onKline(io.matchstream.schema.Kline kline) {}

  default void onOrder(OrderView order) {}

  default void onBalance(String userId, BalanceView balance) {}

  /** A deposit ({@code amount} positive) or withdrawal (negative) that changed the user's balance. */
  default void onTransfer(String userId, String asset, java.math.BigDecimal amount) {}
}
