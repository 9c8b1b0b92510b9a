package io.matchstream.gateway.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The view's decimals: exact, without trailing zeros, and one object per value seen lately. */
class PlainDecimalsTest {
  /** A decimal as the topics' Avro decoding makes it: an 18-decimal unscaled BigInteger. */
  private static BigDecimal fromTopic(String value) {
    BigDecimal scaled = new BigDecimal(value).setScale(18);
    return new BigDecimal(new BigInteger(scaled.unscaledValue().toByteArray()), 18);
  }

  @Test
  void equalValuesOfTwoRecordsAreOneObjectWithoutTrailingZeros() {
    BigDecimal first = ExchangeView.plain(fromTopic("100.50"));
    BigDecimal second = ExchangeView.plain(fromTopic("100.5"));
    assertThat(first).isSameAs(second);
    assertThat(first.toPlainString()).isEqualTo("100.5");
    assertThat(ExchangeView.plain(fromTopic("0.000000000000000001")).toPlainString()).isEqualTo("0.000000000000000001");
  }

  @Test
  void valuesBeyondALongStayExact() {
    String big = "123456789012345678901234.123456789";
    assertThat(ExchangeView.plain(fromTopic(big)).toPlainString()).isEqualTo(big);
    assertThat(ExchangeView.plain(fromTopic("-7.25")).toPlainString()).isEqualTo("-7.25");
    assertThat(ExchangeView.plain(fromTopic("0"))).isSameAs(BigDecimal.ZERO);
  }

  @Test
  void differentValuesInOneSlotAreEachKeptExactly() {
    for (int i = 1; i <= 300_000; i++) {
      BigDecimal value = BigDecimal.valueOf(i, 3);
      assertThat(ExchangeView.plain(fromTopic(value.toPlainString()))).isEqualByComparingTo(value);
    }
  }
}
