package io.matchstream.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/** Exact decimal text and Avro {@code decimal} values: the one place that decides how amounts look. */
public final class Decimals {
  private Decimals() {}

  /** Canonical text: plain notation, no trailing zeros, {@code "0"} for zero. */
  public static String format(BigDecimal value) {
    if (value.signum() == 0) {
      return "0";
    }
    BigDecimal narrowed = narrowed(value);
    if (narrowed.scale() <= 0) {
      return narrowed.toPlainString();
    }
    // trimmed as text: stripTrailingZeros divides a wide unscaled value by ten once per zero
    String plain = narrowed.toPlainString();
    int end = plain.length();
    while (plain.charAt(end - 1) == '0') {
      end--;
    }
    if (plain.charAt(end - 1) == '.') {
      end--;
    }
    return plain.substring(0, end);
  }

  private static final BigInteger BILLION = BigInteger.valueOf(1_000_000_000L);

  /**
   * The same value with fewer trailing zeros where that makes its digits fit a long, nine at a
   * time (a division by one word). Every wire value has 18 decimals, so a price of 10 has 65 bits:
   * narrowed, its text and arithmetic take the long paths of BigDecimal.
   */
  private static BigDecimal narrowed(BigDecimal value) {
    BigInteger unscaled = value.unscaledValue();
    int scale = value.scale();
    while (unscaled.bitLength() > 63 && scale >= 9) {
      BigInteger[] quotientAndRemainder = unscaled.divideAndRemainder(BILLION);
      if (quotientAndRemainder[1].signum() != 0) {
        break;
      }
      unscaled = quotientAndRemainder[0];
      scale -= 9;
    }
    return scale == value.scale() ? value : new BigDecimal(unscaled, scale);
  }

  /**
   * Brings a value to an Avro decimal's scale. A value that does not fit (more decimals than the
   * scale, or more digits than the precision) becomes a value of the same sign whose last decimal
   * is not zero: no step, asset scale or rate (all at most 18 decimals) accepts it, so the command
   * is rejected for exactly the reason the original value would have caused.
   */
  public static BigDecimal fit(BigDecimal value, Schema decimalSchema) {
    LogicalTypes.Decimal type = (LogicalTypes.Decimal) decimalSchema.getLogicalType();
    int scale = type.getScale();
    int precision = type.getPrecision();
    try {
      BigDecimal exact = value.setScale(scale, RoundingMode.UNNECESSARY);
      if (exact.precision() <= precision) {
        return exact;
      }
      BigInteger allNines = BigInteger.TEN.pow(precision).subtract(BigInteger.ONE);
      return new BigDecimal(value.signum() < 0 ? allNines.negate() : allNines, scale);
    } catch (ArithmeticException tooManyDecimals) {
      return BigDecimal.valueOf(value.signum(), scale);
    }
  }
}
