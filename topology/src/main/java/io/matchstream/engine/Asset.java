package io.matchstream.engine;

/** An asset and how many decimals its balances keep. */
public record Asset(String code, int scale) {
  /**
   * Every amount of an asset that enters the exchange (a deposit and the balance it makes, a price,
   * a quantity, a notional) stays below 10^18 whole coins. The topics' decimal(38,18) holds 10^20
   * and 128-bit units 1.7 × 10^20 at scale 18, so sums of capped amounts have a hundredfold room.
   */
  public static final int LIMIT_DIGITS = 18;

  /** The first amount past the cap, in units. */
  public Units limit() {
    return Units.pow10(LIMIT_DIGITS + scale);
  }
}
