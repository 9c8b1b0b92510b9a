package io.matchstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Malformed requests by the thousand, signed so that they reach the controllers: mutated orders,
 * wrong types, deep nesting, huge numbers, random bytes, bad query values, unknown paths and
 * methods, raw garbage on the socket and on the WebSocket. Every answer is a 4xx, never a 5xx,
 * and afterwards the gateway still serves and still places a good order.
 */
class FuzzTest {
  private static final String ORDER = "{\"symbol\":\"BTC-USDT\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\","
      + "\"price\":\"1.00\",\"quantity\":\"1\",\"newClientOrderId\":\"fz\",\"newOrderRespType\":\"RESULT\"}";
  private static final List<String> PATHS = List.of("/api/v1/order", "/api/v1/openOrders", "/api/v1/myTrades",
      "/api/v1/account", "/api/v1/admin/deposit", "/api/v1/userDataStream", "/api/v1/depth", "/api/v1/trades",
      "/api/v1/exchangeInfo", "/api/v1/ticker/bookTicker", "/api/v1/nothing", "/api/v2/order", "/api/v1/order/x",
      "/api/v1/order/amend/keepPriority", "/api/v1/cancelAllAfter");
  private static final List<String> METHODS = List.of("GET", "POST", "DELETE", "PUT", "PATCH");
  private static final List<String> VALUES = List.of("", "-1", "0", "1e999999999", "NaN", "abc", "\u00e9\u4e2d",
      "%00", "99999999999999999999999999999999999999999", "0.0000000000000000000000001", "BTC-USDT", " ", "null");
  private static final List<String> JSON_VALUES = List.of("null", "true", "1", "-0", "1e400", "[]", "{}", "\"\"",
      "\"x\"", "[1,[2]]", "{\"a\":{}}", "\"" + "9".repeat(5000) + "\"", "\"1.00\"", "\"\\u0000\"");
  private static GatewayClient gateway;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    base = GatewayFixture.get().base;
    gateway = new GatewayClient(base);
  }

  @Test
  void malformedRequestsGet4xxAndTheGatewayKeepsServing() throws Exception {
    Random random = new Random(7);
    Map<Integer, Integer> statuses = new TreeMap<>();
    for (int i = 0; i < 1500; i++) {
      String method = METHODS.get(random.nextInt(METHODS.size()));
      String path = PATHS.get(random.nextInt(PATHS.size())) + query(random);
      String body = body(random);
      HttpResponse<String> response = random.nextInt(10) == 0
          ? gateway.send("alice-key", "alice-secret", method, path, body, System.currentTimeMillis() - random.nextInt(120_000))
          : gateway.send("alice-key", "alice-secret", method, path, body, System.currentTimeMillis());
      statuses.merge(response.statusCode(), 1, Integer::sum);
      assertThat(response.statusCode()).as("%s %s %s -> %s", method, path, abbreviate(body), response.body())
          .isBetween(200, 499);
    }
    for (int i = 0; i < 50; i++) {
      rawGarbage(random);
    }
    try (StreamClient socket = new StreamClient(base, "/ws")) {
      for (int i = 0; i < 200; i++) {
        socket.send(body(random));
      }
    }
    assertThat(statuses).as("the fuzz reached the controllers, not only the filters").containsKeys(200, 400, 404);
    // the fuzz may have armed alice's dead-man's switch: the other tests' orders of hers must stay
    assertThat(gateway.post("alice", "/api/v1/cancelAllAfter", "{\"timeout\":0}").statusCode()).isEqualTo(200);
    assertThat(gateway.publicGet("/actuator/health").statusCode()).isEqualTo(200);
    gateway.deposit("bob", "USDT", "100", "fuzz-1");
    GatewayClient.awaitTrue(() -> gateway.get("bob", "/api/v1/account").body().contains("USDT"));
    HttpResponse<String> good = gateway.post("bob", "/api/v1/order", ORDER);
    assertThat(good.body()).as("a good order after the fuzz").contains("\"status\":\"NEW\"");
  }

  private static String query(Random random) {
    if (random.nextInt(3) == 0) {
      return "";
    }
    StringBuilder query = new StringBuilder("?");
    for (String name : List.of("symbol", "orderId", "origClientOrderId", "limit", "listenKey", "newQty")) {
      if (random.nextBoolean()) {
        query.append(name).append('=').append(java.net.URLEncoder.encode(VALUES.get(random.nextInt(VALUES.size())),
            StandardCharsets.UTF_8)).append('&');
      }
    }
    return query.toString();
  }

  private static String body(Random random) {
    return switch (random.nextInt(7)) {
      case 0 -> "";
      case 1 -> "[".repeat(2000 + random.nextInt(5000));
      case 2 -> new String(randomBytes(random), StandardCharsets.ISO_8859_1);
      case 3 -> {
        // a field of the order given a value of another type
        String[] fields = {"symbol", "side", "type", "timeInForce", "price", "quantity", "quoteOrderQty",
            "newClientOrderId", "selfTradePreventionMode", "newOrderRespType"};
        String field = fields[random.nextInt(fields.length)];
        yield ORDER.replaceFirst("\"" + field + "\":\"[^\"]*\"", "\"" + field + "\":"
            + JSON_VALUES.get(random.nextInt(JSON_VALUES.size())));
      }
      case 4 -> {
        // a good order with characters cut out or put in
        StringBuilder order = new StringBuilder(ORDER.replace("\"fz\"", "\"fz" + random.nextInt(1_000_000) + "\""));
        for (int k = 0; k < 1 + random.nextInt(3); k++) {
          int at = random.nextInt(order.length());
          if (random.nextBoolean()) {
            order.deleteCharAt(at);
          } else {
            order.insert(at, "{}[]\",:\\x0".charAt(random.nextInt(10)));
          }
        }
        yield order.toString();
      }
      case 5 -> "{\"timeout\":" + JSON_VALUES.get(random.nextInt(JSON_VALUES.size())) + "}";
      default -> "{\"userId\":\"alice\",\"asset\":" + JSON_VALUES.get(random.nextInt(JSON_VALUES.size()))
          + ",\"amount\":\"" + VALUES.get(random.nextInt(VALUES.size())) + "\",\"txId\":\"f\"}";
    };
  }

  private static byte[] randomBytes(Random random) {
    byte[] bytes = new byte[random.nextInt(300)];
    random.nextBytes(bytes);
    return bytes;
  }

  /** Bytes that are not HTTP at all, then the connection closed. */
  private static void rawGarbage(Random random) throws Exception {
    URI uri = URI.create(base);
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(random.nextBoolean() ? randomBytes(random)
          : ("POST /api/v1/order HTTP/1.1\r\nHost: x\r\nContent-Length: 999999\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }
  }

  private static String abbreviate(String body) {
    return body.length() > 200 ? body.substring(0, 200) + "..." : body;
  }
}
