package io.matchstream.engine;

import static io.matchstream.engine.BookFixture.price;
import static io.matchstream.engine.BookFixture.qty;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrderBookTest {
  private final BookFixture f = new BookFixture();

  @Test
  void betterPriceFirstThenArrivalOrder() {
    Order late = f.rest("a", false, "100", "1");
    Order worse = f.rest("b", false, "101", "1");
    Order later = f.rest("c", false, "100", "1");
    f.submit(f.limit("t", true, "101", "2.5", Tif.GTC, Stp.NONE));
    assertThat(f.trades).extracting(Events.TradeEvent::makerOrderId).containsExactly(late.orderId, later.orderId, worse.orderId);
    assertThat(f.trades).extracting(Events.TradeEvent::price).containsExactly(price("100"), price("100"), price("101"));
    assertThat(f.book.find("b", worse.orderId).remaining()).isEqualTo(qty("0.5"));
  }

  @Test
  void oneDeltaPerLevelWhateverTouchedIt() {
    f.rest("a", false, "100", "1");
    f.rest("b", false, "100", "1");
    f.rest("c", false, "101", "1");
    f.submit(f.limit("t", true, "100", "2.5", Tif.GTC, Stp.NONE));
    assertThat(f.deltas).extracting(Events.LevelDelta::buy, Events.LevelDelta::price, Events.LevelDelta::quantity)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(false, price("100"), Units.ZERO),
            org.assertj.core.groups.Tuple.tuple(true, price("100"), qty("0.5")));
    assertThat(f.deltas).extracting(Events.LevelDelta::seq).containsExactly(4L, 5L);
  }

  @Test
  void fokExpiresWithNoEffectWhenTheBookCannotFillIt() {
    f.rest("a", false, "100", "1");
    f.rest("b", false, "102", "5");
    Order fok = f.submit(f.limit("t", true, "101", "1.5", Tif.FOK, Stp.NONE));
    assertThat(fok.status()).isEqualTo(Status.EXPIRED);
    assertThat(f.trades).isEmpty();
    assertThat(f.deltas).isEmpty();
    assertThat(f.book.depth(false)).containsEntry(price("100"), qty("1"));
  }

  @Test
  void fokWalksPastOwnOrdersOnlyWithExpireMaker() {
    f.rest("a", false, "100", "1");
    f.rest("t", false, "100", "1");
    f.rest("b", false, "100", "1");
    assertThat(f.submit(f.limit("t", true, "100", "2", Tif.FOK, Stp.EXPIRE_TAKER)).status()).isEqualTo(Status.EXPIRED);
    Order skipping = f.submit(f.limit("t", true, "100", "2", Tif.FOK, Stp.EXPIRE_MAKER));
    assertThat(skipping.status()).isEqualTo(Status.FILLED);
    assertThat(f.orders).extracting(Events.OrderUpdate::userId, Events.OrderUpdate::status).containsExactly(
        org.assertj.core.groups.Tuple.tuple("t", Status.FILLED), org.assertj.core.groups.Tuple.tuple("a", Status.FILLED),
        org.assertj.core.groups.Tuple.tuple("t", Status.EXPIRED), org.assertj.core.groups.Tuple.tuple("b", Status.FILLED));
  }

  @Test
  void selfTradePreventionModes() {
    Order own = f.rest("u", false, "100", "1");
    f.rest("x", false, "100", "1");
    Order taker = f.submit(f.limit("u", true, "100", "2", Tif.GTC, Stp.EXPIRE_TAKER));
    assertThat(taker.status()).isEqualTo(Status.EXPIRED);
    assertThat(own.isResting()).isTrue();
    Order both = f.submit(f.limit("u", true, "100", "2", Tif.GTC, Stp.EXPIRE_BOTH));
    assertThat(both.status()).isEqualTo(Status.EXPIRED);
    assertThat(own.status()).isEqualTo(Status.EXPIRED);
    assertThat(f.book.find("x", "o2")).isNotNull();
    Order none = f.submit(f.limit("x", true, "100", "1", Tif.GTC, Stp.NONE));
    assertThat(none.status()).isEqualTo(Status.FILLED);
    assertThat(f.trades.get(0).makerUserId()).isEqualTo(f.trades.get(0).takerUserId());
  }

  @Test
  void postOnlyNeverTakes() {
    f.rest("a", false, "100", "1");
    Order post = f.submit(f.limit("b", true, "100", "1", Tif.POST_ONLY, Stp.EXPIRE_MAKER));
    assertThat(post.status()).isEqualTo(Status.REJECTED);
    assertThat(post.reason()).isEqualTo(Reasons.POST_ONLY_WOULD_TAKE);
    assertThat(f.settlements).singleElement().satisfies(s -> assertThat(s.items()).containsExactly(new Settlement.End(post.orderId)));
    assertThat(f.submit(f.limit("b", true, "99.99", "1", Tif.POST_ONLY, Stp.NONE)).status()).isEqualTo(Status.NEW);
  }

  @Test
  void marketBuySpendsWholeLotsAndStopsWhenItCannotBuyOne() {
    f.rest("a", false, "100", "0.01");
    f.rest("a", false, "150", "1");
    Order buy = f.submit(f.marketBuy("b", "2.5", Stp.NONE)); // 0.01 at 100 = 1; 1.5 buys 0.01 at 150
    assertThat(f.trades).extracting(Events.TradeEvent::quantity).containsExactly(qty("0.01"), qty("0.01"));
    assertThat(buy.status()).isEqualTo(Status.FILLED);
    Order nothing = f.submit(f.marketBuy("b", "0.01", Stp.NONE));
    assertThat(nothing.status()).isEqualTo(Status.EXPIRED);
    assertThat(nothing.filledQuantity()).isEqualTo(Units.ZERO);
  }

  @Test
  void marketBuyThatEmptiesTheBookEndsOnItsLastTradePrice() {
    f.rest("a", false, "100", "0.01");
    assertThat(f.submit(f.marketBuy("b", "1.009", Stp.NONE)).status()).as("0.009 cannot buy a lot at 100").isEqualTo(Status.FILLED);
    f.rest("a", false, "100", "0.01");
    assertThat(f.submit(f.marketBuy("b", "2", Stp.NONE)).status()).as("liquidity ran out").isEqualTo(Status.EXPIRED);
  }

  @Test
  void marketSellExpiresWhatNoBidTakes() {
    f.rest("a", true, "100", "1");
    Order sell = f.submit(f.marketSell("b", "1.5", Stp.NONE));
    assertThat(sell.status()).isEqualTo(Status.EXPIRED);
    assertThat(sell.filledQuantity()).isEqualTo(qty("1"));
  }

  @Test
  void feesUseTheMakerAndTakerRatesOnWhatEachReceives() {
    f.rest("maker", false, "100.01", "0.0001");
    f.submit(f.limit("taker", true, "100.01", "0.0001", Tif.GTC, Stp.NONE));
    Events.TradeEvent trade = f.trades.get(0);
    assertThat(trade.quoteQuantity()).isEqualTo(Units.of(10_001)); // 0.010001 USDT
    assertThat(trade.buyerFee()).isEqualTo(Units.of(20)); // taker 0.2% of 0.0001 BTC = 0.0000002
    assertThat(trade.sellerFee()).isEqualTo(Units.of(11)); // maker 0.1% of 0.010001 = 0.000010001 -> up to 0.000011
  }

  @Test
  void cancelOfAnotherUsersOrderIsUnknown() {
    Order order = f.rest("a", true, "100", "1");
    f.clear();
    f.book.cancel("b", order.orderId, 9, BookFixture.MARKET, f);
    assertThat(f.rejects).singleElement().extracting(Events.Rejection::reason).isEqualTo(Reasons.UNKNOWN_ORDER);
    f.book.cancel("a", order.orderId, 9, BookFixture.MARKET, f);
    assertThat(order.status()).isEqualTo(Status.CANCELED);
    assertThat(f.book.size()).isZero();
  }
}
