package io.matchstream.engine;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeeCreditTest {
  @Test
  void aFeeCreditForAUsersAccountIsAnInternalErrorNotMoney() {
    InMemoryRiskState state = new InMemoryRiskState();
    RiskEngine risk = new RiskEngine(new ReferenceBook(), state);
    Settlement forged = new Settlement("u1", "BTC-USDT", 1,
        List.of(new Settlement.FeeCredit("USDT", Units.of(BigInteger.valueOf(1_000_000)))));
    assertThatThrownBy(() -> risk.settle(forged, new Events.EventSink() {
      @Override public void trade(Events.TradeEvent event) {}
      @Override public void order(Events.OrderUpdate event) {}
      @Override public void delta(Events.LevelDelta event) {}
      @Override public void balance(Events.BalanceUpdate event) {}
      @Override public void reject(Events.Rejection event) {}
    }))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("no fees account");
  }
}
