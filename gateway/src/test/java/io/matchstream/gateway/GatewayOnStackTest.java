package io.matchstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.client.EventConsumer;
import io.matchstream.gateway.commands.OrderIds;
import io.matchstream.topology.Topics;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway's Binance API in front of a real broker, registry and streams app (child processes,
 * as {@code ./matchstream up} runs them): signed orders that cross trade, what is not signed,
 * fresh, allowed or well-formed is refused with Binance's status and code, a user cancels only
 * their own orders, and the queries show what the engine did.
 */
class GatewayOnStackTest {
  private static GatewayFixture stack;
  private static GatewayClient gateway;

  @BeforeAll
  static void start() throws Exception {
    stack = GatewayFixture.get();
    gateway = new GatewayClient(stack.base);
  }

  @Test
  void signedOrdersThatCrossTrade() throws Exception {
    gateway.deposit("alice", "USDT", "1000", "d1");
    gateway.deposit("bob", "BTC", "2", "d2");
    GatewayClient.awaitTrue(() -> account("bob").contains("\"asset\":\"BTC\""));
    GatewayClient.awaitTrue(() -> account("alice").contains("\"asset\":\"USDT\""));
    HttpResponse<String> buy = gateway.binance("alice", "POST", "/api/v3/order",
        "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&price=100&quantity=1&newClientOrderId=a-1");
    HttpResponse<String> sell = gateway.binance("bob", "POST", "/api/v3/order",
        "symbol=BTCUSDT&side=SELL&type=LIMIT&timeInForce=GTC&price=100&quantity=1");
    assertThat(buy.statusCode()).as(buy.body()).isEqualTo(200);
    assertThat(sell.statusCode()).as(sell.body()).isEqualTo(200);
    assertThat(buy.body()).contains("\"clientOrderId\":\"a-1\"", "\"orderId\":" + OrderIds.forClient("a-1") + ",");
    String sellId = sell.body().replaceAll(".*\"orderId\":([0-9]+),.*", "$1");

    List<String> trades = read(Topics.TRADES, trade -> trade.contains("\"takerOrderId\":\"" + sellId + "\""));
    assertThat(trades).hasSize(1);
    assertThat(trades.get(0)).contains("\"price\":\"100\"", "\"quantity\":\"1\"", "\"takerOrderId\":\"" + sellId + "\"",
        "\"makerUserId\":\"alice\"", "\"takerUserId\":\"bob\"");
  }

