package io.matchstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.app.AppConfig;
import io.matchstream.client.CommandProducer;
import io.matchstream.client.EventConsumer;
import io.matchstream.gateway.auth.SignedRequestFilter;
import io.matchstream.stack.AppNode;
import io.matchstream.stack.KafkaNode;
import io.matchstream.stack.Layout;
import io.matchstream.stack.Ports;
import io.matchstream.stack.RegistryNode;
import io.matchstream.topology.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The gateway in front of a real broker, registry and streams app (child processes, as
 * {@code ./matchstream up} runs them): signed REST orders that cross trade, and what is not
 * signed, fresh, allowed or well-formed is refused with the right status.
 */
class GatewayOnStackTest {
  private static KafkaNode kafka;
  private static RegistryNode registry;
  private static AppNode app;
  private static ConfigurableApplicationContext gateway;
  private static AppConfig client;
  private static String base;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    Layout layout = Layout.find();
    Path dir = Files.createDirectories(layout.home().resolve("gateway/target/it/run-" + ProcessHandle.current().pid()));
    kafka = new KafkaNode(layout, dir.resolve("kafka"), Ports.free(), Ports.free());
    kafka.start(Duration.ofSeconds(90));
    registry = new RegistryNode(layout, dir.resolve("registry"), Ports.free());
    registry.start(Duration.ofSeconds(120));
    app = new AppNode(layout, "app", dir.resolve("app"), Ports.free(), kafka.bootstrap(), registry.url())
        .with("MATCHSTREAM_COMMIT_INTERVAL_MS", "50");
    app.start(Duration.ofSeconds(120));
    client = AppConfig.load(null, Map.of("MATCHSTREAM_BOOTSTRAP_SERVERS", kafka.bootstrap(),
        "MATCHSTREAM_APICURIO_REGISTRY_URL", registry.url()));
    try (CommandProducer producer = new CommandProducer(client, CommandProducer.REFERENCE_GRACE)) {
      producer.send("{\"type\":\"asset\",\"asset\":\"USDT\",\"scale\":6}");
      producer.send("{\"type\":\"asset\",\"asset\":\"BTC\",\"scale\":8}");
      producer.send("{\"type\":\"symbol\",\"symbol\":\"BTC-USDT\",\"base\":\"BTC\",\"quote\":\"USDT\",\"tickSize\":\"0.01\","
          + "\"lotSize\":\"0.0001\",\"minNotional\":\"1\",\"makerFeeRate\":\"0.001\",\"takerFeeRate\":\"0.002\"}");
      producer.send("{\"type\":\"asset\",\"asset\":\"ETH\",\"scale\":8}");
      producer.send("{\"type\":\"symbol\",\"symbol\":\"ETH-USDT\",\"base\":\"ETH\",\"quote\":\"USDT\",\"tickSize\":\"0.01\","
          + "\"lotSize\":\"0.001\",\"minNotional\":\"1\",\"makerFeeRate\":\"0.001\",\"takerFeeRate\":\"0.002\"}");
      producer.awaitProcessed();
    }
    // command-line arguments: they take precedence over application.properties
    gateway = new SpringApplicationBuilder(GatewayApplication.class).run(
        "--server.port=0",
        "--matchstream.gateway.bootstrap-servers=" + kafka.bootstrap(),
        "--matchstream.gateway.registry-url=" + registry.url(),
        "--matchstream.gateway.instance-id=test",
        "--matchstream.gateway.keys[0].key=admin-key", "--matchstream.gateway.keys[0].secret=admin-secret",
        "--matchstream.gateway.keys[0].user-id=ops", "--matchstream.gateway.keys[0].admin=true",
        "--matchstream.gateway.keys[1].key=alice-key", "--matchstream.gateway.keys[1].secret=alice-secret",
        "--matchstream.gateway.keys[1].user-id=alice",
        "--matchstream.gateway.keys[2].key=bob-key", "--matchstream.gateway.keys[2].secret=bob-secret",
        "--matchstream.gateway.keys[2].user-id=bob",
        "--matchstream.gateway.keys[3].key=carol-key", "--matchstream.gateway.keys[3].secret=carol-secret",
        "--matchstream.gateway.keys[3].user-id=carol",
        "--matchstream.gateway.keys[4].key=dave-key", "--matchstream.gateway.keys[4].secret=dave-secret",
        "--matchstream.gateway.keys[4].user-id=dave",
        "--matchstream.gateway.keys[5].key=erin-key", "--matchstream.gateway.keys[5].secret=erin-secret",
        "--matchstream.gateway.keys[5].user-id=erin");
    base = "http://127.0.0.1:" + ((WebServerApplicationContext) gateway).getWebServer().getPort();
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
    for (Runnable part : new Runnable[] {app == null ? null : app::stop, registry == null ? null : registry::stop,
        kafka == null ? null : kafka::stop}) {
      if (part != null) {
        part.run();
      }
    }
  }

  @Test
  void signedOrdersThatCrossTrade() throws Exception {
    assertThat(signed("admin-key", "admin-secret", "/api/v1/admin/deposit",
        "{\"userId\":\"alice\",\"asset\":\"USDT\",\"amount\":\"1000\",\"txId\":\"d1\"}").statusCode()).isEqualTo(200);
    assertThat(signed("admin-key", "admin-secret", "/api/v1/admin/deposit",
        "{\"userId\":\"bob\",\"asset\":\"BTC\",\"amount\":\"2\",\"txId\":\"d2\"}").statusCode()).isEqualTo(200);
    HttpResponse<String> buy = signed("alice-key", "alice-secret", "/api/v1/order",
        "{\"symbol\":\"BTC-USDT\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\",\"price\":\"100\","
            + "\"quantity\":\"1\",\"newClientOrderId\":\"a-1\"}");
    HttpResponse<String> sell = signed("bob-key", "bob-secret", "/api/v1/order",
        "{\"symbol\":\"BTC-USDT\",\"side\":\"SELL\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\",\"price\":\"100\","
            + "\"quantity\":\"1\"}");
    assertThat(buy.statusCode()).as(buy.body()).isEqualTo(200);
    assertThat(sell.statusCode()).as(sell.body()).isEqualTo(200);
    assertThat(buy.body()).contains("\"clientOrderId\":\"a-1\"", "\"orderId\":\"c:a-1\"");
    assertThat(sell.body()).contains("\"orderId\":\"test-");
    String sellId = sell.body().replaceAll(".*\"orderId\":\"([^\"]+)\".*", "$1");

    List<String> trades = new ArrayList<>();
    try (EventConsumer consumer = new EventConsumer(client, Topics.TRADES, true)) {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (trades.isEmpty() && System.nanoTime() < deadline) {
        consumer.read(1, Duration.ofSeconds(2), trades::add);
      }
    }
    assertThat(trades).hasSize(1);
    assertThat(trades.get(0)).contains("\"price\":\"100\"", "\"quantity\":\"1\"", "\"takerOrderId\":\"" + sellId + "\"",
        "\"makerUserId\":\"alice\"", "\"takerUserId\":\"bob\"");
  }

  @Test
  void refusesWhatIsNotSignedFreshAllowedOrWellFormed() throws Exception {
    String body = "{\"symbol\":\"BTC-USDT\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"price\":\"1\",\"quantity\":\"1\"}";
    assertThat(signed("alice-key", "wrong-secret", "/api/v1/order", body).statusCode()).isEqualTo(401);
    assertThat(signed("nobody", "x", "/api/v1/order", body).statusCode()).isEqualTo(401);
    long stale = System.currentTimeMillis() - 60_000;
    assertThat(send("alice-key", "alice-secret", "/api/v1/order", body, stale).statusCode()).isEqualTo(401);
    HttpRequest once = request("alice-key", "alice-secret", "/api/v1/order", body, System.currentTimeMillis());
    assertThat(http.send(once, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    HttpResponse<String> replayed = http.send(once, HttpResponse.BodyHandlers.ofString());
    assertThat(replayed.statusCode()).isEqualTo(401);
    assertThat(replayed.body()).contains("already used");
    assertThat(signed("alice-key", "alice-secret", "/api/v1/admin/deposit",
        "{\"userId\":\"alice\",\"asset\":\"USDT\",\"amount\":\"5\",\"txId\":\"x\"}").statusCode()).isEqualTo(403);
    HttpResponse<String> unknown = signed("alice-key", "alice-secret", "/api/v1/order", "{\"symbol\":\"BTC-USDT\",\"bogus\":1}");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("unknown field 'bogus'");
    assertThat(signed("alice-key", "alice-secret", "/api/v1/order", "{not json").statusCode()).isEqualTo(400);
    assertThat(signed("alice-key", "alice-secret", "/api/v1/order", "{\"symbol\":\"" + "x".repeat(70_000) + "\"}")
        .statusCode()).as("a body over 64 KiB").isEqualTo(413);
    HttpResponse<String> badPrice = signed("alice-key", "alice-secret", "/api/v1/order",
        "{\"symbol\":\"BTC-USDT\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"price\":\"abc\",\"quantity\":\"1\"}");
    assertThat(badPrice.statusCode()).isEqualTo(400);
    assertThat(badPrice.body()).contains("price must be a decimal");
    assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).as("the gateway still serves").isEqualTo(200);
  }

  @Test
  void usersCancelOnlyTheirOwnOrders() throws Exception {
    signed("admin-key", "admin-secret", "/api/v1/admin/deposit",
        "{\"userId\":\"carol\",\"asset\":\"USDT\",\"amount\":\"500\",\"txId\":\"d3\"}");
    HttpResponse<String> placed = signed("carol-key", "carol-secret", "/api/v1/order",
        "{\"symbol\":\"BTC-USDT\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\",\"price\":\"90\","
            + "\"quantity\":\"1\"}");
    String orderId = placed.body().replaceAll(".*\"orderId\":\"([^\"]+)\".*", "$1");
    String path = "/api/v1/order?symbol=BTC-USDT&orderId=" + orderId;
    HttpResponse<String> foreign = send("bob-key", "bob-secret", "DELETE", path, "", System.currentTimeMillis());
    assertThat(foreign.statusCode()).as(foreign.body()).isEqualTo(200);
    assertThat(send("carol-key", "carol-secret", "DELETE", path, "", System.currentTimeMillis()).statusCode())
        .isEqualTo(200);
    assertThat(send("carol-key", "carol-secret", "DELETE", "/api/v1/order?symbol=BTC-USDT", "",
        System.currentTimeMillis()).statusCode()).as("no orderId").isEqualTo(400);

    List<String> orders = read(Topics.ORDER_EVENTS, e -> e.contains(orderId) && e.contains("CANCELED"));
    List<String> rejects = read(Topics.REJECTS, e -> e.contains(orderId) && e.contains("\"userId\":\"bob\""));
    assertThat(orders).as("carol's cancel").isNotEmpty();
    assertThat(rejects).as("bob's cancel of carol's order").singleElement().asString().contains("UNKNOWN_ORDER");
  }

  @Test
  void resultOrdersAndQueriesShowTheOrdersTradesBalancesAndBook() throws Exception {
    deposit("dave", "USDT", "10000", "q1");
    deposit("erin", "ETH", "10", "q2");
    awaitTrue(() -> get("dave-key", "dave-secret", "/api/v1/account").body().contains("\"free\":\"10000\""));
    awaitTrue(() -> get("erin-key", "erin-secret", "/api/v1/account").body().contains("\"asset\":\"ETH\""));
    HttpResponse<String> resting = signed("dave-key", "dave-secret", "/api/v1/order",
        "{\"symbol\":\"ETH-USDT\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\",\"price\":\"2000.50\","
            + "\"quantity\":\"2\",\"newOrderRespType\":\"RESULT\"}");
    assertThat(resting.statusCode()).as(resting.body()).isEqualTo(200);
    assertThat(resting.body()).contains("\"status\":\"NEW\"", "\"price\":\"2000.5\"", "\"origQty\":\"2\"",
        "\"type\":\"LIMIT\"", "\"executedQty\":\"0\"");
    String restingId = field(resting.body(), "orderId");
    HttpResponse<String> taker = signed("erin-key", "erin-secret", "/api/v1/order",
        "{\"symbol\":\"ETH-USDT\",\"side\":\"SELL\",\"type\":\"MARKET\",\"quantity\":\"0.5\","
            + "\"newOrderRespType\":\"RESULT\"}");
    assertThat(taker.body()).contains("\"status\":\"FILLED\"", "\"executedQty\":\"0.5\"",
        "\"cummulativeQuoteQty\":\"1000.25\"");

    awaitTrue(() -> get("dave-key", "dave-secret", "/api/v1/order?symbol=ETH-USDT&orderId=" + restingId).body()
        .contains("PARTIALLY_FILLED"));
    assertThat(get("dave-key", "dave-secret", "/api/v1/openOrders?symbol=ETH-USDT").body())
        .contains(restingId, "\"executedQty\":\"0.5\"");
    assertThat(get("erin-key", "erin-secret", "/api/v1/order?symbol=ETH-USDT&orderId=" + restingId).statusCode())
        .as("another user's order").isEqualTo(400);
    awaitTrue(() -> get("erin-key", "erin-secret", "/api/v1/myTrades?symbol=ETH-USDT").body().contains("\"id\":1"));
    assertThat(get("erin-key", "erin-secret", "/api/v1/myTrades?symbol=ETH-USDT").body())
        .contains("\"price\":\"2000.5\"", "\"qty\":\"0.5\"", "\"isBuyerMaker\":true");
    // dave: 10000 - 2000.5 x 2 locked; 1000.25 spent, 0.5 ETH less the 0.1% maker fee
    awaitTrue(() -> get("dave-key", "dave-secret", "/api/v1/account").body().contains("\"free\":\"0.4995\""));
    assertThat(get("dave-key", "dave-secret", "/api/v1/account").body())
        .contains("{\"asset\":\"USDT\",\"free\":\"5999\",\"locked\":\"3000.75\"}");

    HttpResponse<String> depth = http.send(HttpRequest.newBuilder(URI.create(base
        + "/api/v1/depth?symbol=ETH-USDT")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(depth.body()).contains("\"bids\":[[\"2000.5\",\"1.5\"]]", "\"asks\":[]", "\"lastUpdateId\":2");
    assertThat(publicGet("/api/v1/trades?symbol=ETH-USDT").body()).contains("\"qty\":\"0.5\"");
    assertThat(publicGet("/api/v1/exchangeInfo").body()).contains("\"symbol\":\"ETH-USDT\"",
        "{\"filterType\":\"LOT_SIZE\",\"stepSize\":\"0.001\"}", "{\"asset\":\"BTC\",\"scale\":8}");
    assertThat(publicGet("/api/v1/depth?symbol=NOPE").statusCode()).isEqualTo(400);
    assertThat(publicGet("/api/v1/depth?symbol=ETH-USDT&limit=x").statusCode()).isEqualTo(400);
    assertThat(get("dave-key", "dave-secret", "/api/v1/nowhere").body()).contains("\"code\":404");
  }

  @Test
  void aRetryWithTheSameClientOrderIdPlacesNothingNew() throws Exception {
    deposit("carol", "USDT", "1000", "r1");
    awaitTrue(() -> get("carol-key", "carol-secret", "/api/v1/account").body().contains("\"asset\":\"USDT\""));
    String body = "{\"symbol\":\"BTC-USDT\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\","
        + "\"price\":\"10\",\"quantity\":\"1\",\"newClientOrderId\":\"retry-1\",\"newOrderRespType\":\"RESULT\"}";
    HttpResponse<String> first = signed("carol-key", "carol-secret", "/api/v1/order", body);
    HttpResponse<String> again = signed("carol-key", "carol-secret", "/api/v1/order", body);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(field(again.body(), "orderId")).isEqualTo(field(first.body(), "orderId")).isEqualTo("c:retry-1");
    assertThat(again.body()).contains("\"status\":\"NEW\"", "\"clientOrderId\":\"retry-1\"");
    // and a retry that overtakes the first's event: the engine refuses the id, the first order stands
    String quick = body.replace("retry-1", "retry-2").replace("RESULT", "ACK");
    signed("carol-key", "carol-secret", "/api/v1/order", quick);
    HttpResponse<String> overtaking = signed("carol-key", "carol-secret", "/api/v1/order", quick.replace("ACK", "RESULT"));
    assertThat(overtaking.body()).contains("\"orderId\":\"c:retry-2\"", "\"status\":\"NEW\"");
    awaitTrue(() -> publicGet("/api/v1/depth?symbol=BTC-USDT").body().contains("[\"10\",\"2\"]"));
    assertThat(get("carol-key", "carol-secret", "/api/v1/openOrders?symbol=BTC-USDT").body().split("\"orderId\"", -1))
        .as("two orders, not three").hasSize(3);
    assertThat(get("carol-key", "carol-secret", "/api/v1/order?symbol=BTC-USDT&origClientOrderId=retry-2").body())
        .contains("\"status\":\"NEW\"", "\"origQty\":\"1\"");

    HttpResponse<String> canceled = send("carol-key", "carol-secret", "DELETE", "/api/v1/openOrders?symbol=BTC-USDT",
        "", System.currentTimeMillis());
    assertThat(canceled.body()).contains("c:retry-1", "c:retry-2");
    awaitTrue(() -> get("carol-key", "carol-secret", "/api/v1/openOrders?symbol=BTC-USDT").body().equals("[]"));
  }

  private void deposit(String userId, String asset, String amount, String txId) throws Exception {
    HttpResponse<String> response = signed("admin-key", "admin-secret", "/api/v1/admin/deposit",
        "{\"userId\":\"" + userId + "\",\"asset\":\"" + asset + "\",\"amount\":\"" + amount + "\",\"txId\":\"" + txId + "\"}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  private HttpResponse<String> get(String key, String secret, String pathAndQuery) throws Exception {
    return send(key, secret, "GET", pathAndQuery, "", System.currentTimeMillis());
  }

  private HttpResponse<String> publicGet(String pathAndQuery) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String field(String json, String name) {
    return json.replaceAll(".*\"" + name + "\":\"([^\"]+)\".*", "$1");
  }

  /** Polls {@code check} until it holds (fails after 30 s). */
  private static void awaitTrue(java.util.concurrent.Callable<Boolean> check) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!check.call()) {
      assertThat(System.nanoTime()).as("waited 30 s").isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  /** The events of {@code topic} that match, once one has (or after 60 s). */
  private static List<String> read(String topic, java.util.function.Predicate<String> match) {
    List<String> found = new ArrayList<>();
    try (EventConsumer consumer = new EventConsumer(client, topic, true)) {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (found.isEmpty() && System.nanoTime() < deadline) {
        consumer.read(0, Duration.ofSeconds(2), event -> {
          if (match.test(event)) {
            found.add(event);
          }
        });
      }
    }
    return found;
  }

  private HttpResponse<String> signed(String key, String secret, String path, String body) throws Exception {
    return send(key, secret, path, body, System.currentTimeMillis());
  }

  private HttpResponse<String> send(String key, String secret, String path, String body, long timestamp)
      throws Exception {
    return send(key, secret, "POST", path, body, timestamp);
  }

  private HttpResponse<String> send(String key, String secret, String method, String path, String body,
      long timestamp) throws Exception {
    return http.send(request(key, secret, method, path, body, timestamp), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest request(String key, String secret, String path, String body, long timestamp) {
    return request(key, secret, "POST", path, body, timestamp);
  }

  private HttpRequest request(String key, String secret, String method, String path, String body, long timestamp) {
    return HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .header("X-MS-APIKEY", key).header("X-MS-TIMESTAMP", Long.toString(timestamp))
        .header("X-MS-SIGNATURE", SignedRequestFilter.sign(secret, timestamp + method + path + body))
        .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
  }
}
