package io.matchstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.matchstream.client.CommandProducer;
import io.matchstream.client.EventConsumer;
import io.matchstream.stack.Layout;
import io.matchstream.stack.NodePackages;
import io.matchstream.topology.Topics;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Clients nobody here wrote, unchanged, pointed at the gateway's Binance API and market streams:
 * ccxt's {@code binance} class (ccxt pro for the streams) and Binance's official connector
 * ({@code clients/}). Each runs a trading session against a
 * book the test set up (the maker's orders sent straight to the commands topic), and every figure it
 * reports (fills, average prices, fees, balances) is checked against what the exchange did: the
 * trades on the trades topic and the balances the engine computed.
 *
 * <p>The session on each market: the maker bids 1 at 99 and offers 2 at 100 and 2 at 101; the
 * taker, funded with 10,000 USDT and 5 of the base, rests a bid and cancels it, buys 2 with a limit
 * at 101 (fills at 100), sells 1 at market (fills at 99), buys for 202 USDT at market (2 at 101).
 * Taker fee 0.002: the taker ends with 5 + 1.996 - 1 + 1.996 = 7.992 of the base and
 * 10,000 - 200 + 98.802 - 202 = 9,696.802 USDT.
 */
class BinanceClientsOnStackTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static GatewayFixture stack;
  private static NodePackages clients;

  @BeforeAll
  static void start() throws Exception {
    stack = GatewayFixture.get();
    clients = NodePackages.clients(Layout.find().home());
    clients.install();
  }

  @Test
  void ccxtTradesThroughTheBinanceApi() throws Exception {
    book("BNB-USDT", "ccxt");
    JsonNode out = run("ccxt-session.mjs", "ccxt", "BNB/USDT");

    JsonNode markets = out.path("loadMarkets");
    assertThat(markets.path("id").asText()).as(markets.toString()).isEqualTo("BNBUSDT");
    assertThat(markets.path("active").asBoolean()).isTrue();
    assertThat(markets.path("tick").decimalValue()).isEqualByComparingTo("0.01");
    assertThat(markets.path("step").decimalValue()).isEqualByComparingTo("0.001");
    assertThat(out.path("fetchOrderBook").path("bids").toString()).isEqualTo("[[99,1]]");
    assertThat(out.path("fetchOrderBook").path("asks").toString()).isEqualTo("[[100,2],[101,2]]");
    assertThat(out.path("fetchBalanceBefore").path("USDT").decimalValue()).isEqualByComparingTo("10000");
    assertThat(out.path("fetchBalanceBefore").path("BNB").decimalValue()).isEqualByComparingTo("5");

    String resting = out.path("restingBuy").path("id").asText();
    assertThat(out.path("restingBuy").path("status").asText()).as(out.path("restingBuy").toString()).isEqualTo("open");
    assertThat(out.path("fetchOrder").path("status").asText()).isEqualTo("open");
    assertThat(out.path("fetchOrder").path("price").decimalValue()).isEqualByComparingTo("10");
    assertThat(ids(out.path("fetchOpenOrders"))).containsExactly(resting);
    assertThat(out.path("cancelOrder").path("status").asText()).as(out.path("cancelOrder").toString())
        .isEqualTo("canceled");

    assertFilled(out.path("limitBuyThatTakes"), "2", "100", "200", "0.004", "BNB");
    assertFilled(out.path("marketSell"), "1", "99", "99", "0.198", "USDT");
    assertFilled(out.path("marketBuyWithCost"), "2", "101", "202", "0.004", "BNB");

    List<String> sides = new ArrayList<>();
    for (JsonNode trade : out.path("fetchMyTrades")) {
      sides.add(trade.path("side").asText() + " " + trade.path("amount").decimalValue().stripTrailingZeros().toPlainString()
          + " at " + trade.path("price").decimalValue().stripTrailingZeros().toPlainString() + " "
          + trade.path("takerOrMaker").asText());
    }
    assertThat(sides).containsExactly("buy 2 at 100 taker", "sell 1 at 99 taker", "buy 2 at 101 taker");
    assertThat(ids(out.path("fetchClosedOrders"))).containsExactlyInAnyOrder(out.path("limitBuyThatTakes").path("id")
        .asText(), out.path("marketSell").path("id").asText(), out.path("marketBuyWithCost").path("id").asText());
    assertThat(out.path("fetchTrades")).hasSize(3);
    // the candles and statistics of those three trades (2 at 100, 1 at 99, 2 at 101), as the streams app aggregated them
    JsonNode ticker = out.path("fetchTicker");
    assertThat(plain(ticker, "open", "high", "low", "last", "baseVolume", "quoteVolume", "vwap", "change", "percentage"))
        .as(ticker.toString()).containsExactly("100", "101", "99", "101", "5", "501", "100.2", "1", "1");
    assertThat(summary(out.path("fetchOHLCV"))).as(out.path("fetchOHLCV").toString()).isEqualTo("O100 H101 L99 C101 V5");

    JsonNode edited = out.path("editOrder");
    assertThat(edited.path("status").asText()).as(edited.toString()).isEqualTo("open");
    assertThat(edited.path("price").decimalValue()).isEqualByComparingTo("13");
    assertThat(edited.path("id").asText()).isNotEqualTo(out.path("twoResting").path(0).path("id").asText());
    assertThat(out.path("cancelAllOrders")).hasSize(2);
    for (JsonNode canceled : out.path("cancelAllOrders")) {
      assertThat(canceled.path("status").asText()).isEqualTo("canceled");
    }
    assertThat(out.path("fetchOpenOrdersAfter")).isEmpty();
    assertThat(out.path("cancelUnknown").path("error").asText()).isEqualTo("OrderNotFound");
    assertThat(out.path("insufficientFunds").path("error").asText()).as(out.path("insufficientFunds").toString())
        .isEqualTo("InsufficientFunds");

    assertThat(out.path("fetchBalanceAfter").path("BNB").decimalValue()).isEqualByComparingTo("7.992");
    assertThat(out.path("fetchBalanceAfter").path("USDT").decimalValue()).isEqualByComparingTo("9696.802");

    assertThat(out.path("watchOrderBookBefore").toString()).isEqualTo("{\"bids\":[],\"asks\":[]}");
    assertThat(out.path("watchOrderBookAfter").toString()).isEqualTo("{\"bids\":[],\"asks\":[[60,1]]}");
    assertThat(out.path("watchTrades").toString()).as(out.path("watchTrades").toString())
        .contains("\"price\":60,\"amount\":1");
    JsonNode candles = out.path("watchOHLCV");
    assertThat(plain(candles.path(candles.size() - 1), "4", "3")).as("close and low of " + candles).containsExactly("60", "60");
    List<String> watched = new ArrayList<>();
    for (JsonNode order : out.path("watchOrders")) {
      watched.add(order.path("side").asText() + " " + order.path("status").asText() + " "
          + order.path("filled").decimalValue().stripTrailingZeros().toPlainString());
    }
    assertThat(watched).as(out.path("watchOrders").toString()).contains("sell open 0", "sell closed 1", "buy closed 1");
    JsonNode lastBalance = out.path("watchBalance").path(out.path("watchBalance").size() - 1);
    assertThat(lastBalance.path("BNB").decimalValue()).as(out.path("watchBalance").toString())
        .isEqualByComparingTo("7.990");
    assertThat(lastBalance.path("USDT").decimalValue()).isEqualByComparingTo("9696.742");
    // the streams' session traded with itself: 1 at 60, the buy a taker (0.002 BNB), the sell a maker (0.06 USDT)
    assertTheExchangeAgrees("BNB-USDT", "ccxt", "BNB", List.of("2 at 100", "1 at 99", "2 at 101", "1 at 60"),
        "7.990", "9696.742");
  }

  @Test
  void binancesConnectorTradesThroughTheBinanceApi() throws Exception {
    book("TRX-USDT", "connector");
    JsonNode out = run("connector-session.mjs", "connector", "TRXUSDT");

    assertThat(out.path("ping").path("status").asInt()).isEqualTo(200);
    assertThat(out.path("time").path("body").path("serverTime").asLong()).isPositive();
    JsonNode market = out.path("exchangeInfo").path("body").path("symbols").path(0);
    assertThat(market.path("symbol").asText()).isEqualTo("TRXUSDT");
    assertThat(market.path("baseAsset").asText()).isEqualTo("TRX");
    assertThat(market.path("quoteAsset").asText()).isEqualTo("USDT");
    assertThat(out.path("depth").path("body").path("asks").toString()).isEqualTo("[[\"100\",\"2\"],[\"101\",\"2\"]]");
    assertThat(out.path("depth").path("weight").asInt()).isPositive();
    assertThat(balance(out.path("accountBefore").path("body"), "USDT")).isEqualByComparingTo("10000");

    JsonNode resting = out.path("resting").path("body");
    assertThat(resting.path("status").asText()).as(resting.toString()).isEqualTo("NEW");
    assertThat(resting.path("clientOrderId").asText()).isEqualTo("conn-rest-1");
    assertThat(resting.path("orderId").isIntegralNumber()).isTrue();
    assertThat(out.path("getOrder").path("body").path("orderId").asLong()).isEqualTo(resting.path("orderId").asLong());
    assertThat(out.path("openOrders").path("body")).hasSize(1);
    assertThat(out.path("cancel").path("body").path("status").asText()).isEqualTo("CANCELED");
    assertThat(out.path("cancel").path("body").path("origClientOrderId").asText()).isEqualTo("conn-rest-1");

    JsonNode ack = out.path("takeAck").path("body");
    assertThat(ack.fieldNames()).toIterable().containsExactly("symbol", "orderId", "orderListId", "clientOrderId",
        "transactTime");
    JsonNode result = out.path("marketSellResult").path("body");
    assertThat(result.path("status").asText()).as(result.toString()).isEqualTo("FILLED");
    assertThat(decimal(result, "cummulativeQuoteQty")).isEqualByComparingTo("99");
    assertThat(result.has("fills")).isFalse();
    JsonNode full = out.path("marketBuyFull").path("body");
    assertThat(decimal(full, "executedQty")).as(full.toString()).isEqualByComparingTo("2");
    assertThat(full.path("fills")).hasSize(1);
    assertThat(decimal(full.path("fills").path(0), "price")).isEqualByComparingTo("101");
    assertThat(decimal(full.path("fills").path(0), "commission")).isEqualByComparingTo("0.004");
    assertThat(full.path("fills").path(0).path("commissionAsset").asText()).isEqualTo("TRX");

    assertThat(out.path("myTrades").path("body")).hasSize(3);
    assertThat(out.path("allOrders").path("body")).hasSize(4);
    assertThat(out.path("trades").path("body")).hasSize(3);
    assertThat(decimal(out.path("aggTrades").path("body").path(2), "p")).isEqualByComparingTo("101");
    assertThat(decimal(out.path("tickerPrice").path("body"), "price")).isEqualByComparingTo("101");
    assertThat(decimal(out.path("bookTicker").path("body"), "bidPrice")).isEqualByComparingTo("0");
    // the candles and statistics of those three trades, as the streams app aggregated them
    assertThat(summary(out.path("klines").path("body"))).as(out.path("klines").toString()).isEqualTo("O100 H101 L99 C101 V5");
    assertThat(summary(out.path("uiKlines").path("body"))).isEqualTo("O100 H101 L99 C101 V5");
    assertThat(decimal(out.path("avgPrice").path("body"), "price")).isEqualByComparingTo("100.2");
    JsonNode day = out.path("ticker24hr").path("body");
    assertThat(plain(day, "openPrice", "highPrice", "lowPrice", "lastPrice", "volume", "quoteVolume", "weightedAvgPrice",
        "priceChange", "priceChangePercent", "count")).as(day.toString())
        .containsExactly("100", "101", "99", "101", "5", "501", "100.2", "1", "1", "3");
    assertThat(out.path("rollingWindowTicker").path("body").path("count").asInt()).isEqualTo(3);
    JsonNode amended = out.path("amend").path("body").path("amendedOrder");
    assertThat(decimal(amended, "qty")).as(out.path("amend").toString()).isEqualByComparingTo("0.5");
    assertThat(amended.path("orderId").asLong()).isEqualTo(out.path("twoResting").path("body").path("orderId").asLong());
    JsonNode replaced = out.path("cancelReplace").path("body");
    assertThat(replaced.path("cancelResult").asText()).as(replaced.toString()).isEqualTo("SUCCESS");
    assertThat(replaced.path("cancelResponse").path("status").asText()).isEqualTo("CANCELED");
    assertThat(decimal(replaced.path("cancelResponse"), "origQty")).isEqualByComparingTo("0.5");
    assertThat(replaced.path("newOrderResponse").path("status").asText()).isEqualTo("NEW");
    JsonNode failed = out.path("cancelReplaceUnknown");
    assertThat(failed.path("status").asInt()).as(failed.toString()).isEqualTo(400);
    assertThat(failed.path("body").path("code").asInt()).isEqualTo(-2021);
    assertThat(failed.path("body").path("data").path("cancelResponse").path("code").asInt()).isEqualTo(-2011);
    assertThat(failed.path("body").path("data").path("newOrderResult").asText()).isEqualTo("NOT_ATTEMPTED");
    assertThat(out.path("cancelOpenOrders").path("body")).hasSize(2);

    assertError(out.path("cancelUnknown"), 400, -2011);
    assertError(out.path("badSymbol"), 400, -1121);
    assertError(out.path("badPrice"), 400, -1013);
    assertError(out.path("limitWithoutPrice"), 400, -1102);
    assertThat(out.path("createListenKey").path("body").path("listenKey").asText()).hasSize(64);
    assertThat(out.path("renewListenKey").path("status").asInt()).isEqualTo(200);
    assertThat(out.path("closeListenKey").path("status").asInt()).isEqualTo(200);
    assertError(out.path("renewClosedKey"), 400, -1125);
    assertError(out.path("wrongSecret"), 400, -1022);
    JsonNode after = out.path("accountAfter").path("body");
    assertThat(balance(after, "TRX")).isEqualByComparingTo("7.992");
    assertThat(balance(after, "USDT")).isEqualByComparingTo("9696.802");

    JsonNode streams = out.path("streams");
    assertThat(streams.path("subscribed")).as(streams.toString()).hasSize(4);
    assertThat(streams.path("trxusdt@trade")).hasSize(1);
    assertThat(streams.path("trxusdt@trade").path(0).path("s").asText()).isEqualTo("TRXUSDT");
    assertThat(streams.path("trxusdt@trade").path(0).path("p").asText()).isEqualTo("60");
    assertThat(streams.path("trxusdt@aggTrade").path(0).path("q").asText()).isEqualTo("1");
    assertThat(streams.path("trxusdt@bookTicker").toString()).contains("\"a\":\"60\"");
    assertThat(streams.path("trxusdt@depth5@100ms").toString()).contains("\"asks\":[[\"60\",\"1\"]]");
    long previous = -1;
    List<String> levels = new ArrayList<>();
    for (JsonNode diff : streams.path("trxusdt@depth@100ms")) {
      assertThat(diff.path("e").asText()).isEqualTo("depthUpdate");
      if (previous >= 0) {
        assertThat(diff.path("U").asLong()).as("no gap in the diffs").isEqualTo(previous + 1);
      }
      previous = diff.path("u").asLong();
      diff.path("a").forEach(level -> levels.add(level.path(0).asText() + " " + level.path(1).asText()));
    }
    assertThat(levels).containsExactly("60 1", "60 0");
    JsonNode kline = last(streams.path("trxusdt@kline_1m")).path("k");
    assertThat(plain(kline, "c", "l", "i")).as(streams.path("trxusdt@kline_1m").toString()).containsExactly("60", "60", "1m");
    JsonNode dayTicker = last(streams.path("trxusdt@ticker"));
    assertThat(plain(dayTicker, "e", "c", "h", "l", "v", "n")).as(streams.path("trxusdt@ticker").toString())
        .containsExactly("24hrTicker", "60", "101", "60", "6", "4");
    assertThat(plain(last(streams.path("trxusdt@miniTicker")), "e", "c", "v"))
        .containsExactly("24hrMiniTicker", "60", "6");
    List<String> reports = new ArrayList<>();
    for (JsonNode event : out.path("userData")) {
      if (event.path("e").asText().equals("executionReport")) {
        reports.add(event.path("S").asText() + " " + event.path("x").asText() + " " + event.path("X").asText() + " "
            + event.path("l").asText() + "@" + event.path("L").asText() + " fee " + event.path("n").asText() + " "
            + event.path("N").asText());
      }
    }
    assertThat(reports).as(out.path("userData").toString()).containsExactlyInAnyOrder(
        "SELL NEW NEW 0@0 fee 0 null", "BUY TRADE FILLED 1@60 fee 0.002 TRX", "SELL TRADE FILLED 1@60 fee 0.06 USDT");
    assertThat(out.path("userData").toString()).contains("\"e\":\"outboundAccountPosition\"");
    // the streams' session traded with itself: 1 at 60, the buy a taker (0.002 TRX), the sell a maker (0.06 USDT)
    assertTheExchangeAgrees("TRX-USDT", "connector", "TRX", List.of("2 at 100", "1 at 99", "2 at 101", "1 at 60"),
        "7.990", "9696.742");
  }

  /** The maker's orders on {@code symbol} and the taker's funds, straight on the commands topic. */
  private static void book(String symbol, String taker) throws Exception {
    String base = symbol.substring(0, symbol.indexOf('-'));
    try (CommandProducer producer = new CommandProducer(stack.client, CommandProducer.REFERENCE_GRACE)) {
      producer.send(deposit("maker", base, "100", symbol + "-m1"));
      producer.send(deposit("maker", "USDT", "10000", symbol + "-m2"));
      producer.send(deposit(taker, base, "5", symbol + "-t1"));
      producer.send(deposit(taker, "USDT", "10000", symbol + "-t2"));
      producer.send(place(symbol, "mb-" + symbol, "BUY", "99", "1"));
      producer.send(place(symbol, "ms1-" + symbol, "SELL", "100", "2"));
      producer.send(place(symbol, "ms2-" + symbol, "SELL", "101", "2"));
      producer.awaitProcessed();
    }
    GatewayClient gateway = new GatewayClient(stack.base);
    GatewayClient.awaitTrue(() -> gateway.publicGet("/api/v3/depth?symbol=" + symbol.replace("-", "")).body()
        .contains("[\"101\",\"2\"]"));
    GatewayClient.awaitTrue(() -> gateway.binance(taker, "GET", "/api/v3/account", "").body()
        .contains("\"asset\":\"" + base + "\""));
  }

  private JsonNode run(String script, String user, String symbol) throws Exception {
    NodePackages.Result result = clients.run(List.of("node", script, stack.base, user + "-key", user + "-secret", symbol),
        null, false, Map.of());
    assertThat(result.exitCode()).as(result.output() + result.errors()).isZero();
    return JSON.readTree(result.output());
  }

  /** The trades topic and the engine's last balances say what the client reported. */
  private static void assertTheExchangeAgrees(String symbol, String taker, String base, List<String> expectedTrades,
      String baseBalance, String quoteBalance) {
    List<String> trades = new ArrayList<>();
    List<String> balances = new ArrayList<>();
    try (EventConsumer consumer = new EventConsumer(stack.client, Topics.TRADES, true)) {
      consumer.read(0, Duration.ofSeconds(2), trades::add);
    }
    try (EventConsumer consumer = new EventConsumer(stack.client, Topics.BALANCES, true)) {
      consumer.read(0, Duration.ofSeconds(2), balances::add);
    }
    List<String> taken = trades.stream().filter(t -> t.contains("\"symbol\":\"" + symbol + "\""))
        .filter(t -> t.contains("\"takerUserId\":\"" + taker + "\""))
        .map(t -> GatewayClient.field(t, "quantity") + " at " + GatewayClient.field(t, "price")).toList();
    assertThat(taken).containsExactlyElementsOf(expectedTrades);
    assertThat(last(balances, taker, base)).isEqualByComparingTo(baseBalance);
    assertThat(last(balances, taker, "USDT")).isEqualByComparingTo(quoteBalance);
  }

  private static BigDecimal last(List<String> balances, String user, String asset) {
    String latest = null;
    for (String balance : balances) {
      if (balance.contains("\"userId\":\"" + user + "\"") && balance.contains("\"asset\":\"" + asset + "\"")) {
        latest = balance;
      }
    }
    assertThat(latest).as("a balance of " + user + " in " + asset).isNotNull();
    return new BigDecimal(GatewayClient.field(latest, "available"));
  }

  private static void assertFilled(JsonNode order, String filled, String average, String cost, String fee,
      String feeAsset) {
    assertThat(order.path("status").asText()).as(order.toString()).isEqualTo("closed");
    assertThat(order.path("filled").decimalValue()).isEqualByComparingTo(filled);
    assertThat(order.path("average").decimalValue()).isEqualByComparingTo(average);
    assertThat(order.path("cost").decimalValue()).isEqualByComparingTo(cost);
    assertThat(order.path("fee").path("cost").decimalValue()).isEqualByComparingTo(fee);
    assertThat(order.path("fee").path("currency").asText()).isEqualTo(feeAsset);
  }

  /** First open, highest high, lowest low, last close and total volume of candle rows {@code [t, o, h, l, c, v, ...]}. */
  private static String summary(JsonNode rows) {
    assertThat(rows.isArray() && !rows.isEmpty()).as("candles: " + rows).isTrue();
    BigDecimal high = null;
    BigDecimal low = null;
    BigDecimal volume = BigDecimal.ZERO;
    for (JsonNode row : rows) {
      BigDecimal h = new BigDecimal(row.path(2).asText());
      BigDecimal l = new BigDecimal(row.path(3).asText());
      high = high == null || h.compareTo(high) > 0 ? h : high;
      low = low == null || l.compareTo(low) < 0 ? l : low;
      volume = volume.add(new BigDecimal(row.path(5).asText()));
    }
    return "O" + plain(rows.path(0), "1").get(0) + " H" + high.stripTrailingZeros().toPlainString() + " L"
        + low.stripTrailingZeros().toPlainString() + " C" + plain(last(rows), "4").get(0) + " V"
        + volume.stripTrailingZeros().toPlainString();
  }

  /** The fields (names, or indexes of an array), numbers as plain text without trailing zeros. */
  private static List<String> plain(JsonNode node, String... fields) {
    List<String> values = new ArrayList<>();
    for (String field : fields) {
      JsonNode value = field.matches("[0-9]+") ? node.path(Integer.parseInt(field)) : node.path(field);
      String text = value.asText();
      values.add(text.matches("-?[0-9.]+") && !text.isEmpty()
          ? new BigDecimal(text).stripTrailingZeros().toPlainString() : text);
    }
    return values;
  }

  private static JsonNode last(JsonNode array) {
    return array.path(array.size() - 1);
  }

  private static void assertError(JsonNode answer, int status, int code) {
    assertThat(answer.path("status").asInt()).as(answer.toString()).isEqualTo(status);
    assertThat(answer.path("body").path("code").asInt()).as(answer.toString()).isEqualTo(code);
  }

  /** A decimal as Binance's answers carry it: a string. */
  private static BigDecimal decimal(JsonNode node, String field) {
    assertThat(node.path(field).isTextual()).as(field + " of " + node).isTrue();
    return new BigDecimal(node.path(field).asText());
  }

  private static BigDecimal balance(JsonNode account, String asset) {
    for (JsonNode balance : account.path("balances")) {
      if (balance.path("asset").asText().equals(asset)) {
        return new BigDecimal(balance.path("free").asText());
      }
    }
    return BigDecimal.ZERO;
  }

  private static List<String> ids(JsonNode orders) {
    List<String> ids = new ArrayList<>();
    orders.forEach(o -> ids.add(o.path("id").asText()));
    return ids;
  }

  private static String deposit(String user, String asset, String amount, String txId) {
    return "{\"type\":\"deposit\",\"userId\":\"" + user + "\",\"asset\":\"" + asset + "\",\"amount\":\"" + amount
        + "\",\"txId\":\"" + txId + "\",\"ts\":1}";
  }

  private static String place(String symbol, String orderId, String side, String price, String quantity) {
    return "{\"type\":\"place\",\"orderId\":\"" + orderId + "\",\"userId\":\"maker\",\"symbol\":\"" + symbol
        + "\",\"side\":\"" + side + "\",\"orderType\":\"LIMIT\",\"timeInForce\":\"GTC\",\"price\":\"" + price
        + "\",\"quantity\":\"" + quantity + "\",\"ts\":1}";
  }
}
