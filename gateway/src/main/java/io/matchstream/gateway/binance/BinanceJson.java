package io.matchstream.gateway.binance;

import io.matchstream.gateway.commands.OrderIds;
import io.matchstream.gateway.view.ExchangeView;
import io.matchstream.gateway.view.OrderView;
import io.matchstream.gateway.view.RollingTicker;
import io.matchstream.gateway.view.SymbolView;
import io.matchstream.gateway.view.TradeView;
import io.matchstream.schema.Kline;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Orders and trades in the shapes of Binance's spot API: field names, order and integers for ids and
 * times, decimals as strings, {@code "0"} where Binance sends a zero for what an order does not have.
 * The engine's {@code LIMIT} with {@code POST_ONLY} is Binance's {@code LIMIT_MAKER}.
 */
public final class BinanceJson {
  private BinanceJson() {}

  /** An order as {@code GET /api/v3/order}, {@code openOrders} and {@code allOrders} give it. */
  static Map<String, Object> order(OrderView o) {
    Map<String, Object> json = head(o);
    json.put("price", zeroIfNull(o.price()));
    json.put("origQty", zeroIfNull(o.origQty()));
    json.put("executedQty", o.executedQty());
    json.put("cummulativeQuoteQty", o.cummulativeQuoteQty());
    json.put("status", o.status() == null ? "NEW" : o.status());
    json.put("timeInForce", timeInForce(o));
    json.put("type", type(o));
    json.put("side", o.side());
    json.put("stopPrice", zeroIfNull(o.stopPrice()));
    json.put("icebergQty", zeroIfNull(o.icebergQty()));
    json.put("time", o.time());
    json.put("updateTime", o.updateTime());
    json.put("isWorking", o.working());
    json.put("workingTime", o.working() ? o.time() : -1);
    json.put("origQuoteOrderQty", zeroIfNull(o.origQuoteOrderQty()));
    json.put("selfTradePreventionMode", o.selfTradePreventionMode());
    return json;
  }

