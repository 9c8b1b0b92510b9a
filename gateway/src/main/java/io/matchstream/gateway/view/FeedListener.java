package io.matchstream.gateway.view;

/**
 * What the view's reader tells after each batch it applied, in topic order within each kind. Called
 * on the reader's thread: a listener hands work off and returns, it never blocks.
 */
public interface FeedListener {
  default void onTrade(TradeView trade) {}

  default void onDepthDiff(DepthDiff diff) {}

  default void onBookTicker(BookTicker ticker) {}

  default void onOrder(OrderView order) {}

  default void onBalance(String userId, BalanceView balance) {}
}
