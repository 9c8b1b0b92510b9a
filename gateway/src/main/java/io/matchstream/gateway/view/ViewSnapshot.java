package io.matchstream.gateway.view;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * An {@link ExchangeView} as of a position in each of its topics: what a gateway starts from
 * instead of the topics' whole history ({@link SnapshotStore}). Records of the topics (reference
 * data, candles, dead-man's-switch requests) are kept as the topics' own Avro bytes; the rest as
 * the view holds it.
 *
 * @param positions each topic partition's next offset to read ({@code topic-partition}), so that
 *     the view goes on from exactly where the snapshot was taken
 */
public record ViewSnapshot(long takenAt, Map<String, Long> positions, List<byte[]> reference,
    Map<String, BookLevels> books, Map<String, List<TradeView>> recentTrades, Map<String, User> users,
    List<byte[]> klines, List<byte[]> switchRequests) {

  /** A book's levels, best first, and the seq of its last delta. */
  public record BookLevels(long lastUpdateId, List<List<BigDecimal>> bids, List<List<BigDecimal>> asks) {}

  /** A user's orders (in the view's order), ended order ids (oldest first), trades and balances. */
  public record User(List<OrderView> orders, List<String> ended, List<TradeView> trades, List<BalanceView> balances) {}
}
