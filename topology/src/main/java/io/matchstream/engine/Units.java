package io.matchstream.engine;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A whole number of units (of an asset's or a price's scale) in 128-bit two's complement: an
 * 18-decimal asset holds 10^20 coins, a long only 9.2. Immutable; arithmetic is exact and throws
 * ArithmeticException rather than wrap. Values that fit a long, nearly all of them, take a path of
 * long operations; the rest go through the full 128 bits or, for products, BigInteger.
 */
public final class Units implements Comparable<Units> {
  public static final Units ZERO = new Units(0, 0);
  public static final Units ONE = new Units(0, 1);
  /** The largest value: 2^127 - 1. */
  public static final Units MAX = new Units(Long.MAX_VALUE, -1);

  private static final Units[] POW10 = new Units[39];

  static {
    BigInteger power = BigInteger.ONE;
    for (int i = 0; i < POW10.length; i++) {
      POW10[i] = of(power);
      power = power.multiply(BigInteger.TEN);
    }
  }

  private final long hi;
  private final long lo;

  private Units(long hi, long lo) {
    this.hi = hi;
    this.lo = lo;
  }

  public static Units of(long value) {
    // always a new object: one that may be a shared constant instead keeps the JIT from
    // eliminating the temporaries of an expression (escape analysis cannot merge the two)
    return new Units(value >> 63, value);
  }

  /** The value, or ArithmeticException when it needs more than 128 bits. */
  public static Units of(BigInteger value) {
    // every decimal a command or a settlement carries comes through here: most fit a long
    if (value.bitLength() < 64) {
      return of(value.longValue());
    }
    if (value.bitLength() > 127) {
      throw new ArithmeticException(value + " does not fit 128 bits");
    }
    return new Units(value.shiftRight(64).longValue(), value.longValue());
  }

  /** From the two words {@link #high()} and {@link #low()} gave. */
  public static Units of(long high, long low) {
    return new Units(high, low);
  }

  /** 10^exponent, for 0 ≤ exponent ≤ 38. */
  public static Units pow10(int exponent) {
    if (exponent < 0 || exponent >= POW10.length) {
      throw new ArithmeticException("10^" + exponent + " does not fit 128 bits");
    }
    return POW10[exponent];
  }

  public long high() {
    return hi;
  }

  public long low() {
    return lo;
  }

  public boolean fitsLong() {
    return hi == lo >> 63;
  }

  public long longValueExact() {
    if (!fitsLong()) {
      throw new ArithmeticException(this + " does not fit a long");
    }
    return lo;
  }

  public int signum() {
    return hi < 0 ? -1 : (hi | lo) == 0 ? 0 : 1;
  }

  public boolean isZero() {
    return (hi | lo) == 0;
  }

  public boolean isPositive() {
    return hi > 0 || (hi == 0 && lo != 0);
  }

  // each operation: a small fast path the JIT inlines at every call site, the rest out of line

  public Units add(Units other) {
    if (fitsLong() && other.fitsLong()) {
      long sum = lo + other.lo;
      if (((lo ^ sum) & (other.lo ^ sum)) >= 0) {
        return of(sum);
      }
    }
    return addWide(other);
  }

  private Units addWide(Units other) {
    long low = lo + other.lo;
    long carry = Long.compareUnsigned(low, lo) < 0 ? 1 : 0;
    long high = hi + other.hi + carry;
    // with a carry in, a signed overflow still shows as operands of one sign and a sum of the other
    if (((hi ^ high) & (other.hi ^ high)) < 0) {
      throw new ArithmeticException("128-bit overflow: " + this + " + " + other);
    }
    return of(high, low);
  }

  public Units subtract(Units other) {
    if (fitsLong() && other.fitsLong()) {
      long difference = lo - other.lo;
      if (((lo ^ other.lo) & (lo ^ difference)) >= 0) {
        return of(difference);
      }
    }
    return subtractWide(other);
  }

