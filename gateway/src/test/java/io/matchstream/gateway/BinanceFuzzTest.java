package io.matchstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.matchstream.client.CommandProducer;
import io.matchstream.client.RequestSigning;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Malformed requests to the Binance API by the thousand, signed as Binance's clients sign them (so
 * most reach the controllers), on a market of their own (XLM-USDT, user {@code fuzzer}): random
 * parameters with wrong, empty, huge or foreign values, in the query or the form body, now and then
 * a bad signature, a stale timestamp or no key. Every answer is a 2xx or a 4xx, and every 400 and
 * 401 carries Binance's {@code {"code": <negative>, "msg": ...}}; then bodies that are no form,
 * bytes that are no HTTP, and junk on the WebSocket streams. Afterwards the gateway still serves
 * and a good order still trades.
 */
class BinanceFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> PATHS = List.of("/api/v3/order", "/api/v3/order/test", "/api/v3/openOrders",
      "/api/v3/allOrders", "/api/v3/myTrades", "/api/v3/account", "/api/v3/account/commission",
      "/api/v3/userDataStream", "/api/v3/depth", "/api/v3/trades", "/api/v3/aggTrades", "/api/v3/exchangeInfo",
      "/api/v3/ticker/price", "/api/v3/ticker/bookTicker", "/api/v3/klines", "/api/v3/uiKlines", "/api/v3/avgPrice",
      "/api/v3/ticker/24hr", "/api/v3/ticker", "/api/v3/cancelAllAfter", "/admin/v1/deposit",
      "/api/v3/order/amend/keepPriority", "/api/v3/order/cancelReplace", "/api/v3/nothing", "/api/v3/order/x",
      "/api/v2/order");
  private static final List<String> METHODS = List.of("GET", "POST", "DELETE", "PUT", "PATCH");
  private static final List<String> NAMES = List.of("symbol", "symbols", "side", "type", "timeInForce", "quantity",
      "quoteOrderQty", "price", "stopPrice", "icebergQty", "newClientOrderId", "newOrderRespType",
      "selfTradePreventionMode", "orderId", "origClientOrderId", "limit", "startTime", "endTime", "fromId",
      "listenKey", "omitZeroBalances", "recvWindow", "trailingDelta", "interval", "windowSize", "timeZone", "timeout",
      "newQty", "cancelOrderId", "cancelReplaceMode", "userId", "asset", "amount", "txId");
  private static final List<String> VALUES = List.of("", "-1", "0", "1", "0.01", "1e9", "NaN", "abc", "\u00e9\u4e2d",
      "%00", "99999999999999999999999999999999999999999", "0.0000000000000000000000001", "XLMUSDT", "xlmusdt",
      "[\"XLMUSDT\"]", "[1", "BUY", "SELL", "LIMIT", "MARKET", "LIMIT_MAKER", "STOP_LOSS_LIMIT", "GTC", "IOC", "FULL",
      "RESULT", "ACK", "EXPIRE_BOTH", "DECREMENT", "true", " ", "null", "9223372036854775808", "a".repeat(40),
      "1m", "1M", "1w", "3d", "7d", "8d", "0m", "60m", "+08:00", "MINI");

  @Test
  void malformedBinanceRequestsGetBinancesErrorsAndTheGatewayKeepsServing() throws Exception {
    GatewayFixture stack = GatewayFixture.get();
    try (CommandProducer producer = new CommandProducer(stack.client, CommandProducer.REFERENCE_GRACE)) {
      producer.send("{\"type\":\"deposit\",\"userId\":\"fuzzer\",\"asset\":\"USDT\",\"amount\":\"100000\","
          + "\"txId\":\"fuzz-usdt\",\"ts\":1}");
      producer.send("{\"type\":\"deposit\",\"userId\":\"fuzzer\",\"asset\":\"XLM\",\"amount\":\"100000\","
          + "\"txId\":\"fuzz-xlm\",\"ts\":1}");
      producer.awaitProcessed();
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Random random = new Random(19);
    Map<Integer, Integer> statuses = new TreeMap<>();
    for (int i = 0; i < 1500; i++) {
      String method = METHODS.get(random.nextInt(METHODS.size()));
      String path = PATHS.get(random.nextInt(PATHS.size()));
      boolean inBody = method.equals("POST") && random.nextBoolean();
      StringBuilder params = new StringBuilder();
      for (String name : NAMES) {
        if (random.nextInt(3) == 0) {
          params.append(name).append('=').append(URLEncoder.encode(VALUES.get(random.nextInt(VALUES.size())),
              StandardCharsets.UTF_8)).append('&');
        }
      }
      long timestamp = System.currentTimeMillis() - (random.nextInt(10) == 0 ? 120_000 : 0);
      params.append("timestamp=").append(timestamp);
      String secret = random.nextInt(10) == 0 ? "wrong" : "fuzzer-secret";
      params.append("&signature=").append(RequestSigning.sign(secret, params.toString()));
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.base + path + (inBody ? "" : "?" + params)))
          .timeout(Duration.ofSeconds(30));
      if (random.nextInt(20) != 0) {
        request.header("X-MBX-APIKEY", "fuzzer-key");
      }
      if (inBody) {
        request.header("Content-Type", "application/x-www-form-urlencoded");
      }
      HttpResponse<String> response = http.send(request.method(method, inBody
          ? HttpRequest.BodyPublishers.ofString(params.toString()) : HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.ofString());
      statuses.merge(response.statusCode(), 1, Integer::sum);
      String what = method + " " + path + " " + params + " -> " + response.body();
      assertThat(response.statusCode()).as(what).isBetween(200, 499);
      if (response.statusCode() == 400 || response.statusCode() == 401) {
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.path("code").asInt()).as(what).isNegative();
        assertThat(error.path("msg").asText()).as(what).isNotBlank();
      }
    }
    assertThat(statuses).as("the fuzz reached the controllers, not only the filters").containsKeys(200, 400, 401, 404);
    for (int i = 0; i < 200; i++) {
      // bodies that are no form at all, signed or not
      String junk = junk(random);
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stack.base + "/api/v3/order"))
          .header("X-MBX-APIKEY", "fuzzer-key").header("Content-Type", "application/x-www-form-urlencoded")
          .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(junk)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(junk.length() > 200 ? junk.substring(0, 200) : junk).isBetween(400, 499);
    }
    for (int i = 0; i < 50; i++) {
      rawGarbage(stack.base, random);
    }
    for (String path : List.of("/ws", "/ws/xlmusdt@trade", "/stream?streams=xlmusdt@depth")) {
      try (StreamClient socket = new StreamClient(stack.base, path)) {
        for (int i = 0; i < 100; i++) {
          socket.send(junk(random));
        }
      }
    }
    // the fuzz may have armed the fuzzer's dead-man's switch
    String disarm = "timeout=0&timestamp=" + System.currentTimeMillis();
    assertThat(http.send(HttpRequest.newBuilder(URI.create(stack.base + "/api/v3/cancelAllAfter?" + disarm
        + "&signature=" + RequestSigning.sign("fuzzer-secret", disarm))).header("X-MBX-APIKEY", "fuzzer-key")
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(200);

    GatewayClient gateway = new GatewayClient(stack.base);
    assertThat(gateway.publicGet("/actuator/health").statusCode()).isEqualTo(200);
    String good = "symbol=XLMUSDT&side=SELL&type=LIMIT&timeInForce=GTC&quantity=1&price=1000&newOrderRespType=RESULT"
        + "&timestamp=" + System.currentTimeMillis();
    HttpResponse<String> placed = http.send(HttpRequest.newBuilder(URI.create(stack.base + "/api/v3/order"))
        .header("X-MBX-APIKEY", "fuzzer-key").header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(good + "&signature=" + RequestSigning.sign("fuzzer-secret", good)))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(placed.body()).as("a good order after the fuzz").contains("\"status\":\"NEW\"");
  }

  /** Text that is no request: empty, deep nesting, random bytes, or a JSON request cut about. */
  private static String junk(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> "";
      case 1 -> "[".repeat(2000 + random.nextInt(5000));
      case 2 -> {
        byte[] bytes = new byte[random.nextInt(300)];
        random.nextBytes(bytes);
        yield new String(bytes, StandardCharsets.ISO_8859_1);
      }
      default -> {
        StringBuilder request = new StringBuilder("{\"method\":\"SUBSCRIBE\",\"params\":[\"xlmusdt@trade\"],\"id\":1}");
        for (int k = 0; k < 1 + random.nextInt(3); k++) {
          request.insert(random.nextInt(request.length()), "{}[]\",:\\x0%&=".charAt(random.nextInt(13)));
        }
        yield request.toString();
      }
    };
  }

  /** Bytes that are not HTTP at all, or a request that promises more body than it sends, then the connection closed. */
  private static void rawGarbage(String base, Random random) throws Exception {
    URI uri = URI.create(base);
    try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
      byte[] bytes = new byte[random.nextInt(300)];
      random.nextBytes(bytes);
      socket.getOutputStream().write(random.nextBoolean() ? bytes
          : ("POST /api/v3/order HTTP/1.1\r\nHost: x\r\nContent-Length: 999999\r\n\r\nsymbol=").getBytes(
              StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
    }
  }
}
