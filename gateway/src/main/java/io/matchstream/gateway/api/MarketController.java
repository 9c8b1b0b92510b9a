package io.matchstream.gateway.api;

import io.matchstream.gateway.view.ExchangeView;
import io.matchstream.gateway.view.TradeView;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Public market data, no key needed: the paths {@link #PUBLIC} lists. A depth snapshot's
 * {@code lastUpdateId} is the {@code seq} of the last delta in it, the number a client matches
 * against the depth stream's diffs.
 */
@RestController
public class MarketController {
  public static final List<String> PUBLIC = List.of("/api/v1/ping", "/api/v1/time", "/api/v1/exchangeInfo",
      "/api/v1/depth", "/api/v1/trades", "/api/v1/ticker/bookTicker", "/api/v1/demo");
  private final ExchangeView view;
  private final Clock clock;

  public MarketController(ExchangeView view, Clock clock) {
    this.view = view;
    this.clock = clock;
  }

  @GetMapping("/api/v1/ping")
  public Map<String, Object> ping() {
    return Map.of();
  }

  @GetMapping("/api/v1/time")
  public Map<String, Object> time() {
    return Map.of("serverTime", clock.millis());
  }

  @GetMapping("/api/v1/exchangeInfo")
  public Map<String, Object> exchangeInfo() {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("timezone", "UTC");
    info.put("serverTime", clock.millis());
    info.put("assets", view.assets().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(a -> new Asset(a.getKey(), a.getValue())).toList());
    info.put("symbols", view.symbols());
    return info;
  }

  @GetMapping("/api/v1/depth")
  public Object depth(@RequestParam("symbol") String symbol,
      @RequestParam(name = "limit", defaultValue = "100") int limit) {
    return view.depth(symbol, limit(limit, 5000)).orElseThrow(() -> unknown(symbol));
  }

  @GetMapping("/api/v1/trades")
  public List<TradeView> trades(@RequestParam("symbol") String symbol,
      @RequestParam(name = "limit", defaultValue = "500") int limit) {
    view.symbol(symbol).orElseThrow(() -> unknown(symbol));
    return view.recentTrades(symbol, limit(limit, 1000));
  }

  @GetMapping("/api/v1/ticker/bookTicker")
  public Object bookTicker(@RequestParam("symbol") String symbol) {
    return view.bookTicker(symbol).orElseThrow(() -> unknown(symbol));
  }

  record Asset(String asset, int scale) {
  }

  static int limit(int limit, int max) {
    OrderController.require(limit >= 1 && limit <= max, "limit must be between 1 and " + max);
    return limit;
  }

  private static BadRequest unknown(String symbol) {
    return new BadRequest("unknown symbol " + symbol);
  }
}
