package io.matchstream.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.codec.JsonCodec;
import io.matchstream.engine.Account;
import io.matchstream.engine.Balance;
import io.matchstream.engine.Exchange;
import io.matchstream.engine.Market;
import io.matchstream.engine.OrderBook;
import io.matchstream.engine.OrderLock;
import io.matchstream.engine.Units;
import io.matchstream.replay.SequentialReplay;
import io.matchstream.schema.BookDelta;
import io.matchstream.schema.Command;
import io.matchstream.schema.Deposit;
import io.matchstream.schema.RejectEvent;
import io.matchstream.schema.Side;
import io.matchstream.schema.Withdraw;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.apache.avro.specific.SpecificRecord;

/**
 * Invariants checked after every command of random streams (bad input included): conservation per
 * asset, locked equals what open orders hold, no negative balance, no crossed book, delta seq
 * contiguous and the book rebuilt from deltas equal to the engine's; and determinism.
 */
class EnginePropertiesTest {
  private final JsonCodec codec = new JsonCodec();

  @Property(tries = 25)
  void invariantsHoldAfterEveryCommand(
      @ForAll @LongRange(min = 1, max = 1_000_000_000L) long seed,
      @ForAll @IntRange(min = 1, max = 4) int symbols,
      @ForAll @IntRange(min = 2, max = 10) int users,
      @ForAll boolean advanced) throws IOException {
    List<String> lines = (advanced ? CommandGenerator.advanced(seed, 1200, symbols, users, true)
        : CommandGenerator.of(seed, 1200, symbols, users, true)).lines();
    SequentialReplay replay = new SequentialReplay();
    Map<String, BigDecimal> supply = new HashMap<>();
    Map<String, Long> lastSeq = new HashMap<>();
    Map<String, NavigableMap<BigDecimal, BigDecimal>> bookFromDeltas = new HashMap<>();
    StringWriter all = new StringWriter();
    for (String line : lines) {
      StringWriter out = new StringWriter();
      replay.apply(line, out);
      all.write(out.toString());
      List<SpecificRecord> events = out.toString().lines().map(codec::read).toList();
      countTransfer(line, events, supply);
      for (SpecificRecord event : events) {
        if (event instanceof BookDelta delta) {
          long expected = lastSeq.getOrDefault(delta.getSymbol(), 0L) + 1;
          assertThat(delta.getSeq()).as("delta seq of %s", delta.getSymbol()).isEqualTo(expected);
          lastSeq.put(delta.getSymbol(), expected);
          NavigableMap<BigDecimal, BigDecimal> side = bookFromDeltas.computeIfAbsent(
              delta.getSymbol() + delta.getSide(), k -> new TreeMap<>());
          if (delta.getQuantity().signum() == 0) {
            assertThat(side.remove(delta.getPrice().stripTrailingZeros())).isNotNull();
          } else {
            side.put(delta.getPrice().stripTrailingZeros(), delta.getQuantity().stripTrailingZeros());
          }
        }
      }
      checkState(replay.exchange(), supply, bookFromDeltas);
    }
    SequentialReplay again = new SequentialReplay();
    StringWriter second = new StringWriter();
    for (String line : lines) {
      again.apply(line, second);
    }
    assertThat(second.toString()).as("determinism").isEqualTo(all.toString());
  }

  private void countTransfer(String line, List<SpecificRecord> events, Map<String, BigDecimal> supply) {
    if (events.stream().anyMatch(e -> e instanceof RejectEvent)) {
      return;
    }
    SpecificRecord command = codec.readCommand(line);
    Object body = command instanceof Command c ? c.getBody() : null;
    if (body instanceof Deposit d) {
      supply.merge(d.getAsset(), d.getAmount(), BigDecimal::add);
    } else if (body instanceof Withdraw w) {
      supply.merge(w.getAsset(), w.getAmount().negate(), BigDecimal::add);
    }
  }

  private static void checkState(
      Exchange exchange, Map<String, BigDecimal> supply, Map<String, NavigableMap<BigDecimal, BigDecimal>> deltas) {
    Map<String, BigDecimal> held = new HashMap<>();
    Map<String, Units> lockedByOrders = new HashMap<>();
    for (OrderLock lock : exchange.riskState().locks()) {
      lockedByOrders.merge(lock.lockedAsset(), lock.remaining(), Units::add);
    }
    Map<String, Units> lockedInAccounts = new HashMap<>();
    for (Account account : exchange.riskState().accounts().values()) {
      for (Map.Entry<String, Balance> entry : account.balances().entrySet()) {
        Balance b = entry.getValue();
        assertThat(b.available().signum()).as("available %s %s", account.userId(), entry.getKey()).isNotNegative();
        assertThat(b.locked().signum()).as("locked %s %s", account.userId(), entry.getKey()).isNotNegative();
        int scale = exchange.reference().asset(entry.getKey()).scale();
        held.merge(entry.getKey(), b.available().add(b.locked()).toDecimal(scale), BigDecimal::add);
        lockedInAccounts.merge(entry.getKey(), b.locked(), Units::add);
      }
    }
    for (Map.Entry<String, BigDecimal> entry : held.entrySet()) {
      assertThat(entry.getValue()).as("conservation of %s", entry.getKey())
          .isEqualByComparingTo(supply.getOrDefault(entry.getKey(), BigDecimal.ZERO));
    }
    lockedInAccounts.values().removeIf(Units::isZero);
    lockedByOrders.values().removeIf(Units::isZero);
    assertThat(lockedInAccounts).as("locked = what open orders hold").isEqualTo(lockedByOrders);
    for (OrderBook book : exchange.books().values()) {
      NavigableMap<Units, Units> bids = book.depth(true);
      NavigableMap<Units, Units> asks = book.depth(false);
      if (!bids.isEmpty() && !asks.isEmpty()) {
        assertThat(bids.firstKey()).as("crossed %s", book.symbol()).isLessThan(asks.firstKey());
      }
      Units last = book.lastPrice();
      book.forEachWaitingStop(stop -> {
        boolean firesOnRise = stop.buy != stop.takeProfit;
        int side = last.compareTo(stop.stopPrice);
        assertThat(last.isPositive() && (firesOnRise ? side >= 0 : side <= 0))
            .as("stop %s still waits at last price %s", stop.orderId, last).isFalse();
      });
      Market market = exchange.reference().market(book.symbol());
      assertThat(decimals(bids, market)).isEqualTo(deltas.getOrDefault(book.symbol() + Side.BUY, new TreeMap<>()));
      assertThat(decimals(asks, market)).isEqualTo(deltas.getOrDefault(book.symbol() + Side.SELL, new TreeMap<>()));
    }
  }

  private static NavigableMap<BigDecimal, BigDecimal> decimals(NavigableMap<Units, Units> depth, Market market) {
    NavigableMap<BigDecimal, BigDecimal> levels = new TreeMap<>();
    depth.forEach((price, quantity) -> levels.put(price.toDecimal(market.quote().scale()).stripTrailingZeros(),
        quantity.toDecimal(market.base().scale()).stripTrailingZeros()));
    return levels;
  }
}
