package io.matchstream.gateway.view;

import io.matchstream.marketdata.Candles;
import io.matchstream.marketdata.KlineInterval;
import io.matchstream.schema.Kline;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One symbol's candles as the klines topic has them (the four aggregated intervals), the latest
 * of each kept up to a cap, and every Binance interval composed from them on demand. The MySQL
 * table keeps them all.
 */
final class KlineHistory {
  /**
   * Per aggregated interval, how many of the latest candles stay: 16 minutes of 1s, 25 hours of 1m
   * (the 24-hour ticker's minutes), 166 days of 1h, five years of 1d.
   */
  static final Map<KlineInterval, Integer> KEPT = Map.of(
      KlineInterval.S1, 1_000, KlineInterval.M1, 1_500, KlineInterval.H1, 4_000, KlineInterval.D1, 2_000);

  private final String symbol;
  private final Map<KlineInterval, NavigableMap<Long, Kline>> candles = new EnumMap<>(KlineInterval.class);

  KlineHistory(String symbol) {
    this.symbol = symbol;
  }

  /** Every candle kept, for a snapshot. */
  List<Kline> all() {
    List<Kline> all = new ArrayList<>();
    candles.values().forEach(kept -> all.addAll(kept.values()));
    return all;
  }

  /** Takes a candle's latest state; one of an interval the app does not aggregate is ignored. */
  void put(Kline kline) {
    KlineInterval interval = KlineInterval.of(kline.getInterval()).filter(KlineInterval::streamed).orElse(null);
    if (interval == null) {
      return;
    }
    NavigableMap<Long, Kline> kept = candles.computeIfAbsent(interval, i -> new TreeMap<>());
    kept.put(kline.getOpenTime(), kline);
    while (kept.size() > KEPT.get(interval)) {
      kept.pollFirstEntry();
    }
  }

  /**
   * The candles of {@code interval} that open within {@code start}..{@code end} (either may be
   * null), oldest first: the first {@code limit} when {@code start} is set, else the latest.
   */
  List<Kline> klines(KlineInterval interval, Long start, Long end, int limit) {
    NavigableMap<Long, Kline> source = candles.getOrDefault(interval.source(), new TreeMap<>());
    // whole windows: the first that opens at or after start, up to the one that holds end
    long from = start == null ? Long.MIN_VALUE
        : interval.openTime(start) == start ? start : interval.next(interval.openTime(start));
    long to = end == null ? Long.MAX_VALUE : interval.closeTime(interval.openTime(end));
    if (to < from) {
      return List.of();
    }
    boolean ascending = start != null;
    NavigableMap<Long, Kline> range = source.subMap(from, true, to, true);
    List<Kline> out = new ArrayList<>();
    List<Kline> group = new ArrayList<>();
    long groupOpen = 0;
    for (Kline part : ascending ? range.values() : range.descendingMap().values()) {
      long open = interval.openTime(part.getOpenTime());
      if (!group.isEmpty() && open != groupOpen) {
        out.add(Candles.compose(symbol, interval, groupOpen, group));
        group.clear();
        if (out.size() == limit) {
          break;
        }
      }
      groupOpen = open;
      group.add(part);
    }
    if (!group.isEmpty() && out.size() < limit) {
      out.add(Candles.compose(symbol, interval, groupOpen, group));
    }
    if (!ascending) {
      Collections.reverse(out);
    }
    return out;
  }

  /** The candle of {@code interval} that opens at {@code openTime}, composed; trades 0 when it has none. */
  Kline candle(KlineInterval interval, long openTime) {
    NavigableMap<Long, Kline> source = candles.getOrDefault(interval.source(), new TreeMap<>());
    return Candles.compose(symbol, interval, openTime,
        List.copyOf(source.subMap(openTime, true, interval.next(openTime), false).values()));
  }

  /**
   * The trades of the windows of {@code interval} that open from {@code from} to {@code to}, as one
   * candle (its window fields are left to the caller); trades 0 when there were none.
   */
  Kline span(KlineInterval interval, long from, long to) {
    NavigableMap<Long, Kline> source = candles.getOrDefault(interval, new TreeMap<>());
    return Candles.compose(symbol, interval, from, List.copyOf(source.subMap(from, true, to, true).values()));
  }

  /** The last candle of {@code interval} that opens before {@code time}, or null. */
  Kline before(KlineInterval interval, long time) {
    var entry = candles.getOrDefault(interval, new TreeMap<>()).lowerEntry(time);
    return entry == null ? null : entry.getValue();
  }
}
