package io.matchstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.matchstream.client.CommandProducer;
import io.matchstream.marketdata.KlineInterval;
import io.matchstream.testdata.CandleScenario;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Candles through the gateway: trades across second edges and a late one within grace give, from
 * {@code GET /api/v3/klines} and from the {@code @kline_<interval>} streams, the candles the
 * scenario's own grouping gives (the sinks' test checks the MySQL table against the same), for the
 * aggregated intervals and for ones composed of them; the tickers and the average price agree.
 */
class CandlesOnStackTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<KlineInterval> CHECKED = List.of(KlineInterval.S1, KlineInterval.M1, KlineInterval.M5,
      KlineInterval.H1, KlineInterval.H4, KlineInterval.D1, KlineInterval.W1, KlineInterval.MO1);

  @Test
  void klinesFromRestAndStreamsAreTheTradesCandles() throws Exception {
    GatewayFixture fixture = GatewayFixture.get();
    GatewayClient client = new GatewayClient(fixture.base);
    CandleScenario scenario = new CandleScenario("CNDL", System.currentTimeMillis() / 1000 * 1000);
    String symbol = "CNDLUSDT";
    String streams = String.join("/", CHECKED.stream().map(i -> "cndlusdt@kline_" + i.code()).toList());
    try (CommandProducer producer = new CommandProducer(fixture.client, CommandProducer.REFERENCE_GRACE)) {
      for (String line : scenario.setup()) {
        producer.send(line);
      }
      producer.awaitProcessed();
      GatewayClient.awaitTrue(() -> client.publicGet("/api/v3/exchangeInfo?symbol=" + symbol).statusCode() == 200);
    }
    try (StreamClient stream = new StreamClient(fixture.base, "/stream?streams=" + streams + "/cndlusdt@ticker");
         CommandProducer producer = new CommandProducer(fixture.client, CommandProducer.REFERENCE_GRACE)) {
      for (String line : scenario.trades()) {
        producer.send(line);
      }
      producer.awaitProcessed();

      for (KlineInterval interval : CHECKED) {
        List<List<String>> expected = scenario.candles(interval);
        List<List<String>> actual = rest(client, symbol, interval);
        for (long deadline = System.nanoTime() + 30_000_000_000L; !actual.equals(expected)
            && System.nanoTime() < deadline; actual = rest(client, symbol, interval)) {
          Thread.sleep(100);
        }
        assertThat(actual).as(interval.code()).isEqualTo(expected);
      }
      assertThat(scenario.candles(KlineInterval.S1)).as("the scenario spans seconds").hasSizeGreaterThanOrEqualTo(3);

      // each stream's latest message per candle is the candle as REST has it
      Map<String, List<List<String>>> expectedPushes = new TreeMap<>();
      CHECKED.forEach(i -> expectedPushes.put(i.code(), scenario.candles(i)));
      Map<String, Map<Long, List<String>>> pushed = new TreeMap<>();
      Map<String, List<List<String>>> latestPushes = Map.of();
      for (long deadline = System.nanoTime() + 30_000_000_000L; !latestPushes.equals(expectedPushes)
          && System.nanoTime() < deadline; ) {
        String message = stream.messages.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
        JsonNode k = message == null ? null : JSON.readTree(message).path("data").path("k");
        if (k != null && !k.isMissingNode()) {
          pushed.computeIfAbsent(k.path("i").asText(), i -> new TreeMap<>()).put(k.path("t").asLong(), row(k));
          latestPushes = new TreeMap<>();
          for (var entry : pushed.entrySet()) {
            latestPushes.put(entry.getKey(), List.copyOf(entry.getValue().values()));
          }
        }
      }
      assertThat(latestPushes).isEqualTo(expectedPushes);

      // the 24-hour statistics: every trade of the scenario, on both REST and the stream
      JsonNode ticker = JSON.readTree(client.publicGet("/api/v3/ticker/24hr?symbol=" + symbol).body());
      List<CandleScenario.Fill> fills = CandleScenario.FILLS;
      BigDecimal volume = fills.stream().map(f -> new BigDecimal(f.quantity())).reduce(BigDecimal.ZERO, BigDecimal::add);
      BigDecimal quote = fills.stream().map(f -> new BigDecimal(f.quantity()).multiply(new BigDecimal(f.price())))
          .reduce(BigDecimal.ZERO, BigDecimal::add);
      Map<String, String> expected = new LinkedHashMap<>();
      expected.put("openPrice", fills.get(0).price());
      expected.put("highPrice", "103");
      expected.put("lowPrice", "98");
      expected.put("lastPrice", fills.get(fills.size() - 1).price());
      expected.put("volume", CandleScenario.plain(volume));
      expected.put("quoteVolume", CandleScenario.plain(quote));
      expected.put("count", String.valueOf(fills.size()));
      expected.put("priceChange", "2");
      expected.put("priceChangePercent", "2");
      expected.put("weightedAvgPrice",
          CandleScenario.plain(quote.divide(volume, new MathContext(18))));
      Map<String, String> actual = new LinkedHashMap<>();
      expected.keySet().forEach(name -> actual.put(name, plain(ticker.path(name).asText())));
      assertThat(actual).isEqualTo(expected);
      assertThat(ticker.path("lastId").asLong() - ticker.path("firstId").asLong()).isEqualTo(fills.size() - 1);

      String pushedTicker = stream.next("\"24hrTicker\"", "\"n\":" + fills.size());
      assertThat(plain(JSON.readTree(pushedTicker).path("data").path("v").asText())).isEqualTo(expected.get("volume"));

      JsonNode average = JSON.readTree(client.publicGet("/api/v3/avgPrice?symbol=" + symbol).body());
      assertThat(average.path("mins").asInt()).isEqualTo(5);
      assertThat(plain(average.path("price").asText())).isEqualTo(expected.get("weightedAvgPrice"));
      JsonNode rolling = JSON.readTree(client.publicGet("/api/v3/ticker?symbol=" + symbol + "&windowSize=1h").body());
      assertThat(rolling.path("count").asInt()).isEqualTo(fills.size());
    }
  }

  @Test
  void malformedCandleRequestsGetBinancesErrors() throws Exception {
    GatewayClient client = new GatewayClient(GatewayFixture.get().base);
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("/api/v3/klines?symbol=BTCUSDT&interval=2m", "-1120");
    cases.put("/api/v3/klines?symbol=BTCUSDT", "-1102");
    cases.put("/api/v3/klines?symbol=NOPE&interval=1m", "-1121");
    cases.put("/api/v3/klines?symbol=BTCUSDT&interval=1m&startTime=20&endTime=10", "-1023");
    cases.put("/api/v3/klines?symbol=BTCUSDT&interval=1m&timeZone=8", "-1100");
    cases.put("/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=0", "-1100");
    cases.put("/api/v3/ticker?windowSize=1d", "-1102");
    cases.put("/api/v3/ticker?symbol=BTCUSDT&windowSize=60m", "-1100");
    cases.put("/api/v3/ticker/24hr?symbol=BTCUSDT&type=HUGE", "-1100");
    cases.put("/api/v3/avgPrice", "-1102");
    Map<String, String> answers = new LinkedHashMap<>();
    for (String path : cases.keySet()) {
      var response = client.publicGet(path);
      answers.put(path, response.statusCode() + " " + JSON.readTree(response.body()).path("code").asText());
    }
    Map<String, String> expected = new LinkedHashMap<>();
    cases.forEach((path, code) -> expected.put(path, "400 " + code));
    assertThat(answers).isEqualTo(expected);
  }

  private static List<List<String>> rest(GatewayClient client, String symbol, KlineInterval interval) throws Exception {
    JsonNode rows = JSON.readTree(client.publicGet("/api/v3/klines?symbol=" + symbol + "&interval=" + interval.code()
        + "&limit=1000").body());
    List<List<String>> out = new ArrayList<>();
    for (JsonNode row : rows) {
      List<String> values = new ArrayList<>();
      for (int i = 0; i < 11; i++) {
        values.add(plain(row.get(i).asText()));
      }
      out.add(values);
    }
    return out;
  }

  /** A stream's {@code k} as a klines row. */
  private static List<String> row(JsonNode k) {
    List<String> values = new ArrayList<>();
    for (String field : List.of("t", "o", "h", "l", "c", "v", "T", "q", "n", "V", "Q")) {
      values.add(plain(k.path(field).asText()));
    }
    return values;
  }

  private static String plain(String number) {
    return CandleScenario.plain(new BigDecimal(number));
  }
}
