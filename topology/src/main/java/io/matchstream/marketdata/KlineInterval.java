package io.matchstream.marketdata;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Binance's kline intervals, aligned in UTC as Binance aligns them: fixed sizes from the epoch,
 * weeks from Monday, months from the first. The app aggregates four of them from the trades
 * ({@link #streamed()}); every other one is an exact composition of one of those four ({@link #source()}):
 * open, close, high, low, volumes and counts all compose.
 */
public enum KlineInterval {
  S1("1s", 1_000L),
  M1("1m", 60_000L),
  M3("3m", 3 * 60_000L),
  M5("5m", 5 * 60_000L),
  M15("15m", 15 * 60_000L),
  M30("30m", 30 * 60_000L),
  H1("1h", 3_600_000L),
  H2("2h", 2 * 3_600_000L),
  H4("4h", 4 * 3_600_000L),
  H6("6h", 6 * 3_600_000L),
  H8("8h", 8 * 3_600_000L),
  H12("12h", 12 * 3_600_000L),
  D1("1d", 86_400_000L),
  D3("3d", 3 * 86_400_000L),
  W1("1w", 7 * 86_400_000L),
  MO1("1M", 0L);

  private static final long DAY = 86_400_000L;
  /** 1970-01-01 was a Thursday: weeks start four days later. */
  private static final long FIRST_MONDAY = 4 * DAY;

  private final String code;
  private final long size;

  KlineInterval(String code, long size) {
    this.code = code;
    this.size = size;
  }

  /** Binance's name: {@code 1s}, {@code 1m} ... {@code 1M}. */
  public String code() {
    return code;
  }

  public static Optional<KlineInterval> of(String code) {
    return Arrays.stream(values()).filter(i -> i.code.equals(code)).findFirst();
  }

  /** The intervals the app aggregates from trades. */
  public static List<KlineInterval> aggregated() {
    return List.of(S1, M1, H1, D1);
  }

  public boolean streamed() {
    return aggregated().contains(this);
  }

  /** The aggregated interval this one is composed of. */
  public KlineInterval source() {
    if (this == S1) {
      return S1;
    }
    if (ordinal() < H1.ordinal()) {
      return M1;
    }
    return ordinal() < D1.ordinal() ? H1 : D1;
  }

  /** The window's length in ms; a month's depends on the month, so ask {@link #next}. */
  public long fixedSize() {
    if (this == MO1) {
      throw new IllegalStateException("a month has no fixed size");
    }
    return size;
  }

  /** The start of the window that holds {@code ts}. */
  public long openTime(long ts) {
    if (this == MO1) {
      ZonedDateTime t = Instant.ofEpochMilli(ts).atZone(ZoneOffset.UTC);
      return t.withDayOfMonth(1).toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
    long offset = this == W1 ? FIRST_MONDAY : 0;
    return ts - Math.floorMod(ts - offset, size);
  }

  /** The start of the window after the one that opens at {@code openTime}. */
  public long next(long openTime) {
    if (this == MO1) {
      return Instant.ofEpochMilli(openTime).atZone(ZoneOffset.UTC).plusMonths(1).toInstant().toEpochMilli();
    }
    return openTime + size;
  }

  /** The window's last millisecond, as Binance gives {@code closeTime}. */
  public long closeTime(long openTime) {
    return next(openTime) - 1;
  }
}
