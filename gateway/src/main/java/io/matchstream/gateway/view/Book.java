package io.matchstream.gateway.view;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One symbol's price levels as the book-deltas topic gives them, and the {@code seq} of the last
 * delta applied: a depth snapshot's {@code lastUpdateId}.
 */
final class Book {
  private final NavigableMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Collections.reverseOrder());
  private final NavigableMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
  private long lastUpdateId;

  /** Sets a level's total (0 removes it); answers whether the side's best level changed. */
  boolean apply(long seq, boolean bid, BigDecimal price, BigDecimal quantity) {
    NavigableMap<BigDecimal, BigDecimal> side = bid ? bids : asks;
    Map.Entry<BigDecimal, BigDecimal> bestBefore = side.firstEntry();
    if (quantity.signum() == 0) {
      side.remove(price);
    } else {
      side.put(price, quantity);
    }
    lastUpdateId = seq;
    Map.Entry<BigDecimal, BigDecimal> bestAfter = side.firstEntry();
    return bestBefore == null ? bestAfter != null : !bestBefore.equals(bestAfter);
  }

  Depth snapshot(String symbol, int limit) {
    return new Depth(symbol, lastUpdateId, levels(bids, limit), levels(asks, limit));
  }

  BookTicker ticker(String symbol) {
    Map.Entry<BigDecimal, BigDecimal> bid = bids.firstEntry();
    Map.Entry<BigDecimal, BigDecimal> ask = asks.firstEntry();
    return new BookTicker(symbol, lastUpdateId, bid == null ? null : bid.getKey(), bid == null ? null : bid.getValue(),
        ask == null ? null : ask.getKey(), ask == null ? null : ask.getValue());
  }

  private static List<List<BigDecimal>> levels(NavigableMap<BigDecimal, BigDecimal> side, int limit) {
    List<List<BigDecimal>> levels = new ArrayList<>(Math.min(limit, side.size()));
    for (Map.Entry<BigDecimal, BigDecimal> level : side.entrySet()) {
      if (levels.size() == limit) {
        break;
      }
      levels.add(List.of(level.getKey(), level.getValue()));
    }
    return levels;
  }
}
