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
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0).toPlainString() : stripped.toPlainString();
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
