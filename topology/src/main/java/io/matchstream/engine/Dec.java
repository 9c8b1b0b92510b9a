package io.matchstream.engine;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * An exact decimal as the engine reads it: unscaled {@link Units} and scale, trailing zeros
 * stripped, so {@code decimals()} is the number of significant decimals. A value whose digits do
 * not fit 128 bits keeps only its sign and fits no scale: every check that needs it fails.
 */
public record Dec(Units unscaled, int scale) {
  private static final int UNREPRESENTABLE = Integer.MAX_VALUE;
  public static final Dec ZERO = new Dec(Units.ZERO, 0);

  public static Dec of(BigDecimal value) {
    if (value == null) {
      return null;
    }
    if (value.signum() == 0) {
      return ZERO;
    }
    Dec fast = value.scale() > 0 ? stripped(value) : null;
    if (fast != null) {
      return fast;
    }
    BigDecimal stripped = value.stripTrailingZeros();
    if (stripped.scale() < 0) {
      stripped = stripped.setScale(0);
    }
    if (stripped.unscaledValue().bitLength() > 127) {
      return new Dec(Units.of(stripped.signum()), UNREPRESENTABLE);
    }
    return new Dec(Units.of(stripped.unscaledValue()), stripped.scale());
  }

  private static final BigInteger BILLION = BigInteger.valueOf(1_000_000_000L);

  /**
   * Strips trailing zeros of a non-zero value with a positive scale. Decoded amounts carry 18
   * decimals, so most have more than 63 bits: nine zeros at a time while they do (a one-word
   * division), then in a long; stripTrailingZeros divides the wide value once per zero. Null when
   * the value stays wider than a long. (The codec's Decimals.narrowed does the same for text; the
   * engine depends on nothing outside the JDK.)
   */
  private static Dec stripped(BigDecimal value) {
    BigInteger unscaled = value.unscaledValue();
    int scale = value.scale();
    while (unscaled.bitLength() > 63 && scale >= 9) {
      BigInteger[] quotientAndRemainder = unscaled.divideAndRemainder(BILLION);
      if (quotientAndRemainder[1].signum() != 0) {
        return null;
      }
      unscaled = quotientAndRemainder[0];
      scale -= 9;
    }
    if (unscaled.bitLength() > 63) {
      return null;
    }
    long u = unscaled.longValue();
    while (scale > 0 && u % 10 == 0) {
      u /= 10;
      scale--;
    }
    return new Dec(Units.of(u), scale);
  }

  public static Dec of(String text) {
    return of(new BigDecimal(text));
  }

  public int signum() {
    return unscaled.signum();
  }

  /** True when the value has no significant digit beyond {@code targetScale} decimals. */
  public boolean fitsScale(int targetScale) {
    return scale <= targetScale;
  }

  /** The value in units of 10^-targetScale; throws ArithmeticException when it does not fit. */
  public Units unitsAt(int targetScale) {
    if (!fitsScale(targetScale)) {
      throw new ArithmeticException("more decimals than " + targetScale);
    }
    return targetScale == scale ? unscaled : unscaled.multiply(Units.pow10(targetScale - scale));
  }
}
