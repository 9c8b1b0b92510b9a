package io.matchstream.gateway.binance;

import io.matchstream.gateway.view.BookTicker;
import io.matchstream.gateway.view.ExchangeView;
import io.matchstream.gateway.view.SymbolView;
import io.matchstream.gateway.view.TradeView;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/** Binance's public market data endpoints, from the gateway's view of the event topics. */
@RestController
public class BinanceMarketController {
  private static final List<String> ORDER_TYPES = List.of("LIMIT", "LIMIT_MAKER", "MARKET", "STOP_LOSS",
      "STOP_LOSS_LIMIT", "TAKE_PROFIT", "TAKE_PROFIT_LIMIT");
  private static final List<String> STP_MODES = List.of("NONE", "EXPIRE_TAKER", "EXPIRE_MAKER", "EXPIRE_BOTH");
  private final ExchangeView view;
  private final BinanceSymbols symbols;
  private final Clock clock;

  public BinanceMarketController(ExchangeView view, BinanceSymbols symbols, Clock clock) {
    this.view = view;
    this.symbols = symbols;
    this.clock = clock;
  }

  @GetMapping("/api/v3/ping")
  public Map<String, Object> ping() {
    return Map.of();
  }

  @GetMapping("/api/v3/time")
  public Map<String, Object> time() {
    return Map.of("serverTime", clock.millis());
  }

  @GetMapping("/api/v3/exchangeInfo")
  public Map<String, Object> exchangeInfo(@RequestAttribute(BinanceRequestFilter.PARAMS) BinanceParams params) {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("timezone", "UTC");
    info.put("serverTime", clock.millis());
    info.put("rateLimits", List.of());
    info.put("exchangeFilters", List.of());
    Map<String, Integer> scales = view.assets();
    List<Map<String, Object>> list = new ArrayList<>();
    for (SymbolView market : symbols.markets(params)) {
      list.add(symbolInfo(market, scales));
    }
    info.put("symbols", list);
    return info;
  }

  @GetMapping("/api/v3/depth")
  public Map<String, Object> depth(@RequestAttribute(BinanceRequestFilter.PARAMS) BinanceParams params) {
    SymbolView market = symbols.require(params.required("symbol"));
    var depth = view.depth(market.symbol(), params.limit(100, 5000)).orElseThrow(BinanceError::badSymbol);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("lastUpdateId", depth.lastUpdateId());
    json.put("bids", depth.bids());
    json.put("asks", depth.asks());
    return json;
  }

  @GetMapping("/api/v3/trades")
  public List<Map<String, Object>> trades(@RequestAttribute(BinanceRequestFilter.PARAMS) BinanceParams params) {
    SymbolView market = symbols.require(params.required("symbol"));
    return view.recentTrades(market.symbol(), params.limit(500, 1000)).stream().map(BinanceJson::trade).toList();
  }

  /**
   * Each trade is its own aggregate here. {@code fromId}, or a window of {@code startTime} to
   * {@code endTime} (at most an hour, as Binance), or the latest; of those kept by the view.
   */
  @GetMapping("/api/v3/aggTrades")
  public List<Map<String, Object>> aggTrades(@RequestAttribute(BinanceRequestFilter.PARAMS) BinanceParams params) {
    SymbolView market = symbols.require(params.required("symbol"));
    int limit = params.limit(500, 1000);
    Long fromId = params.integer("fromId").orElse(null);
    Long start = params.integer("startTime").orElse(null);
    Long end = params.integer("endTime").orElse(null);
    if (fromId != null && (start != null || end != null)) {
      throw new BinanceError(400, -1128, "Combination of optional parameters invalid.");
    }
    if (start != null && end != null && (end < start || end - start > 3_600_000)) {
      throw new BinanceError(400, -1127, "More than 1 hours between startTime and endTime.");
    }
    List<TradeView> kept = view.recentTrades(market.symbol(), Integer.MAX_VALUE);
    List<TradeView> chosen = kept.stream()
        .filter(t -> fromId == null || t.id() >= fromId)
        .filter(t -> start == null || t.time() >= start)
        .filter(t -> end == null || t.time() <= end).toList();
    // a window or fromId reads from its start; no bound gives the latest
    boolean fromStart = fromId != null || start != null || end != null;
    return BinanceParams.page(chosen, limit, fromStart).stream().map(BinanceJson::aggTrade).toList();
  }

