package io.matchstream.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The fast book and the naive one, fed the same random orders, icebergs, stops, amends, cancels
 * and cancel-alls, agree after every step: every fill of the command (the stops it fired included), the
 * incoming order's fate, the makers self-trade prevention expired, the stops that fired, the
 * queues, the depth, the waiting stops and the last price.
 */
class OrderBookOracleTest {
  private static final Tif[] TIFS = Tif.values();
  private static final Stp[] STPS = Stp.values();
  private static final Tif[] STOP_TIFS = {Tif.GTC, Tif.IOC, Tif.FOK};

  @Property(tries = 200)
  void fastBookEqualsNaiveBook(@ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    BookFixture fast = new BookFixture();
    NaiveOrderBook naive = new NaiveOrderBook();
    List<String[]> placed = new ArrayList<>();
    for (int step = 0; step < 300; step++) {
      String user = "u" + random.nextInt(3);
      int roll = random.nextInt(20);
      if (roll < 4 && !placed.isEmpty()) {
        String[] target = placed.get(random.nextInt(placed.size()));
        String canceller = random.nextInt(4) == 0 ? user : target[0];
        fast.clear();
        fast.book.cancel(canceller, target[1], step, BookFixture.MARKET, fast);
        boolean canceled = naive.cancel(canceller, target[1]);
        assertThat(fast.rejects.isEmpty()).as("cancel %s of %s", target[1], canceller).isEqualTo(canceled);
      } else if (roll == 4) {
        fast.clear();
        fast.book.cancelAll(user, step, BookFixture.MARKET, fast);
        assertThat(fast.orders).extracting(Events.OrderUpdate::orderId).as("cancel-all of %s", user)
            .containsExactlyElementsOf(naive.cancelAll(user));
        assertThat(fast.orders).allMatch(u -> u.status() == Status.CANCELED);
      } else if (roll < 6 && !placed.isEmpty()) {
        String[] target = placed.get(random.nextInt(placed.size()));
        long newQuantity = random.nextInt(1, 60) * 1_000L;  // a lot is 10,000 units: some are not a multiple
        fast.clear();
        fast.book.amend(target[0], target[1], new Dec(Units.of(newQuantity), 8), step, BookFixture.MARKET, fast);
        String refused = naive.amend(target[0], target[1], newQuantity, BookFixture.MARKET);
        assertThat(fast.rejects.stream().map(Events.Rejection::reason).findFirst().orElse(null))
            .as("amend %s to %d", target[1], newQuantity).isEqualTo(refused);
      } else {
        NaiveOrderBook.Taker taker = randomOrder("o" + step, user, random, roll < 9);
        Order order = new Order(taker.id(), null, user, taker.buy(), taker.market(), taker.tif(), taker.stp(),
            Units.of(taker.price()), Units.of(taker.quantity()), Units.of(taker.quote()), step,
            Units.of(taker.stopPrice()), taker.takeProfit(), Units.of(taker.iceberg()));
        List<String> waitingBefore = new ArrayList<>();
        fast.book.forEachWaitingStop(w -> waitingBefore.add(w.orderId));
        fast.submit(order);
        NaiveOrderBook.Outcome expected = naive.submit(taker, BookFixture.MARKET);
        assertThat(fast.trades).extracting(t -> new NaiveOrderBook.Fill(t.makerOrderId(), t.takerOrderId(),
            t.price().longValueExact(), t.quantity().longValueExact()))
            .as("trades of %s", order.orderId).isEqualTo(expected.fills());
        assertThat(order.status()).as("status of %s", order.orderId).isEqualTo(expected.status());
        assertThat(order.filledQuantity()).isEqualTo(Units.of(expected.filled()));
        assertThat(fast.orders).filteredOn(u -> u.status() == Status.EXPIRED)
            .extracting(Events.OrderUpdate::orderId).as("expired orders")
            .containsExactlyInAnyOrderElementsOf(expected.expired());
        assertThat(fast.orders).filteredOn(u -> waitingBefore.contains(u.orderId()))
            .extracting(Events.OrderUpdate::orderId).as("fired stops").containsExactlyElementsOf(expected.fired());
        if (order.isResting() || order.isWaiting()) {
          placed.add(new String[] {user, order.orderId});
        }
        for (String firedId : expected.fired()) {
          placed.add(new String[] {fast.orders.stream().filter(u -> u.orderId().equals(firedId)).findFirst()
              .orElseThrow().userId(), firedId});
        }
      }
      compareBooks(fast.book, naive);
    }
  }

  /** A limit, market, iceberg or (when {@code stop}) stop order near the middle of the book. */
  private static NaiveOrderBook.Taker randomOrder(String id, String user, SplittableRandom random, boolean stop) {
    boolean buy = random.nextBoolean();
    boolean market = random.nextInt(6) == 0;
    Stp stp = STPS[random.nextInt(STPS.length)];
    long price = (95 + random.nextInt(11)) * 10_000L * 100; // 95.00 .. 105.00
    long quantity = (1 + random.nextInt(5)) * 10_000L;
    long quote = (1 + random.nextInt(2000)) * 10_000L; // 0.01 .. 20.00 USDT
    Tif tif = market ? Tif.IOC : stop ? STOP_TIFS[random.nextInt(3)] : TIFS[random.nextInt(TIFS.length)];
    long stopPrice = stop ? (95 + random.nextInt(11)) * 10_000L * 100 : 0;
    long iceberg = !stop && !market && tif == Tif.GTC && quantity > 10_000 && random.nextBoolean()
        ? random.nextInt(1, (int) (quantity / 10_000)) * 10_000L : 0;
    boolean marketBuy = market && buy;
    return new NaiveOrderBook.Taker(id, user, buy, market, tif, stp, market ? 0 : price, marketBuy ? 0 : quantity,
        marketBuy ? quote : 0, stopPrice, random.nextBoolean(), iceberg);
  }

  private static void compareBooks(OrderBook fast, NaiveOrderBook naive) {
    for (boolean side : new boolean[] {true, false}) {
      List<String> fastSide = new ArrayList<>();
      fast.forEachResting(side, o -> fastSide.add(o.orderId + "@" + o.price + "x" + o.remaining() + "/" + o.visible()));
      assertThat(fastSide).isEqualTo(naive.side(side).stream()
          .map(o -> o.id + "@" + o.price + "x" + o.remaining() + "/" + o.visible).toList());
      Map<Long, Long> levels = new TreeMap<>();
      naive.side(side).forEach(o -> levels.merge(o.price, o.shown(), Long::sum));
      Map<Long, Long> fastLevels = new TreeMap<>();
      fast.depth(side).forEach((price, total) -> fastLevels.put(price.longValueExact(), total.longValueExact()));
      assertThat(fastLevels).isEqualTo(levels);
    }
    List<String> waiting = new ArrayList<>();
    fast.forEachWaitingStop(s -> waiting.add(s.orderId));
    assertThat(waiting).as("waiting stops").isEqualTo(naive.waiting.stream().map(NaiveOrderBook.Taker::id).toList());
    assertThat(fast.lastPrice()).as("last price").isEqualTo(Units.of(naive.lastPrice));
  }
}
