package io.matchstream.engine;

import java.math.BigDecimal;

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
    BigDecimal stripped = value.stripTrailingZeros();
    if (stripped.scale() < 0) {
      stripped = stripped.setScale(0);
    }
    if (stripped.unscaledValue().bitLength() > 127) {
      return new Dec(Units.of(stripped.signum()), UNREPRESENTABLE);
    }
    return new Dec(Units.of(stripped.unscaledValue()), stripped.scale());
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