  private Units subtractWide(Units other) {
    long low = lo - other.lo;
    long borrow = Long.compareUnsigned(lo, other.lo) < 0 ? 1 : 0;
    long high = hi - other.hi - borrow;
    if (((hi ^ other.hi) & (hi ^ high)) < 0) {
      throw new ArithmeticException("128-bit overflow: " + this + " - " + other);
    }
    return of(high, low);
  }

  public Units multiply(Units other) {
    if (fitsLong() && other.fitsLong()) {
      long high = Math.multiplyHigh(lo, other.lo);
      long low = lo * other.lo;
      if (high == low >> 63) {
        return of(low);
      }
    }
    return multiplyWide(other);
  }

  private Units multiplyWide(Units other) {
    return of(toBigInteger().multiply(other.toBigInteger()));
  }

  /** floor(this / divisor) for a non-negative value and a positive divisor. */
  public Units divide(Units divisor) {
    if (fitsLong() && divisor.fitsLong()) {
      return of(lo / divisor.lo);
    }
    return divideWide(divisor);
  }

  private Units divideWide(Units divisor) {
    return of(toBigInteger().divide(divisor.toBigInteger()));
  }

  /** Whether this is a whole multiple of {@code step} (positive). */
  public boolean isMultipleOf(Units step) {
    if (fitsLong() && step.fitsLong()) {
      return lo % step.lo == 0;
    }
    return isMultipleOfWide(step);
  }

  private boolean isMultipleOfWide(Units step) {
    return toBigInteger().mod(step.toBigInteger()).signum() == 0;
  }

  /** floor(this × factor / divisor) for non-negative operands, exact through the full product. */
  public Units mulDivFloor(Units factor, Units divisor) {
    if (fitsLong() && factor.fitsLong() && divisor.fitsLong()) {
      long high = Math.multiplyHigh(lo, factor.lo);
      long low = lo * factor.lo;
      if (high == 0 && low >= 0) {
        return of(low / divisor.lo);
      }
    }
    return mulDivFloorWide(factor, divisor);
  }

  private Units mulDivFloorWide(Units factor, Units divisor) {
    return of(toBigInteger().multiply(factor.toBigInteger()).divide(divisor.toBigInteger()));
  }

  /** ceil(this × factor / divisor) for non-negative operands, exact through the full product. */
  public Units mulDivCeil(Units factor, Units divisor) {
    if (fitsLong() && factor.fitsLong() && divisor.fitsLong()) {
      long high = Math.multiplyHigh(lo, factor.lo);
      long low = lo * factor.lo;
      if (high == 0 && low >= 0) {
        long quotient = low / divisor.lo;
        return of(low % divisor.lo == 0 ? quotient : quotient + 1);
      }
    }
    return mulDivCeilWide(factor, divisor);
  }

  private Units mulDivCeilWide(Units factor, Units divisor) {
    BigInteger[] qr = toBigInteger().multiply(factor.toBigInteger()).divideAndRemainder(divisor.toBigInteger());
    return of(qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE));
  }

  public static Units min(Units a, Units b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  public boolean lessThan(Units other) {
    return compareTo(other) < 0;
  }

  public boolean greaterThan(Units other) {
    return compareTo(other) > 0;
  }

  @Override
  public int compareTo(Units other) {
    return hi != other.hi ? Long.compare(hi, other.hi) : Long.compareUnsigned(lo, other.lo);
  }

  public BigInteger toBigInteger() {
    if (fitsLong()) {
      return BigInteger.valueOf(lo);
    }
    return BigInteger.valueOf(hi).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(lo)));
  }

  /** The value as a decimal with {@code scale} decimals: units of 10^-scale. */
  public BigDecimal toDecimal(int scale) {
    return fitsLong() ? BigDecimal.valueOf(lo, scale) : new BigDecimal(toBigInteger(), scale);
  }

  /** Whether the two hold the same value: {@link #equals} without the type check. */
  public boolean same(Units other) {
    return lo == other.lo && hi == other.hi;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Units u && same(u);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(hi * 31 + lo);
  }

  @Override
  public String toString() {
    return fitsLong() ? Long.toString(lo) : toBigInteger().toString();
  }
}