  /** A new order's {@code ACK} answer. */
  static Map<String, Object> ack(SymbolView market, String orderId, String clientOrderId, long transactTime) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("symbol", BinanceSymbols.binance(market.symbol()));
    json.put("orderId", OrderIds.number(orderId));
    json.put("orderListId", -1);
    json.put("clientOrderId", clientOrderId == null ? orderId : clientOrderId);
    json.put("transactTime", transactTime);
    return json;
  }

  /** A new order's {@code RESULT} answer: its state once the engine handled it. */
  static Map<String, Object> result(OrderView o, long transactTime) {
    Map<String, Object> json = head(o);
    json.put("transactTime", transactTime);
    json.put("price", zeroIfNull(o.price()));
    json.put("origQty", zeroIfNull(o.origQty()));
    json.put("executedQty", o.executedQty());
    json.put("origQuoteOrderQty", zeroIfNull(o.origQuoteOrderQty()));
    json.put("cummulativeQuoteQty", o.cummulativeQuoteQty());
    json.put("status", o.status());
    json.put("timeInForce", timeInForce(o));
    json.put("type", type(o));
    json.put("side", o.side());
    if (o.stopPrice() != null) {
      json.put("stopPrice", o.stopPrice());
    }
    if (o.icebergQty() != null) {
      json.put("icebergQty", o.icebergQty());
    }
    json.put("workingTime", o.working() ? o.time() : -1);
    json.put("selfTradePreventionMode", o.selfTradePreventionMode());
    return json;
  }

  /** A new order's {@code FULL} answer: {@link #result} and the order's fills as the taker. */
  static Map<String, Object> full(OrderView o, long transactTime, List<TradeView> fills, SymbolView market) {
    Map<String, Object> json = result(o, transactTime);
    List<Map<String, Object>> list = new ArrayList<>();
    boolean buyer = "BUY".equals(o.side());
    for (TradeView fill : fills) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("price", fill.price());
      f.put("qty", fill.qty());
      f.put("commission", buyer ? fill.buyerFee() : fill.sellerFee());
      f.put("commissionAsset", buyer ? market.baseAsset() : market.quoteAsset());
      f.put("tradeId", fill.id());
      list.add(f);
    }
    json.put("fills", list);
    return json;
  }

  /** A public trade ({@code GET /api/v3/trades}). */
  static Map<String, Object> trade(TradeView t) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", t.id());
    json.put("price", t.price());
    json.put("qty", t.qty());
    json.put("quoteQty", t.quoteQty());
    json.put("time", t.time());
    json.put("isBuyerMaker", t.isBuyerMaker());
    json.put("isBestMatch", true);
    return json;
  }

  /**
   * A trade as an aggregate trade ({@code GET /api/v3/aggTrades}): each fill is its own aggregate,
   * so {@code a}, {@code f} and {@code l} are its trade id.
   */
  public static Map<String, Object> aggTrade(TradeView t) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("a", t.id());
    json.put("p", t.price());
    json.put("q", t.qty());
    json.put("f", t.id());
    json.put("l", t.id());
    json.put("T", t.time());
    json.put("m", t.isBuyerMaker());
    json.put("M", true);
    return json;
  }

  /** A user's side of a trade ({@code GET /api/v3/myTrades}): one per side the user took. */
  static List<Map<String, Object>> myTrades(TradeView t, String userId, SymbolView market) {
    List<Map<String, Object>> sides = new ArrayList<>(2);
    if (t.makerUserId().equals(userId)) {
      sides.add(myTrade(t, market, true));
    }
    if (t.takerUserId().equals(userId)) {
      sides.add(myTrade(t, market, false));
    }
    return sides;
  }

  private static Map<String, Object> myTrade(TradeView t, SymbolView market, boolean maker) {
    boolean buyer = maker == t.isBuyerMaker();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("symbol", BinanceSymbols.binance(t.symbol()));
    json.put("id", t.id());
    json.put("orderId", OrderIds.number(maker ? t.makerOrderId() : t.takerOrderId()));
    json.put("orderListId", -1);
    json.put("price", t.price());
    json.put("qty", t.qty());
    json.put("quoteQty", t.quoteQty());
    json.put("commission", buyer ? t.buyerFee() : t.sellerFee());
    json.put("commissionAsset", buyer ? market.baseAsset() : market.quoteAsset());
    json.put("time", t.time());
    json.put("isBuyer", buyer);
    json.put("isMaker", maker);
    json.put("isBestMatch", true);
    return json;
  }

  /** Binance's order type of an order: the engine's {@code LIMIT} with {@code POST_ONLY} is {@code LIMIT_MAKER}. */
  public static String type(OrderView o) {
    return "LIMIT".equals(o.type()) && "POST_ONLY".equals(o.timeInForce()) ? "LIMIT_MAKER" : o.type();
  }

  /** Binance's time in force of an order: {@code GTC} for a maker-only or a market order. */
  public static String timeInForce(OrderView o) {
    return o.timeInForce() == null || "POST_ONLY".equals(o.timeInForce()) ? "GTC" : o.timeInForce();
  }

  private static Map<String, Object> head(OrderView o) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("symbol", BinanceSymbols.binance(o.symbol()));
    json.put("orderId", OrderIds.number(o.orderId()));
    json.put("orderListId", -1);
    json.put("clientOrderId", o.clientOrderId() == null ? o.orderId() : o.clientOrderId());
    return json;
  }

  /** What an order or book does not have, as Binance sends it: zero. */
  public static BigDecimal zeroIfNull(BigDecimal value) {
    return value == null ? BigDecimal.ZERO : value;
  }

  /** A candle as {@code GET /api/v3/klines} gives it: an array, prices and volumes as strings. */
  public static List<Object> klineRow(Kline k) {
    return List.of(k.getOpenTime(), plain(k.getOpen()), plain(k.getHigh()), plain(k.getLow()), plain(k.getClose()),
        plain(k.getVolume()), k.getCloseTime(), plain(k.getQuoteVolume()), k.getTrades(),
        plain(k.getTakerBuyVolume()), plain(k.getTakerBuyQuoteVolume()), "0");
  }

  /** A candle as the {@code <symbol>@kline_<interval>} stream's {@code k} gives it. */
  public static Map<String, Object> klineEvent(Kline k, boolean closed) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("t", k.getOpenTime());
    json.put("T", k.getCloseTime());
    json.put("s", BinanceSymbols.binance(k.getSymbol()));
    json.put("i", k.getInterval());
    json.put("f", k.getTrades() == 0 ? -1 : k.getFirstTradeId());
    json.put("L", k.getTrades() == 0 ? -1 : k.getLastTradeId());
    json.put("o", plain(k.getOpen()));
    json.put("c", plain(k.getClose()));
    json.put("h", plain(k.getHigh()));
    json.put("l", plain(k.getLow()));
    json.put("v", plain(k.getVolume()));
    json.put("n", k.getTrades());
    json.put("x", closed);
    json.put("q", plain(k.getQuoteVolume()));
    json.put("V", plain(k.getTakerBuyVolume()));
    json.put("Q", plain(k.getTakerBuyQuoteVolume()));
    json.put("B", "0");
    return json;
  }

  /**
   * A ticker as {@code GET /api/v3/ticker/24hr} ({@code rolling} false) or {@code GET /api/v3/ticker}
   * (true) gives it; {@code full} false is the {@code MINI} type.
   */
  public static Map<String, Object> ticker(RollingTicker t, boolean full, boolean rolling) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("symbol", BinanceSymbols.binance(t.symbol()));
    if (full) {
      json.put("priceChange", t.priceChange());
      json.put("priceChangePercent", t.priceChangePercent());
      json.put("weightedAvgPrice", t.weightedAvgPrice());
      if (!rolling) {
        json.put("prevClosePrice", t.prevClose());
        json.put("lastPrice", t.last());
        json.put("lastQty", t.lastQty());
        json.put("bidPrice", zeroIfNull(t.book().bidPrice()));
        json.put("bidQty", zeroIfNull(t.book().bidQty()));
        json.put("askPrice", zeroIfNull(t.book().askPrice()));
        json.put("askQty", zeroIfNull(t.book().askQty()));
      }
    }
    json.put("openPrice", t.open());
    json.put("highPrice", t.high());
    json.put("lowPrice", t.low());
    if (rolling || !full) {
      json.put("lastPrice", t.last());
    }
    json.put("volume", t.volume());
    json.put("quoteVolume", t.quoteVolume());
    json.put("openTime", t.openTime());
    json.put("closeTime", t.closeTime());
    json.put("firstId", t.firstId());
    json.put("lastId", t.lastId());
    json.put("count", t.count());
    return json;
  }

  private static BigDecimal plain(BigDecimal value) {
    return ExchangeView.plain(value);
  }
}
