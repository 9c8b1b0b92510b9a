package io.matchstream.engine;

/** A fee rate in [0, 1) with at most 18 decimals. */
public record FeeRate(Units unscaled, int scale) {
  /** The fee on {@code amount} units, rounded up to whole units. */
  public Units feeOn(Units amount) {
    return unscaled.isZero() ? Units.ZERO : amount.mulDivCeil(unscaled, Units.pow10(scale));
  }
}
