package io.matchstream.engine;

import java.math.BigInteger;

/** Integer arithmetic on units, exact or with an explicit rounding, never wrapping. */
public final class Money {
  private static final long[] POW10 = new long[19];

  static {
    POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) {
      POW10[i] = POW10[i - 1] * 10;
    }
  }

  private Money() {}

  public static long pow10(int exponent) {
    if (exponent < 0 || exponent >= POW10.length) {
      throw new ArithmeticException("10^" + exponent + " does not fit a long");
    }
    return POW10[exponent];
  }

  /** a * b for non-negative operands, or Long.MAX_VALUE when that does not fit. */
  public static long saturatedMultiply(long a, long b) {
    long high = Math.multiplyHigh(a, b);
    long low = a * b;
    return high == 0 && low >= 0 ? low : Long.MAX_VALUE;
  }

  /** floor(a * b / divisor) for non-negative operands, through a 128-bit product. */
  public static long mulDivFloor(long a, long b, long divisor) {
    long high = Math.multiplyHigh(a, b);
    long low = a * b;
    if (high == 0 && low >= 0) {
      return low / divisor;
    }
    return BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).divide(BigInteger.valueOf(divisor)).longValueExact();
  }

  /** ceil(a * b / divisor) for non-negative operands, through a 128-bit product. */
  public static long mulDivCeil(long a, long b, long divisor) {
    long high = Math.multiplyHigh(a, b);
    long low = a * b;
    if (high == 0 && low >= 0) {
      long quotient = low / divisor;
      return low % divisor == 0 ? quotient : quotient + 1;
    }
    BigInteger[] qr = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).divideAndRemainder(BigInteger.valueOf(divisor));
    return (qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE)).longValueExact();
  }

  /**
   * The quote value of {@code quantity} (base units) at {@code price} (quote units per whole base):
   * exact whenever the symbol's tick and lot decimals fit the quote scale, as SPEC requires.
   */
  public static long notional(long price, long quantity, int baseScale) {
    return mulDivFloor(price, quantity, pow10(baseScale));
  }
}
