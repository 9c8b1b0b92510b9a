package io.matchstream.engine;

/** A fee rate in [0, 1) with at most 18 decimals, so every fee is one 128-bit product. */
public record FeeRate(long unscaled, int scale) {
  /** The fee on {@code amount} units, rounded up to whole units. */
  public long feeOn(long amount) {
    return unscaled == 0 ? 0 : Money.mulDivCeil(amount, unscaled, Money.pow10(scale));
  }
}
