package io.matchstream.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MoneyTest {
  private static final BigInteger MAX = BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE);
  private static final BigInteger MIN = BigInteger.ONE.shiftLeft(127).negate();

  private static Units u(String digits) {
    return Units.of(new BigInteger(digits));
  }

  @Test
  void eighteenDecimalAmountsOfATrillionCoinsAreExact() {
    Units balance = u("1000000000000").multiply(Units.pow10(18)); // 10^12 coins at scale 18
    Units price = Dec.of("30000.123456789012345678").unitsAt(18);
    Units quantity = Dec.of("123456.000000000000000001").unitsAt(18);
    assertThat(Money.notional(price, quantity, 18).toDecimal(18))
        .isEqualByComparingTo("3703695241.481344308148053168"); // floor of the exact product
    assertThat(balance.subtract(quantity).add(quantity)).isEqualTo(balance);
    assertThat(balance.toString()).isEqualTo("1" + "0".repeat(30));
  }

  @Test
  void sumsAndDifferencesMatchBigIntegerAcrossTheWordBoundary() {
    SplittableRandom random = new SplittableRandom(17);
    for (int i = 0; i < 20_000; i++) {
      BigInteger a = sample(random);
      BigInteger b = sample(random);
      check(a.add(b), () -> Units.of(a).add(Units.of(b)));
      check(a.subtract(b), () -> Units.of(a).subtract(Units.of(b)));
      assertThat(Integer.signum(Units.of(a).compareTo(Units.of(b)))).isEqualTo(a.compareTo(b));
      assertThat(Units.of(a).toBigInteger()).isEqualTo(a);
      assertThat(Units.of(a).signum()).isEqualTo(a.signum());
    }
  }

  @Test
  void productsAndQuotientsMatchBigInteger() {
    SplittableRandom random = new SplittableRandom(23);
    for (int i = 0; i < 20_000; i++) {
      BigInteger a = sample(random).abs().shiftRight(random.nextInt(128));
      BigInteger b = sample(random).abs().shiftRight(random.nextInt(128));
      BigInteger d = sample(random).abs().shiftRight(random.nextInt(128)).add(BigInteger.ONE);
      check(a.multiply(b), () -> Units.of(a).multiply(Units.of(b)));
      check(a.multiply(b).divide(d), () -> Units.of(a).mulDivFloor(Units.of(b), Units.of(d)));
      BigInteger[] qr = a.multiply(b).divideAndRemainder(d);
      check(qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE),
          () -> Units.of(a).mulDivCeil(Units.of(b), Units.of(d)));
      check(a.divide(d), () -> Units.of(a).divide(Units.of(d)));
      assertThat(Units.of(a).isMultipleOf(Units.of(d))).isEqualTo(a.mod(d).signum() == 0);
    }
  }

  @Test
  void aResultPast128BitsIsAnErrorNotAWrappedNumber() {
    assertThatThrownBy(() -> Units.MAX.add(Units.ONE)).isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> Units.of(MIN).subtract(Units.ONE)).isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> Units.pow10(20).multiply(Units.pow10(19))).isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> Units.of(MAX.add(BigInteger.ONE))).isInstanceOf(ArithmeticException.class);
    assertThat(Units.of(Long.MAX_VALUE).add(Units.ONE).toBigInteger())
        .isEqualTo(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE));
  }

  @Test
  void storedWordsGiveTheValueBack() {
    Units value = u("-123456789012345678901234567890");
    assertThat(Units.of(value.high(), value.low())).isEqualTo(value);
    assertThat(Units.of(0, 42)).isEqualTo(Units.of(42));
  }

  @Test
  void feesRoundUpToWholeUnits() {
    FeeRate rate = new FeeRate(Units.of(25), 4); // 0.0025
    assertThat(rate.feeOn(Units.of(9_999_000))).isEqualTo(Units.of(24_998)); // 24997.5 -> 24998
    assertThat(rate.feeOn(Units.of(400))).isEqualTo(Units.ONE);
    assertThat(rate.feeOn(Units.ZERO)).isEqualTo(Units.ZERO);
    assertThat(new FeeRate(Units.ZERO, 0).feeOn(Units.of(1_000))).isEqualTo(Units.ZERO);
    assertThat(rate.feeOn(u("400000000000000000000000000000"))).isEqualTo(u("1000000000000000000000000000"));
  }

  @Test
  void decimalsKnowWhetherTheyFitAScale() {
    assertThat(Dec.of("1.50")).isEqualTo(new Dec(Units.of(15), 1));
    assertThat(Dec.of("1.50").unitsAt(6)).isEqualTo(Units.of(1_500_000));
    assertThat(Dec.of("0.333333333333333333333").fitsScale(18)).isFalse();
    assertThat(Dec.of("100000000000000000000").unitsAt(18)).as("past a long, within 128 bits")
        .isEqualTo(Units.pow10(38));
    assertThat(Dec.of("1" + "0".repeat(39)).fitsScale(18)).as("too many digits for 128 bits").isFalse();
    assertThat(Dec.of("1.000000000000000001").unitsAt(18)).isEqualTo(Units.of(1_000_000_000_000_000_001L));
    assertThat(Dec.of("1E+3").unitsAt(0)).isEqualTo(Units.of(1000));
    assertThatThrownBy(() -> Dec.of("1000000000000000000000").unitsAt(18)).isInstanceOf(ArithmeticException.class);
  }

  private static void check(BigInteger exact, java.util.function.Supplier<Units> computed) {
    if (exact.compareTo(MAX) > 0 || exact.compareTo(MIN) < 0) {
      assertThatThrownBy(computed::get).isInstanceOf(ArithmeticException.class);
    } else {
      assertThat(computed.get().toBigInteger()).isEqualTo(exact);
    }
  }

  /** Values near 0, near a long's edges and across all 128 bits. */
  private static BigInteger sample(SplittableRandom random) {
    return switch (random.nextInt(4)) {
      case 0 -> BigInteger.valueOf(random.nextLong(-1000, 1000));
      case 1 -> BigInteger.valueOf(random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE)
          .add(BigInteger.valueOf(random.nextLong(-3, 3)));
      case 2 -> BigInteger.valueOf(random.nextLong());
      default -> new BigInteger(128, new java.util.Random(random.nextLong())).subtract(BigInteger.ONE.shiftLeft(127));
    };
  }

  /** The fast ways to strip trailing zeros give what BigDecimal's stripTrailingZeros gives. */
  @Test
  void strippingTrailingZerosMatchesBigDecimal() {
    SplittableRandom random = new SplittableRandom(17);
    for (int i = 0; i < 200_000; i++) {
      BigInteger unscaled = new BigInteger(1 + random.nextInt(130), new java.util.Random(random.nextLong()))
          .multiply(BigInteger.TEN.pow(random.nextInt(25)));
      BigDecimal value = new BigDecimal(random.nextBoolean() ? unscaled : unscaled.negate(), random.nextInt(-3, 31));
      BigDecimal stripped = value.stripTrailingZeros();
      if (stripped.scale() < 0) {
        stripped = stripped.setScale(0);
      }
      assertThat(io.matchstream.codec.Decimals.format(value)).as("%s", value)
          .isEqualTo(value.signum() == 0 ? "0" : stripped.toPlainString());
      Dec dec = Dec.of(value);
      if (value.signum() == 0) {
        assertThat(dec).isEqualTo(Dec.ZERO);
      } else if (stripped.unscaledValue().bitLength() <= 127) {
        assertThat(dec).as("%s", value).isEqualTo(new Dec(Units.of(stripped.unscaledValue()), stripped.scale()));
      } else {
        assertThat(dec.fitsScale(1000)).as("%s does not fit 128 bits", value).isFalse();
      }
    }
  }
}