  @GetMapping("/api/v3/ticker/price")
  public Object tickerPrice(@RequestAttribute(BinanceRequestFilter.PARAMS) BinanceParams params) {
    return symbols.oneOrAll(params, market -> {
      List<TradeView> last = view.recentTrades(market.symbol(), 1);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("symbol", BinanceSymbols.binance(market.symbol()));
      json.put("price", last.isEmpty() ? BigDecimal.ZERO : last.get(0).price());
      return json;
    });
  }

  @GetMapping("/api/v3/ticker/bookTicker")
  public Object bookTicker(@RequestAttribute(BinanceRequestFilter.PARAMS) BinanceParams params) {
    return symbols.oneOrAll(params, market -> {
      BookTicker ticker = view.bookTicker(market.symbol()).orElseThrow(BinanceError::badSymbol);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("symbol", BinanceSymbols.binance(market.symbol()));
      json.put("bidPrice", BinanceJson.zeroIfNull(ticker.bidPrice()));
      json.put("bidQty", BinanceJson.zeroIfNull(ticker.bidQty()));
      json.put("askPrice", BinanceJson.zeroIfNull(ticker.askPrice()));
      json.put("askQty", BinanceJson.zeroIfNull(ticker.askQty()));
      return json;
    });
  }

  private static Map<String, Object> symbolInfo(SymbolView market, Map<String, Integer> scales) {
    int base = scales.getOrDefault(market.baseAsset(), 8);
    int quote = scales.getOrDefault(market.quoteAsset(), 8);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("symbol", BinanceSymbols.binance(market.symbol()));
    json.put("status", market.status());
    json.put("baseAsset", market.baseAsset());
    json.put("baseAssetPrecision", base);
    json.put("quoteAsset", market.quoteAsset());
    json.put("quotePrecision", quote);
    json.put("quoteAssetPrecision", quote);
    json.put("baseCommissionPrecision", base);
    json.put("quoteCommissionPrecision", quote);
    json.put("orderTypes", ORDER_TYPES);
    json.put("icebergAllowed", true);
    json.put("ocoAllowed", false);
    json.put("otoAllowed", false);
    json.put("quoteOrderQtyMarketAllowed", true);
    json.put("allowTrailingStop", false);
    json.put("cancelReplaceAllowed", true);
    json.put("amendAllowed", true);
    json.put("isSpotTradingAllowed", true);
    json.put("isMarginTradingAllowed", false);
    json.put("filters", List.of(
        filter("PRICE_FILTER", "minPrice", market.tickSize(), "maxPrice", BigDecimal.ZERO, "tickSize", market.tickSize()),
        filter("LOT_SIZE", "minQty", market.lotSize(), "maxQty", BigDecimal.ZERO, "stepSize", market.lotSize()),
        filter("MARKET_LOT_SIZE", "minQty", BigDecimal.ZERO, "maxQty", BigDecimal.ZERO, "stepSize", BigDecimal.ZERO),
        notional(market.minNotional())));
    json.put("permissions", List.of());
    json.put("permissionSets", List.of(List.of("SPOT")));
    json.put("defaultSelfTradePreventionMode", "NONE");
    json.put("allowedSelfTradePreventionModes", STP_MODES);
    json.put("makerCommission", market.makerFeeRate());
    json.put("takerCommission", market.takerFeeRate());
    return json;
  }

  private static Map<String, Object> filter(String type, Object... namesAndValues) {
    Map<String, Object> filter = new LinkedHashMap<>();
    filter.put("filterType", type);
    for (int i = 0; i < namesAndValues.length; i += 2) {
      filter.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return filter;
  }

  private static Map<String, Object> notional(BigDecimal minNotional) {
    return filter("NOTIONAL", "minNotional", minNotional, "applyMinToMarket", true, "maxNotional", BigDecimal.ZERO,
        "applyMaxToMarket", false, "avgPriceMins", 0);
  }
}
