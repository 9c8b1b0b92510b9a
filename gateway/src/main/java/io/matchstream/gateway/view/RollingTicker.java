package io.matchstream.gateway.view;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A symbol's statistics over a rolling window ending now, composed of its candles (minute
 * precision up to a day, hour precision beyond): what Binance's 24-hour and rolling tickers show.
 * With no trade in the window the prices are the last trade's and the ids -1, as Binance has them.
 * Like the candles it is made of, it follows the trades by a commit of the streams app.
 */
public record RollingTicker(String symbol, long openTime, long closeTime, BigDecimal open, BigDecimal high,
    BigDecimal low, BigDecimal last, BigDecimal lastQty, BigDecimal volume, BigDecimal quoteVolume, long firstId,
    long lastId, long count, BigDecimal prevClose, BookTicker book) {

  public BigDecimal priceChange() {
    return ExchangeView.plain(last.subtract(open));
  }

  /** In percent, three decimals as Binance gives it. */
  public BigDecimal priceChangePercent() {
    return open.signum() == 0 ? BigDecimal.ZERO
        : ExchangeView.plain(last.subtract(open).multiply(BigDecimal.valueOf(100)).divide(open, 3, RoundingMode.HALF_UP));
  }

  /** The quote volume over the base volume: the window's volume-weighted price. */
  public BigDecimal weightedAvgPrice() {
    return volume.signum() == 0 ? BigDecimal.ZERO : weightedAverage(quoteVolume, volume);
  }

  /** {@code quoteVolume / volume} to 18 significant digits: what Binance's average prices show. */
  public static BigDecimal weightedAverage(BigDecimal quoteVolume, BigDecimal volume) {
    return ExchangeView.plain(quoteVolume.divide(volume, new MathContext(18, RoundingMode.HALF_EVEN)));
  }
}
