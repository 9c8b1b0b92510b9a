package io.matchstream.gateway.view;

import java.math.BigDecimal;

/**
 * One {@link BigDecimal} for each value seen lately: a book's prices, the lots users trade and the
 * fees they pay repeat across the millions of orders and trades the view keeps, and the topics
 * give each record its own copies (with 10 million events in the topics a gateway kept 10 million
 * decimals, 400 MB of its 1 GiB). A direct-mapped table: a value takes its slot from the one there
 * before, so the table never grows and a value that does not repeat costs nothing but its own copy.
 * Read and written by any thread without a lock: a BigDecimal is immutable (its fields final), so a
 * slot read by another thread holds either value, whole.
 */
final class SharedDecimals {
  private static final int SLOTS = 1 << 17;
  private static final BigDecimal[] TABLE = new BigDecimal[SLOTS];

  private SharedDecimals() {}

  /** The value kept for {@code value}'s number and scale, or {@code value}, kept from now on. */
  static BigDecimal share(BigDecimal value) {
    int hash = value.hashCode();
    int slot = (hash ^ (hash >>> 17)) & (SLOTS - 1);
    BigDecimal kept = TABLE[slot];
    if (value.equals(kept)) {
      return kept;
    }
    TABLE[slot] = value;
    return value;
  }
}
