package io.matchstream.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** The fast book and the naive one, fed the same random orders and cancels, agree after every step. */
class OrderBookOracleTest {
  private static final Tif[] TIFS = Tif.values();
  private static final Stp[] STPS = Stp.values();

  @Property(tries = 200)
  void fastBookEqualsNaiveBook(@ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    BookFixture fast = new BookFixture();
    NaiveOrderBook naive = new NaiveOrderBook();
    List<String[]> placed = new ArrayList<>();
    for (int step = 0; step < 300; step++) {
      String user = "u" + random.nextInt(3);
      if (random.nextInt(5) == 0 && !placed.isEmpty()) {
        String[] target = placed.get(random.nextInt(placed.size()));
        String canceller = random.nextInt(4) == 0 ? user : target[0];
        fast.clear();
        fast.book.cancel(canceller, target[1], step, BookFixture.MARKET, fast);
        boolean canceled = naive.cancel(canceller, target[1]);
        assertThat(fast.rejects.isEmpty()).as("cancel %s of %s", target[1], canceller).isEqualTo(canceled);
      } else {
        boolean buy = random.nextBoolean();
        boolean market = random.nextInt(6) == 0;
        Tif tif = market ? Tif.IOC : TIFS[random.nextInt(TIFS.length)];
        Stp stp = STPS[random.nextInt(STPS.length)];
        long price = (95 + random.nextInt(11)) * 10_000L * 100; // 95.00 .. 105.00
        long quantity = (1 + random.nextInt(5)) * 10_000L;
        long quote = (1 + random.nextInt(2000)) * 10_000L; // 0.01 .. 20.00 USDT
        boolean marketBuy = market && buy;
        Order order = new Order("o" + step, null, user, buy, market, tif, stp, market ? 0 : price,
            marketBuy ? 0 : quantity, marketBuy ? quote : 0, step);
        fast.submit(order);
        NaiveOrderBook.Outcome expected = naive.submit(order.orderId, user, buy, market, tif, stp, market ? 0 : price,
            marketBuy ? 0 : quantity, marketBuy ? quote : 0, BookFixture.MARKET);
        assertThat(fast.trades).extracting(t -> new NaiveOrderBook.Fill(t.makerOrderId(), t.takerOrderId(), t.price(),
            t.quantity())).as("trades of %s", order.orderId).isEqualTo(expected.fills());
        assertThat(order.status()).as("status of %s", order.orderId).isEqualTo(expected.status());
        assertThat(order.filledQuantity()).isEqualTo(expected.filled());
        assertThat(fast.orders).filteredOn(u -> u.status() == Status.EXPIRED && !u.orderId().equals(order.orderId))
            .extracting(Events.OrderUpdate::orderId).containsExactlyElementsOf(expected.expiredMakers());
        if (order.isResting()) {
          placed.add(new String[] {user, order.orderId});
        }
      }
      for (boolean side : new boolean[] {true, false}) {
        List<String> fastSide = new ArrayList<>();
        fast.book.forEachResting(side, o -> fastSide.add(o.orderId + "@" + o.price + "x" + o.remaining()));
        assertThat(fastSide).isEqualTo(naive.side(side).stream().map(o -> o.id + "@" + o.price + "x" + o.remaining()).toList());
        java.util.Map<Long, Long> levels = new java.util.TreeMap<>();
        naive.side(side).forEach(o -> levels.merge(o.price, o.remaining(), Long::sum));
        assertThat(new java.util.TreeMap<>(fast.book.depth(side))).isEqualTo(levels);
      }
    }
  }
}
