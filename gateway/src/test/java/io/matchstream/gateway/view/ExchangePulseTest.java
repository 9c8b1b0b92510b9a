package io.matchstream.gateway.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExchangePulseTest {
  private static final long T0 = 1_800_000_000_000L;
  private long now = T0;
  private final ExchangePulse pulse = new ExchangePulse(new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(now);
    }
  });

  @Test
  void countsLiveOrdersPerStepWithTheirP99AndForgetsStepsOlderThanTenMinutes() {
    for (int i = 0; i < 100; i++) {
      pulse.onOrder(first(now - (i == 99 ? 40 : 2)));  // one slow order in a hundred
    }
    pulse.onOrder(first(now - 120_000));  // history read at start: not live
    pulse.onOrder(later(now - 1));  // a fill of an order counted already
    now += ExchangePulse.STEP_MS;
    pulse.onOrder(first(now - 3));

    List<ExchangePulse.Point> points = pulse.lastMinutes();
    assertThat(points).hasSize(ExchangePulse.STEPS);
    ExchangePulse.Point before = points.get(points.size() - 2);
    assertThat(before.ordersPerSecond()).isEqualTo(100 * 1000.0 / ExchangePulse.STEP_MS);
    assertThat(before.p99Ms()).isEqualTo(2);
    assertThat(points.get(points.size() - 1).ordersPerSecond()).isEqualTo(1000.0 / ExchangePulse.STEP_MS);
    assertThat(points.get(points.size() - 1).p99Ms()).isEqualTo(3);

    now += ExchangePulse.STEPS * ExchangePulse.STEP_MS;
    assertThat(pulse.lastMinutes()).allMatch(p -> p.ordersPerSecond() == 0 && p.p99Ms() == 0);
  }

  private static OrderView first(long ts) {
    return OrderView.asked("BTCUSDT", "1", "c", "u", "BUY", "LIMIT", "GTC", BigDecimal.ONE, BigDecimal.ONE, null, null, ts,
        null, null);
  }

  private static OrderView later(long ts) {
    OrderView order = first(ts - 1000);
    return new OrderView(order.symbol(), order.orderId(), order.clientOrderId(), order.userId(), order.side(),
        order.type(), order.timeInForce(), order.price(), order.origQty(), order.origQuoteOrderQty(),
        order.selfTradePreventionMode(), "FILLED", order.executedQty(), order.cummulativeQuoteQty(), null,
        order.time(), ts, order.stopPrice(), order.icebergQty(), true);
  }
}
