package io.matchstream.gateway.binance;

import io.matchstream.gateway.view.ExchangeView;
import io.matchstream.gateway.view.RollingTicker;
import io.matchstream.gateway.view.SymbolView;
import io.matchstream.gateway.view.TradeView;
import io.matchstream.marketdata.KlineInterval;
import io.matchstream.schema.Kline;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/**
 * Binance's candle and statistics endpoints: {@code klines}, {@code uiKlines}, {@code avgPrice},
 * {@code ticker/24hr} and the rolling {@code ticker}, from the candles the streams app aggregates
 * (see {@link ExchangeView#klines} and {@link ExchangeView#ticker}). Candles are in UTC.
 */
@RestController
public class BinanceCandleController {
  private static final long DAY = 86_400_000L;
  private static final Pattern WINDOW = Pattern.compile("([1-9][0-9]?)([mhd])");
  private static final Set<String> UTC = Set.of("0", "+0", "-0", "00:00", "+00:00", "-00:00");
  private static final int AVERAGE_MINUTES = 5;
  private final ExchangeView view;
  private final BinanceSymbols symbols;
  private final Clock clock;

  public BinanceCandleController(ExchangeView view, BinanceSymbols symbols, Clock clock) {
    this.view = view;
    this.symbols = symbols;
    this.clock = clock;
  }

  @GetMapping("/api/v3/klines")
  public List<List<Object>> klines(@RequestAttribute(BinanceRequestFilter.PARAMS) BinanceParams params) {
    SymbolView market = symbols.require(params.required("symbol"));
    KlineInterval interval = KlineInterval.of(params.required("interval"))
        .orElseThrow(() -> new BinanceError(400, -1120, "Invalid interval."));
    params.optional("timeZone").filter(zone -> !UTC.contains(zone)).ifPresent(zone -> {
      throw BinanceError.illegal("timeZone", "0: candles here are in UTC");
    });
    int limit = params.limit(500, 1000);
    Long start = params.integer("startTime").orElse(null);
    Long end = params.integer("endTime").orElse(null);
    if (start != null && end != null && start > end) {
      throw new BinanceError(400, -1023, "Start time is greater than end time.");
    }
    return view.klines(market.symbol(), interval, start, end, limit).stream().map(BinanceJson::klineRow).toList();
  }

  /** The same candles as {@code klines}: Binance shapes these for charts, and nothing here needs it. */
  @GetMapping("/api/v3/uiKlines")
  public List<List<Object>> uiKlines(@RequestAttribute(BinanceRequestFilter.PARAMS) BinanceParams params) {
    return klines(params);
  }

  /** The volume-weighted price of the last five minutes' trades; the last price when there were none. */
  @GetMapping("/api/v3/avgPrice")
  public Map<String, Object> avgPrice(@RequestAttribute(BinanceRequestFilter.PARAMS) BinanceParams params) {
    SymbolView market = symbols.require(params.required("symbol"));
    long now = clock.millis();
    Kline minutes = view.klines(market.symbol(), KlineInterval.M1,
        KlineInterval.M1.openTime(now) - (AVERAGE_MINUTES - 1) * 60_000L, now, AVERAGE_MINUTES).stream()
        .reduce(io.matchstream.marketdata.Candles::merge).orElse(null);
    List<TradeView> last = view.recentTrades(market.symbol(), 1);
    BigDecimal price = minutes != null && minutes.getVolume().signum() > 0
        ? RollingTicker.weightedAverage(minutes.getQuoteVolume(), minutes.getVolume())
        : last.isEmpty() ? BigDecimal.ZERO : last.get(0).price();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("mins", AVERAGE_MINUTES);
    json.put("price", price);
    json.put("closeTime", last.isEmpty() ? 0L : last.get(0).time());
    return json;
  }

  @GetMapping("/api/v3/ticker/24hr")
  public Object ticker24hr(@RequestAttribute(BinanceRequestFilter.PARAMS) BinanceParams params) {
    boolean full = full(params);
    long now = clock.millis();
    return symbols.oneOrAll(params, market -> BinanceJson.ticker(ticker(market, DAY, now), full, false));
  }

  /** Statistics over {@code windowSize} ({@code 1m}-{@code 59m}, {@code 1h}-{@code 23h}, {@code 1d}-{@code 7d}; 1d by default). */
  @GetMapping("/api/v3/ticker")
  public Object rollingTicker(@RequestAttribute(BinanceRequestFilter.PARAMS) BinanceParams params) {
    if (!params.has("symbol") && !params.has("symbols")) {
      throw new BinanceError(400, -1102, "Param 'symbol' or 'symbols' must be sent, but both were empty/null!");
    }
    boolean full = full(params);
    long window = window(params.optional("windowSize").orElse("1d"));
    long now = clock.millis();
    return symbols.oneOrAll(params, market -> BinanceJson.ticker(ticker(market, window, now), full, true));
  }

  private RollingTicker ticker(SymbolView market, long window, long now) {
    return view.ticker(market.symbol(), window, now).orElseThrow(BinanceError::badSymbol);
  }

  private static boolean full(BinanceParams params) {
    String type = params.optional("type").orElse("FULL");
    if (!type.equals("FULL") && !type.equals("MINI")) {
      throw BinanceError.illegal("type", "FULL, MINI");
    }
    return type.equals("FULL");
  }

  private static long window(String size) {
    Matcher m = WINDOW.matcher(size);
    long amount = m.matches() ? Long.parseLong(m.group(1)) : 0;
    long unit = !m.matches() ? 0 : switch (m.group(2)) {
      case "m" -> amount <= 59 ? 60_000L : 0;
      case "h" -> amount <= 23 ? 3_600_000L : 0;
      default -> amount <= 7 ? DAY : 0;
    };
    if (unit == 0) {
      throw BinanceError.illegal("windowSize", "1m-59m, 1h-23h or 1d-7d");
    }
    return amount * unit;
  }
}
