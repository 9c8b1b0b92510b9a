package io.matchstream.gateway.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.matchstream.gateway.binance.BinanceJson;
import io.matchstream.gateway.binance.BinanceSymbols;
import io.matchstream.gateway.view.BookTicker;
import io.matchstream.gateway.view.Depth;
import io.matchstream.gateway.view.DepthDiff;
import io.matchstream.gateway.view.ExchangeView;
import io.matchstream.gateway.view.FeedListener;
import io.matchstream.gateway.view.RollingTicker;
import io.matchstream.gateway.view.TradeView;
import io.matchstream.marketdata.KlineInterval;
import io.matchstream.schema.Kline;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Binance's market streams, named as Binance names them ({@code bnbusdt@trade}, {@code @aggTrade},
 * {@code @depth}, {@code @depth@100ms}, {@code @depth5}/{@code 10}/{@code 20} with an optional
 * {@code @100ms} or {@code @1000ms}, {@code @bookTicker}) with Binance's payloads: raw on a
 * {@code /ws} connection, as {@code {"stream","data"}} on a {@code /stream} one; and
 * {@code @kline_<interval>} (on every candle update), {@code @ticker} and {@code @miniTicker} (the
 * rolling 24 hours, once a second). The depth diffs'
 * {@code U}/{@code u} are the book deltas' {@code seq}, with no gaps, and a snapshot's
 * {@code lastUpdateId} is on the same count: Binance's book-sync procedure works as documented.
 * Every stream but the tickers is pushed as soon as the view applied a batch, whatever speed the
 * name asks.
 */
@Component
public class BinanceMarketStreams implements FeedListener {
  private static final Logger LOG = LoggerFactory.getLogger(BinanceMarketStreams.class);
  static final Pattern NAME = Pattern.compile("([a-z0-9]+)@(trade|aggTrade|bookTicker|ticker|miniTicker|kline_("
      + String.join("|", java.util.Arrays.stream(KlineInterval.values()).map(KlineInterval::code).toList())
      + ")|depth(5|10|20)?(@100ms|@1000ms)?)");
  private static final long DAY = 86_400_000L;
  private final Map<String, Set<Subscriber>> streams = new ConcurrentHashMap<>();
  private final Set<Subscriber> combined = ConcurrentHashMap.newKeySet();
  private final BinanceSymbols symbols;
  private final ExchangeView view;
  private final ObjectMapper json;
  private final Clock clock;

