package io.matchstream.marketdata;

import io.matchstream.schema.Kline;
import io.matchstream.schema.Side;
import io.matchstream.schema.Trade;
import java.math.BigDecimal;
import java.util.List;

/**
 * Candle arithmetic on {@link Kline} records: a trade folded into a candle, and candles merged into
 * a longer one. Open and close follow trade ids rather than arrival or timestamps, so a late trade,
 * or candles merged in any order, give the same candle.
 */
public final class Candles {
  private Candles() {}

  /** A candle with no trades yet: what a window's aggregation starts from. */
  public static Kline empty() {
    return new Kline("", "", 0L, 0L, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
        BigDecimal.ZERO, BigDecimal.ZERO, 0L, BigDecimal.ZERO, BigDecimal.ZERO, 0L, 0L);
  }

  /** {@code candle} with {@code trade} in it (a new record; the argument is unchanged). */
  public static Kline add(Kline candle, Trade trade) {
    boolean buy = trade.getTakerSide() == Side.BUY;
    BigDecimal price = trade.getPrice();
    Kline single = new Kline(trade.getSymbol(), candle.getInterval(), candle.getOpenTime(), candle.getCloseTime(),
        price, price, price, price, trade.getQuantity(), trade.getQuoteQuantity(), 1L,
        buy ? trade.getQuantity() : BigDecimal.ZERO, buy ? trade.getQuoteQuantity() : BigDecimal.ZERO,
        trade.getTradeId(), trade.getTradeId());
    return merge(candle, single);
  }

  /** The candle of both candles' trades; the window is {@code a}'s. */
  public static Kline merge(Kline a, Kline b) {
    if (b.getTrades() == 0) {
      return Kline.newBuilder(a).build();
    }
    if (a.getTrades() == 0) {
      return Kline.newBuilder(b).setInterval(a.getInterval()).setOpenTime(a.getOpenTime())
          .setCloseTime(a.getCloseTime()).build();
    }
    Kline first = a.getFirstTradeId() <= b.getFirstTradeId() ? a : b;
    Kline last = a.getLastTradeId() >= b.getLastTradeId() ? a : b;
    return new Kline(a.getSymbol(), a.getInterval(), a.getOpenTime(), a.getCloseTime(),
        first.getOpen(), a.getHigh().max(b.getHigh()), a.getLow().min(b.getLow()), last.getClose(),
        a.getVolume().add(b.getVolume()), a.getQuoteVolume().add(b.getQuoteVolume()), a.getTrades() + b.getTrades(),
        a.getTakerBuyVolume().add(b.getTakerBuyVolume()), a.getTakerBuyQuoteVolume().add(b.getTakerBuyQuoteVolume()),
        first.getFirstTradeId(), last.getLastTradeId());
  }

  /** The candle of {@code parts}' trades in the window {@code interval} opens at {@code openTime}. */
  public static Kline compose(String symbol, KlineInterval interval, long openTime, List<Kline> parts) {
    Kline candle = Kline.newBuilder(empty()).setSymbol(symbol).setInterval(interval.code()).setOpenTime(openTime)
        .setCloseTime(interval.closeTime(openTime)).build();
    for (Kline part : parts) {
      candle = merge(candle, part);
    }
    return candle;
  }
}
