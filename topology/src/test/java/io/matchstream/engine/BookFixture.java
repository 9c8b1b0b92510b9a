package io.matchstream.engine;

import java.util.ArrayList;
import java.util.List;

/** One symbol (BTC 8, USDT 6, tick 0.01, lot 0.0001, fees 0.1%/0.2%) and a recording output. */
final class BookFixture implements BookOutput {
  static final Market MARKET = new Market("BTC-USDT", new Asset("BTC", 8), new Asset("USDT", 6), Units.of(10_000),
      Units.of(10_000), Units.ZERO, new FeeRate(Units.of(1), 3), new FeeRate(Units.of(2), 3), true, 2, 4);

  final OrderBook book = new OrderBook("BTC-USDT");
  final List<Events.TradeEvent> trades = new ArrayList<>();
  final List<Events.OrderUpdate> orders = new ArrayList<>();
  final List<Events.LevelDelta> deltas = new ArrayList<>();
  final List<Settlement> settlements = new ArrayList<>();
  final List<Events.Rejection> rejects = new ArrayList<>();
  private int next;

  static Units price(String decimal) {
    return Dec.of(decimal).unitsAt(6);
  }

  static Units qty(String decimal) {
    return Dec.of(decimal).unitsAt(8);
  }

  Order limit(String user, boolean buy, String price, String quantity, Tif tif, Stp stp) {
    return new Order("o" + (++next), null, user, buy, false, tif, stp, price(price), qty(quantity), Units.ZERO, next);
  }

  Order marketBuy(String user, String quote, Stp stp) {
    return new Order("o" + (++next), null, user, true, true, Tif.IOC, stp, Units.ZERO, Units.ZERO, price(quote), next);
  }

  Order marketSell(String user, String quantity, Stp stp) {
    return new Order("o" + (++next), null, user, false, true, Tif.IOC, stp, Units.ZERO, qty(quantity), Units.ZERO,
        next);
  }

  Order submit(Order order) {
    clear();
    book.submit(order, MARKET, this);
    return order;
  }

  Order rest(String user, boolean buy, String price, String quantity) {
    return submit(limit(user, buy, price, quantity, Tif.GTC, Stp.NONE));
  }

  void clear() {
    trades.clear();
    orders.clear();
    deltas.clear();
    settlements.clear();
    rejects.clear();
  }

  @Override
  public void settlement(Settlement settlement) {
    settlements.add(settlement);
  }

  @Override
  public void trade(Events.TradeEvent event) {
    trades.add(event);
  }

  @Override
  public void order(Events.OrderUpdate event) {
    orders.add(event);
  }

  @Override
  public void delta(Events.LevelDelta event) {
    deltas.add(event);
  }

  @Override
  public void balance(Events.BalanceUpdate event) {
    throw new AssertionError("the book never emits balances");
  }

  @Override
  public void reject(Events.Rejection event) {
    rejects.add(event);
  }
}
