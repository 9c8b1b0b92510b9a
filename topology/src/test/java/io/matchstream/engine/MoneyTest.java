package io.matchstream.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MoneyTest {
  @Test
  void productsBeyondALongAreExactThrough128Bits() {
    // 9e18 units of price × 1e8 units of quantity / 1e8: the product overflows, the result does not
    assertThat(Money.mulDivFloor(9_000_000_000_000_000_000L, 100_000_000L, 100_000_000L)).isEqualTo(9_000_000_000_000_000_000L);
    assertThat(Money.mulDivCeil(Long.MAX_VALUE, 3, 4)).isEqualTo(6917529027641081856L);
  }

  @Test
  void aResultBeyondALongIsAnErrorNotAWrappedNumber() {
    assertThatThrownBy(() -> Money.mulDivFloor(Long.MAX_VALUE, Long.MAX_VALUE, 2)).isInstanceOf(ArithmeticException.class);
    assertThat(Money.saturatedMultiply(Long.MAX_VALUE, 2)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void feesRoundUpToWholeUnits() {
    FeeRate rate = new FeeRate(25, 4); // 0.0025
    assertThat(rate.feeOn(9_999_000)).isEqualTo(24_998); // 24997.5 -> 24998
    assertThat(rate.feeOn(400)).isEqualTo(1);
    assertThat(rate.feeOn(0)).isZero();
    assertThat(new FeeRate(0, 0).feeOn(1_000)).isZero();
  }

  @Test
  void decimalsKnowWhetherTheyFitAScale() {
    assertThat(Dec.of("1.50")).isEqualTo(new Dec(15, 1));
    assertThat(Dec.of("1.50").unitsAt(6)).isEqualTo(1_500_000);
    assertThat(Dec.of("0.333333333333333333333").fitsScale(18)).isFalse();
    assertThat(Dec.of("100000000000000000000").fitsScale(18)).as("too many digits for a long").isFalse();
    assertThat(Dec.of("9223372036854.775807").unitsAt(6)).as("19 digits still fit").isEqualTo(Long.MAX_VALUE);
    assertThat(Dec.of("1.000000000000000001").unitsAt(18)).isEqualTo(1_000_000_000_000_000_001L);
    assertThat(Dec.of("1E+3").unitsAt(0)).isEqualTo(1000);
    assertThatThrownBy(() -> Dec.of("10000000000").unitsAt(10)).isInstanceOf(ArithmeticException.class);
  }
}