  @Test
  void refusesWhatIsNotSignedFreshAllowedOrWellFormed() throws Exception {
    String order = "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&price=1&quantity=1";
    long now = System.currentTimeMillis();
    GatewayClient.assertCode(gateway.send(gateway.binanceRequest("alice-key", "wrong-secret", "POST", "/api/v3/order", order, now)),
        400, -1022);
    GatewayClient.assertCode(gateway.send(gateway.binanceRequest("nobody", "x", "POST", "/api/v3/order", order, now)), 401, -2015);
    GatewayClient.assertCode(gateway.send(gateway.binanceRequest("alice-key", "alice-secret", "POST", "/api/v3/order", order,
        now - 60_000)), 400, -1021);
    HttpRequest once = gateway.binanceRequest("alice-key", "alice-secret", "POST", "/api/v3/order",
        order + "&newOrderRespType=ACK", System.currentTimeMillis());
    assertThat(gateway.send(once).statusCode()).isEqualTo(200);
    HttpResponse<String> replayed = gateway.send(once);
    GatewayClient.assertCode(replayed, 400, -1021);
    assertThat(replayed.body()).contains("already taken");
    // the admin API is on its own port only, and takes admin keys only
    assertThat(gateway.binance("admin", "POST", "/admin/v1/deposit", "userId=alice&asset=USDT&amount=5&txId=x")
        .statusCode()).as("the public port has no admin API").isEqualTo(404);
    assertThat(gateway.binance("alice", "POST", "/api/v3/admin/deposit", "userId=alice&asset=USDT&amount=5&txId=x")
        .statusCode()).isEqualTo(404);
    GatewayClient.assertCode(new GatewayClient(stack.adminBase).binance("alice", "POST", "/admin/v1/withdraw",
        "userId=bob&asset=BTC&amount=1&txId=x"), 401, -2015);
    GatewayClient.assertCode(gateway.binance("admin", "GET", "/api/v3/account", ""), 401, -2015);
    GatewayClient.assertCode(gateway.admin("POST", "/admin/v1/deposit", "userId=alice&asset=USDT&txId=x"), 400, -1102);
    GatewayClient.assertCode(gateway.binance("alice", "POST", "/api/v3/order", order.replace("price=1", "price=abc")), 400, -1100);
    GatewayClient.assertCode(gateway.binance("alice", "POST", "/api/v3/order", order.replace("&side=BUY", "")), 400, -1102);
    // a misspelled parameter must not place a plain order
    GatewayClient.assertCode(gateway.binance("alice", "POST", "/api/v3/order", order + "&stopprice=0.5"), 400, -1104);
    String huge = "symbol=" + "x".repeat(70_000);
    assertThat(gateway.send(HttpRequest.newBuilder(java.net.URI.create(stack.base + "/api/v3/order"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("X-MBX-APIKEY", "alice-key")
        .POST(HttpRequest.BodyPublishers.ofString(huge)).build()).statusCode()).as("a body over 64 KiB").isEqualTo(413);
    byte[] chunked = huge.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(gateway.send(HttpRequest.newBuilder(java.net.URI.create(stack.base + "/api/v3/order"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("X-MBX-APIKEY", "alice-key")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(chunked))).build())
        .statusCode()).as("a chunked body over 64 KiB").isEqualTo(413);
    assertThat(gateway.publicGet("/actuator/health").statusCode()).as("the gateway still serves").isEqualTo(200);
  }

  @Test
  void usersCancelOnlyTheirOwnOrders() throws Exception {
    gateway.deposit("carol", "USDT", "500", "d3");
    GatewayClient.awaitTrue(() -> account("carol").contains("\"asset\":\"USDT\""));
    HttpResponse<String> placed = gateway.binance("carol", "POST", "/api/v3/order",
        "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&price=90&quantity=1&newOrderRespType=RESULT");
    String orderId = GatewayClient.number(placed.body(), "orderId");
    String named = "symbol=BTCUSDT&orderId=" + orderId;
    GatewayClient.assertCode(gateway.binance("bob", "DELETE", "/api/v3/order", named), 400, -2011);
    assertThat(gateway.binance("carol", "GET", "/api/v3/order", named).body()).as("bob's cancel changed nothing")
        .contains("\"status\":\"NEW\"");
    HttpResponse<String> canceled = gateway.binance("carol", "DELETE", "/api/v3/order", named);
    assertThat(canceled.statusCode()).as(canceled.body()).isEqualTo(200);
    assertThat(canceled.body()).contains("\"status\":\"CANCELED\"");
    GatewayClient.assertCode(gateway.binance("carol", "DELETE", "/api/v3/order", "symbol=BTCUSDT"), 400, -1102);

    List<String> orders = read(Topics.ORDER_EVENTS, e -> e.contains(orderId) && e.contains("CANCELED"));
    assertThat(orders).as("carol's cancel").singleElement().asString().contains("\"userId\":\"carol\"");
  }

  @Test
  void resultOrdersAndQueriesShowTheOrdersTradesBalancesAndBook() throws Exception {
    gateway.deposit("dave", "USDT", "10000", "q1");
    gateway.deposit("erin", "ETH", "10", "q2");
    GatewayClient.awaitTrue(() -> account("dave").contains("\"free\":\"10000\""));
    GatewayClient.awaitTrue(() -> account("erin").contains("\"asset\":\"ETH\""));
    HttpResponse<String> resting = gateway.binance("dave", "POST", "/api/v3/order",
        "symbol=ETHUSDT&side=BUY&type=LIMIT&timeInForce=GTC&price=2000.50&quantity=2&newOrderRespType=RESULT");
    assertThat(resting.statusCode()).as(resting.body()).isEqualTo(200);
    assertThat(resting.body()).contains("\"status\":\"NEW\"", "\"price\":\"2000.5\"", "\"origQty\":\"2\"",
        "\"type\":\"LIMIT\"", "\"executedQty\":\"0\"");
    String restingId = GatewayClient.number(resting.body(), "orderId");
    HttpResponse<String> taker = gateway.binance("erin", "POST", "/api/v3/order",
        "symbol=ETHUSDT&side=SELL&type=MARKET&quantity=0.5&newOrderRespType=RESULT");
    assertThat(taker.body()).contains("\"status\":\"FILLED\"", "\"executedQty\":\"0.5\"",
        "\"cummulativeQuoteQty\":\"1000.25\"");

    String named = "symbol=ETHUSDT&orderId=" + restingId;
    GatewayClient.awaitTrue(() -> gateway.binance("dave", "GET", "/api/v3/order", named).body()
        .contains("PARTIALLY_FILLED"));
    assertThat(gateway.binance("dave", "GET", "/api/v3/openOrders", "symbol=ETHUSDT").body())
        .contains("\"orderId\":" + restingId, "\"executedQty\":\"0.5\"");
    GatewayClient.assertCode(gateway.binance("erin", "GET", "/api/v3/order", named), 400, -2013);
    GatewayClient.awaitTrue(() -> gateway.binance("erin", "GET", "/api/v3/myTrades", "symbol=ETHUSDT").body()
        .contains("\"id\":1,"));
    assertThat(gateway.binance("erin", "GET", "/api/v3/myTrades", "symbol=ETHUSDT").body())
        .contains("\"price\":\"2000.5\"", "\"qty\":\"0.5\"", "\"isBuyer\":false", "\"isMaker\":false");
    // dave: 10000 - 2000.5 x 2 locked; 1000.25 spent, 0.5 ETH less the 0.1% maker fee
    GatewayClient.awaitTrue(() -> account("dave").contains("\"free\":\"0.4995\""));
    assertThat(account("dave")).contains("{\"asset\":\"USDT\",\"free\":\"5999\",\"locked\":\"3000.75\"}");
    assertThat(gateway.admin("POST", "/admin/v1/withdraw",
        "userId=dave&asset=USDT&amount=999&txId=w1").statusCode()).isEqualTo(200);
    GatewayClient.awaitTrue(() -> account("dave").contains("{\"asset\":\"USDT\",\"free\":\"5000\",\"locked\":\"3000.75\"}"));

    HttpResponse<String> depth = gateway.publicGet("/api/v3/depth?symbol=ETHUSDT");
    assertThat(depth.body()).contains("\"bids\":[[\"2000.5\",\"1.5\"]]", "\"asks\":[]", "\"lastUpdateId\":2");
    assertThat(gateway.publicGet("/api/v3/trades?symbol=ETHUSDT").body()).contains("\"qty\":\"0.5\"");
    assertThat(gateway.publicGet("/api/v3/exchangeInfo?symbol=ETHUSDT").body()).contains("\"symbol\":\"ETHUSDT\"",
        "\"stepSize\":\"0.001\"", "\"baseAssetPrecision\":8");
    GatewayClient.assertCode(gateway.publicGet("/api/v3/depth?symbol=NOPE"), 400, -1121);
    GatewayClient.assertCode(gateway.publicGet("/api/v3/depth?symbol=ETHUSDT&limit=x"), 400, -1100);
    assertThat(gateway.binance("dave", "GET", "/api/v3/nowhere", "").statusCode()).isEqualTo(404);
  }

  @Test
  void aRetryWithTheSameClientOrderIdPlacesNothingNew() throws Exception {
    gateway.deposit("carol", "USDT", "1000", "r1");
    GatewayClient.awaitTrue(() -> account("carol").contains("\"free\":\"1"));
    String order = "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&price=10&quantity=1"
        + "&newClientOrderId=retry-1&newOrderRespType=RESULT";
    HttpResponse<String> first = gateway.binance("carol", "POST", "/api/v3/order", order);
    HttpResponse<String> again = gateway.binance("carol", "POST", "/api/v3/order", order);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(GatewayClient.number(again.body(), "orderId")).isEqualTo(GatewayClient.number(first.body(), "orderId"))
        .isEqualTo(OrderIds.forClient("retry-1"));
    assertThat(again.body()).contains("\"status\":\"NEW\"", "\"clientOrderId\":\"retry-1\"");
    // and a retry that overtakes the first's event: the engine refuses the id, the first order stands
    String quick = order.replace("retry-1", "retry-2").replace("RESULT", "ACK");
    gateway.binance("carol", "POST", "/api/v3/order", quick);
    HttpResponse<String> overtaking = gateway.binance("carol", "POST", "/api/v3/order", quick.replace("ACK", "RESULT"));
    assertThat(overtaking.body()).contains("\"orderId\":" + OrderIds.forClient("retry-2") + ",", "\"status\":\"NEW\"");
    GatewayClient.awaitTrue(() -> gateway.publicGet("/api/v3/depth?symbol=BTCUSDT").body().contains("[\"10\",\"2\"]"));
    assertThat(gateway.binance("carol", "GET", "/api/v3/openOrders", "symbol=BTCUSDT").body().split("\"orderId\"", -1))
        .as("two orders, not three").hasSize(3);
    assertThat(gateway.binance("carol", "GET", "/api/v3/order", "symbol=BTCUSDT&origClientOrderId=retry-2").body())
        .contains("\"status\":\"NEW\"", "\"origQty\":\"1\"");

    HttpResponse<String> canceled = gateway.binance("carol", "DELETE", "/api/v3/openOrders", "symbol=BTCUSDT");
    assertThat(canceled.body()).contains(OrderIds.forClient("retry-1"), OrderIds.forClient("retry-2"));
    GatewayClient.awaitTrue(() -> gateway.binance("carol", "GET", "/api/v3/openOrders", "symbol=BTCUSDT").body()
        .equals("[]"));
  }

  private static String account(String user) throws Exception {
    return gateway.binance(user, "GET", "/api/v3/account", "").body();
  }

  /** The events of {@code topic} that match, once one has (or after 60 s). */
  private static List<String> read(String topic, java.util.function.Predicate<String> match) {
    List<String> found = new ArrayList<>();
    try (EventConsumer consumer = new EventConsumer(stack.client, topic, true)) {
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
}
