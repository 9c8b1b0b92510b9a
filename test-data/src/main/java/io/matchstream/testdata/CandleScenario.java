package io.matchstream.testdata;

import io.matchstream.marketdata.KlineInterval;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trades at chosen times on a market of their own: across one-second edges (and a minute's, when
 * the start falls just before one), and one that arrives 1.2 s after the second it is stamped in
 * closed, within the candles' grace. With the candles they must give, worked out here by plain grouping
 * rather than by the code under test: the oracle the candle tests on the stack share, whichever
 * way they read the candles (REST, streams, MySQL).
 */
public final class CandleScenario {
  /** A trade of {@code quantity} at {@code price}, its taker's command stamped {@code at} ms after the start. */
  public record Fill(String price, String quantity, boolean takerBuys, long at) {}

  public static final List<Fill> FILLS = List.of(
      new Fill("100", "1", true, 999),        // the first second's last millisecond
      new Fill("101", "2", true, 1_000),      // the next one's first
      new Fill("99.5", "1", false, 1_500),    // a taker that sells
      new Fill("103", "0.5", true, 2_200),
      new Fill("98", "1", false, 400),        // late: stamped in the first second, sent after 2.2 s
      new Fill("102", "1", true, 2_900));

  private final String symbol;
  private final long start;

  /**
   * @param base the market's base asset; the market is {@code <base>-USDT}, listed by {@link #setup}
   * @param start epoch ms the fills' times count from; near the present, or the candles' grace has passed
   */
  public CandleScenario(String base, long start) {
    this.symbol = base + "-USDT";
    this.start = start;
  }

  public String symbol() {
    return symbol;
  }

  /** The users' ids: one rests, the other takes. */
  public String maker() {
    return symbol + "-maker";
  }

  public String taker() {
    return symbol + "-taker";
  }

  /** Command lines that list the assets and the market and fund both users. */
  public List<String> setup() {
    String base = symbol.substring(0, symbol.indexOf('-'));
    List<String> lines = new ArrayList<>(List.of(
        "{\"type\":\"asset\",\"asset\":\"USDT\",\"scale\":6}",
        "{\"type\":\"asset\",\"asset\":\"" + base + "\",\"scale\":8}",
        "{\"type\":\"symbol\",\"symbol\":\"" + symbol + "\",\"base\":\"" + base + "\",\"quote\":\"USDT\","
            + "\"tickSize\":\"0.1\",\"lotSize\":\"0.1\",\"minNotional\":\"1\",\"makerFeeRate\":\"0.001\","
            + "\"takerFeeRate\":\"0.002\",\"status\":\"TRADING\"}"));
    for (String user : List.of(maker(), taker())) {
      for (String asset : List.of(base, "USDT")) {
        lines.add("{\"type\":\"deposit\",\"userId\":\"" + user + "\",\"asset\":\"" + asset
            + "\",\"amount\":\"100000\",\"txId\":\"" + user + "-" + asset + "\",\"ts\":" + start + "}");
      }
    }
    return lines;
  }

  /** Command lines, in order: for each fill, the maker's resting order then the taker's, stamped the fill's time. */
  public List<String> trades() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < FILLS.size(); i++) {
      Fill fill = FILLS.get(i);
      String makerSide = fill.takerBuys() ? "SELL" : "BUY";
      String takerSide = fill.takerBuys() ? "BUY" : "SELL";
      lines.add(place(maker(), "cm" + i, makerSide, fill, start + fill.at()));
      lines.add(place(taker(), "ct" + i, takerSide, fill, start + fill.at()));
    }
    return lines;
  }

  private String place(String user, String orderId, String side, Fill fill, long ts) {
    return "{\"type\":\"place\",\"orderId\":\"" + orderId + "\",\"userId\":\"" + user + "\",\"symbol\":\"" + symbol
        + "\",\"side\":\"" + side + "\",\"orderType\":\"LIMIT\",\"timeInForce\":\"GTC\",\"price\":\"" + fill.price()
        + "\",\"quantity\":\"" + fill.quantity() + "\",\"ts\":" + ts + "}";
  }

  /**
   * The candles of {@code interval}, oldest first, each as Binance's klines row has it: open time,
   * open, high, low, close, volume, close time, quote volume, trades, taker buy volume, taker buy
   * quote volume; every number as plain text without trailing zeros.
   */
  public List<List<String>> candles(KlineInterval interval) {
    Map<Long, List<Fill>> windows = new java.util.TreeMap<>();
    for (Fill fill : FILLS) {  // in trade id order
      windows.computeIfAbsent(interval.openTime(start + fill.at()), w -> new ArrayList<>()).add(fill);
    }
    List<List<String>> rows = new ArrayList<>();
    windows.forEach((open, fills) -> {
      BigDecimal high = null;
      BigDecimal low = null;
      BigDecimal volume = BigDecimal.ZERO;
      BigDecimal quote = BigDecimal.ZERO;
      BigDecimal buyVolume = BigDecimal.ZERO;
      BigDecimal buyQuote = BigDecimal.ZERO;
      for (Fill fill : fills) {
        BigDecimal price = new BigDecimal(fill.price());
        BigDecimal quantity = new BigDecimal(fill.quantity());
        high = high == null || price.compareTo(high) > 0 ? price : high;
        low = low == null || price.compareTo(low) < 0 ? price : low;
        volume = volume.add(quantity);
        quote = quote.add(price.multiply(quantity));
        if (fill.takerBuys()) {
          buyVolume = buyVolume.add(quantity);
          buyQuote = buyQuote.add(price.multiply(quantity));
        }
      }
      rows.add(List.of(String.valueOf(open), fills.get(0).price(), plain(high), plain(low),
          fills.get(fills.size() - 1).price(), plain(volume), String.valueOf(interval.closeTime(open)), plain(quote),
          String.valueOf(fills.size()), plain(buyVolume), plain(buyQuote)));
    });
    return rows;
  }

  /** Plain text without trailing zeros, {@code "0"} for zero. */
  public static String plain(BigDecimal value) {
    return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
  }

  /** Per interval the app aggregates, its candles: what the klines table must hold for this market. */
  public Map<KlineInterval, List<List<String>>> aggregated() {
    Map<KlineInterval, List<List<String>>> all = new LinkedHashMap<>();
    KlineInterval.aggregated().forEach(interval -> all.put(interval, candles(interval)));
    return all;
  }
}
