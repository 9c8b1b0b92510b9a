package io.matchstream.gateway.view;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.StampedLock;

/**
 * One symbol's price levels as the book-deltas topic gives them, and the {@code seq} of the last
 * delta applied: a depth snapshot's {@code lastUpdateId}.
 *
 * <p>One thread (the feed's) applies deltas, each under a short write lock; any thread reads without
 * holding the feed up. A read copies the levels optimistically (the sides are concurrent maps, so a
 * copy made while a delta lands is safe, only perhaps torn) and keeps the copy only if no delta
 * landed meanwhile (the lock's stamp is still valid): the levels are then exactly those of
 * {@code lastUpdateId}. After {@link #OPTIMISTIC_TRIES} torn copies it copies under the read lock,
 * which holds the feed's next delta for that one copy only.
 */
final class Book {
  static final int OPTIMISTIC_TRIES = 3;
  private final NavigableMap<BigDecimal, BigDecimal> bids = new ConcurrentSkipListMap<>(Collections.reverseOrder());
  private final NavigableMap<BigDecimal, BigDecimal> asks = new ConcurrentSkipListMap<>();
  private final StampedLock lock = new StampedLock();
  private long lastUpdateId;

  /** Sets a level's total (0 removes it); answers whether the side's best level changed. Feed thread only. */
  boolean apply(long seq, boolean bid, BigDecimal price, BigDecimal quantity) {
    NavigableMap<BigDecimal, BigDecimal> side = bid ? bids : asks;
    Map.Entry<BigDecimal, BigDecimal> bestBefore = side.firstEntry();
    long stamp = lock.writeLock();
    try {
      if (quantity.signum() == 0) {
        side.remove(price);
      } else {
        side.put(price, quantity);
      }
      lastUpdateId = seq;
    } finally {
      lock.unlockWrite(stamp);
    }
    Map.Entry<BigDecimal, BigDecimal> bestAfter = side.firstEntry();
    return bestBefore == null ? bestAfter != null : !bestBefore.equals(bestAfter);
  }

  Depth snapshot(String symbol, int limit) {
    for (int i = 0; i < OPTIMISTIC_TRIES; i++) {
      long stamp = lock.tryOptimisticRead();
      if (stamp == 0) {
        Thread.onSpinWait();  // a delta is landing this instant
        continue;
      }
      long id = lastUpdateId;
      List<List<BigDecimal>> bidLevels = levels(bids, limit);
      List<List<BigDecimal>> askLevels = levels(asks, limit);
      if (lock.validate(stamp)) {
        return new Depth(symbol, id, bidLevels, askLevels);
      }
    }
    long stamp = lock.readLock();
    try {
      return new Depth(symbol, lastUpdateId, levels(bids, limit), levels(asks, limit));
    } finally {
      lock.unlockRead(stamp);
    }
  }

  BookTicker ticker(String symbol) {
    long stamp = lock.tryOptimisticRead();
    if (stamp != 0) {
      BookTicker ticker = tickerNow(symbol);
      if (lock.validate(stamp)) {
        return ticker;
      }
    }
    stamp = lock.readLock();
    try {
      return tickerNow(symbol);
    } finally {
      lock.unlockRead(stamp);
    }
  }

  private BookTicker tickerNow(String symbol) {
    Map.Entry<BigDecimal, BigDecimal> bid = bids.firstEntry();
    Map.Entry<BigDecimal, BigDecimal> ask = asks.firstEntry();
    return new BookTicker(symbol, lastUpdateId, bid == null ? null : bid.getKey(), bid == null ? null : bid.getValue(),
        ask == null ? null : ask.getKey(), ask == null ? null : ask.getValue());
  }

  /** The whole book, for a snapshot. Feed thread only (no delta lands meanwhile). */
  ViewSnapshot.BookLevels all() {
    return new ViewSnapshot.BookLevels(lastUpdateId, levels(bids, Integer.MAX_VALUE), levels(asks, Integer.MAX_VALUE));
  }

  /** A book as a snapshot had it; before the feed starts. */
  static Book of(ViewSnapshot.BookLevels levels) {
    Book book = new Book();
    levels.bids().forEach(level -> book.bids.put(level.get(0), level.get(1)));
    levels.asks().forEach(level -> book.asks.put(level.get(0), level.get(1)));
    book.lastUpdateId = levels.lastUpdateId();
    return book;
  }

  private static List<List<BigDecimal>> levels(NavigableMap<BigDecimal, BigDecimal> side, int limit) {
    List<List<BigDecimal>> levels = new ArrayList<>(Math.min(limit, Math.min(side.size(), 1024)));
    for (Map.Entry<BigDecimal, BigDecimal> level : side.entrySet()) {
      if (levels.size() == limit) {
        break;
      }
      levels.add(List.of(level.getKey(), level.getValue()));
    }
    return levels;
  }
}