  private final ScheduledExecutorService tickers = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "binance-tickers");
    thread.setDaemon(true);
    return thread;
  });

  public BinanceMarketStreams(BinanceSymbols symbols, ExchangeView view, ObjectMapper json, Clock clock) {
    this.symbols = symbols;
    this.view = view;
    this.json = json;
    this.clock = clock;
    tickers.scheduleAtFixedRate(this::publishTickers, 1, 1, TimeUnit.SECONDS);
  }

  @PreDestroy
  void stop() {
    tickers.shutdownNow();
  }

  /** Why {@code name} is no stream here, or null when it is one. */
  String refusal(String name) {
    Matcher stream = NAME.matcher(name);
    if (!stream.matches()) {
      return "Invalid request: unknown stream '" + name + "'";
    }
    return symbols.market(stream.group(1)).isEmpty() ? "Invalid request: unknown symbol in '" + name + "'" : null;
  }

  void mode(Subscriber subscriber, boolean combinedStreams) {
    if (combinedStreams) {
      combined.add(subscriber);
    }
  }

  void subscribe(Subscriber subscriber, String name) {
    streams.computeIfAbsent(name, s -> ConcurrentHashMap.newKeySet()).add(subscriber);
  }

  void unsubscribe(Subscriber subscriber, String name) {
    Set<Subscriber> listeners = streams.get(name);
    if (listeners != null) {
      listeners.remove(subscriber);
    }
  }

  void disconnect(Subscriber subscriber) {
    combined.remove(subscriber);
    streams.values().forEach(listeners -> listeners.remove(subscriber));
  }

  @Override
  public void onTrade(TradeView trade) {
    String symbol = BinanceSymbols.binance(trade.symbol());
    String prefix = symbol.toLowerCase(java.util.Locale.ROOT);
    if (has(prefix + "@trade")) {
      Map<String, Object> data = event("trade", symbol);
      data.put("t", trade.id());
      data.put("p", trade.price());
      data.put("q", trade.qty());
      data.put("T", trade.time());
      data.put("m", trade.isBuyerMaker());
      data.put("M", true);
      publish(prefix + "@trade", data);
    }
    if (has(prefix + "@aggTrade")) {
      Map<String, Object> data = event("aggTrade", symbol);
      data.putAll(BinanceJson.aggTrade(trade));  // the same fields as GET aggTrades
      publish(prefix + "@aggTrade", data);
    }
  }

  @Override
  public void onDepthDiff(DepthDiff diff) {
    String symbol = BinanceSymbols.binance(diff.symbol());
    String prefix = symbol.toLowerCase(java.util.Locale.ROOT);
    Map<String, Object> data = event("depthUpdate", symbol);
    data.put("U", diff.firstUpdateId());
    data.put("u", diff.lastUpdateId());
    data.put("b", diff.bids());
    data.put("a", diff.asks());
    for (String speed : List.of("", "@100ms", "@1000ms")) {
      publish(prefix + "@depth" + speed, data);
    }
    Depth top = null;
    for (int levels : new int[] {5, 10, 20}) {
      for (String speed : List.of("", "@100ms", "@1000ms")) {
        String name = prefix + "@depth" + levels + speed;
        if (!has(name)) {
          continue;
        }
        if (top == null) {
          top = view.depth(diff.symbol(), 20).orElse(null);
          if (top == null) {
            return;
          }
        }
        Map<String, Object> partial = new LinkedHashMap<>();
        partial.put("lastUpdateId", top.lastUpdateId());
        partial.put("bids", top.bids().subList(0, Math.min(levels, top.bids().size())));
        partial.put("asks", top.asks().subList(0, Math.min(levels, top.asks().size())));
        publish(name, partial);
      }
    }
  }

  /**
   * Each subscribed interval's candle that the update is part of, composed anew: a 1m update
   * changes the 1m, 3m ... 30m candles that hold it.
   */
  @Override
  public void onKline(Kline kline) {
    String symbol = BinanceSymbols.binance(kline.getSymbol());
    String prefix = symbol.toLowerCase(java.util.Locale.ROOT) + "@kline_";
    long now = clock.millis();
    for (KlineInterval interval : KlineInterval.values()) {
      if (!interval.source().code().equals(kline.getInterval()) || !has(prefix + interval.code())) {
        continue;
      }
      Kline candle = view.kline(kline.getSymbol(), interval, kline.getOpenTime());
      Map<String, Object> data = event("kline", symbol);
      data.put("k", BinanceJson.klineEvent(candle, candle.getCloseTime() < now));
      publish(prefix + interval.code(), data);
    }
  }

  /** The 24-hour statistics of every symbol someone follows, once a second as Binance sends them. */
  private void publishTickers() {
    try {
      long now = clock.millis();
      for (var market : view.symbols()) {
        String symbol = BinanceSymbols.binance(market.symbol());
        String prefix = symbol.toLowerCase(java.util.Locale.ROOT);
        if (!has(prefix + "@ticker") && !has(prefix + "@miniTicker")) {
          continue;
        }
        RollingTicker t = view.ticker(market.symbol(), DAY, now).orElse(null);
        if (t == null) {
          continue;
        }
        if (has(prefix + "@ticker")) {
          Map<String, Object> data = event("24hrTicker", symbol);
          data.put("p", t.priceChange());
          data.put("P", t.priceChangePercent());
          data.put("w", t.weightedAvgPrice());
          data.put("x", t.prevClose());
          data.put("c", t.last());
          data.put("Q", t.lastQty());
          data.put("b", BinanceJson.zeroIfNull(t.book().bidPrice()));
          data.put("B", BinanceJson.zeroIfNull(t.book().bidQty()));
          data.put("a", BinanceJson.zeroIfNull(t.book().askPrice()));
          data.put("A", BinanceJson.zeroIfNull(t.book().askQty()));
          putPrices(data, t);
          data.put("O", t.openTime());
          data.put("C", t.closeTime());
          data.put("F", t.firstId());
          data.put("L", t.lastId());
          data.put("n", t.count());
          publish(prefix + "@ticker", data);
        }
        if (has(prefix + "@miniTicker")) {
          Map<String, Object> data = event("24hrMiniTicker", symbol);
          data.put("c", t.last());
          putPrices(data, t);
          publish(prefix + "@miniTicker", data);
        }
      }
    } catch (RuntimeException e) {
      LOG.error("the ticker streams skipped a second", e);
    }
  }

  /** Open, high, low and the volumes: what both tickers carry, in Binance's order. */
  private static void putPrices(Map<String, Object> data, RollingTicker t) {
    data.put("o", t.open());
    data.put("h", t.high());
    data.put("l", t.low());
    data.put("v", t.volume());
    data.put("q", t.quoteVolume());
  }

  @Override
  public void onBookTicker(BookTicker ticker) {
    String symbol = BinanceSymbols.binance(ticker.symbol());
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("u", ticker.updateId());
    data.put("s", symbol);
    data.put("b", ticker.bidPrice());
    data.put("B", ticker.bidQty());
    data.put("a", ticker.askPrice());
    data.put("A", ticker.askQty());
    publish(symbol.toLowerCase(java.util.Locale.ROOT) + "@bookTicker", data);
  }

  private boolean has(String stream) {
    Set<Subscriber> listeners = streams.get(stream);
    return listeners != null && !listeners.isEmpty();
  }

  private Map<String, Object> event(String type, String symbol) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("e", type);
    data.put("E", clock.millis());
    data.put("s", symbol);
    return data;
  }

  /** To each listener once, raw or in the combined form, each form written once. */
  private void publish(String stream, Object data) {
    Set<Subscriber> listeners = streams.get(stream);
    if (listeners == null || listeners.isEmpty()) {
      return;
    }
    String raw = null;
    String envelope = null;
    for (Subscriber listener : listeners) {
      if (combined.contains(listener)) {
        envelope = envelope != null ? envelope : write(new StreamHub.Envelope(stream, data));
        listener.offer(envelope);
      } else {
        raw = raw != null ? raw : write(data);
        listener.offer(raw);
      }
    }
  }

  private String write(Object message) {
    return StreamHub.write(json, message);
  }
}
