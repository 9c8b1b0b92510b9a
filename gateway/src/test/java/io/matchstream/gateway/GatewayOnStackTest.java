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
 * The gateway in front of a real broker, registry and streams app (child processes, as
 * {@code ./matchstream up} runs them): signed REST orders that cross trade, and what is not
 * signed, fresh, allowed or well-formed is refused with the right status.
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
    assertThat(gateway.post("admin", "/api/v1/admin/deposit",
        "{\"userId\":\"alice\",\"asset\":\"USDT\",\"amount\":\"1000\",\"txId\":\"d1\"}").statusCode()).isEqualTo(200);
    assertThat(gateway.post("admin", "/api/v1/admin/deposit",
        "{\"userId\":\"bob\",\"asset\":\"BTC\",\"amount\":\"2\",\"txId\":\"d2\"}").statusCode()).isEqualTo(200);
    HttpResponse<String> buy = gateway.post("alice", "/api/v1/order",
        "{\"symbol\":\"BTC-USDT\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\",\"price\":\"100\","
            + "\"quantity\":\"1\",\"newClientOrderId\":\"a-1\"}");
    HttpResponse<String> sell = gateway.post("bob", "/api/v1/order",
        "{\"symbol\":\"BTC-USDT\",\"side\":\"SELL\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\",\"price\":\"100\","
            + "\"quantity\":\"1\"}");
    assertThat(buy.statusCode()).as(buy.body()).isEqualTo(200);
    assertThat(sell.statusCode()).as(sell.body()).isEqualTo(200);
    assertThat(buy.body()).contains("\"clientOrderId\":\"a-1\"", "\"orderId\":\"" + OrderIds.forClient("a-1") + "\"");
    assertThat(sell.body()).containsPattern("\"orderId\":\"[0-9]+\"");
    String sellId = sell.body().replaceAll(".*\"orderId\":\"([^\"]+)\".*", "$1");

    List<String> trades = read(Topics.TRADES, trade -> trade.contains("\"takerOrderId\":\"" + sellId + "\""));
    assertThat(trades).hasSize(1);
    assertThat(trades.get(0)).contains("\"price\":\"100\"", "\"quantity\":\"1\"", "\"takerOrderId\":\"" + sellId + "\"",
        "\"makerUserId\":\"alice\"", "\"takerUserId\":\"bob\"");
  }

  @Test
  void refusesWhatIsNotSignedFreshAllowedOrWellFormed() throws Exception {
    String body = "{\"symbol\":\"BTC-USDT\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"price\":\"1\",\"quantity\":\"1\"}";
    assertThat(gateway.send("alice-key", "wrong-secret", "POST", "/api/v1/order", body, System.currentTimeMillis()).statusCode()).isEqualTo(401);
    assertThat(gateway.send("nobody", "x", "POST", "/api/v1/order", body, System.currentTimeMillis()).statusCode()).isEqualTo(401);
    long stale = System.currentTimeMillis() - 60_000;
    assertThat(gateway.send("alice-key", "alice-secret", "POST", "/api/v1/order", body, stale).statusCode()).isEqualTo(401);
    HttpRequest once = gateway.request("alice-key", "alice-secret", "POST", "/api/v1/order", body, System.currentTimeMillis());
    assertThat(gateway.send(once).statusCode()).isEqualTo(200);
    HttpResponse<String> replayed = gateway.send(once);
    assertThat(replayed.statusCode()).isEqualTo(401);
    assertThat(replayed.body()).contains("already used");
    assertThat(gateway.post("alice", "/api/v1/admin/deposit",
        "{\"userId\":\"alice\",\"asset\":\"USDT\",\"amount\":\"5\",\"txId\":\"x\"}").statusCode()).isEqualTo(403);
    assertThat(gateway.post("alice", "/api/v1/admin/withdraw",
        "{\"userId\":\"bob\",\"asset\":\"BTC\",\"amount\":\"1\",\"txId\":\"x\"}").statusCode()).isEqualTo(403);
    HttpResponse<String> unknown = gateway.post("alice", "/api/v1/order", "{\"symbol\":\"BTC-USDT\",\"bogus\":1}");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("unknown field 'bogus'");
    assertThat(gateway.post("alice", "/api/v1/order", "{not json").statusCode()).isEqualTo(400);
    assertThat(gateway.post("alice", "/api/v1/order", "{\"symbol\":\"" + "x".repeat(70_000) + "\"}")
        .statusCode()).as("a body over 64 KiB").isEqualTo(413);
    assertThat(gateway.postChunked("alice", "/api/v1/order", "{\"symbol\":\"" + "x".repeat(70_000) + "\"}")
        .statusCode()).as("a chunked body over 64 KiB").isEqualTo(413);
    HttpResponse<String> badPrice = gateway.post("alice", "/api/v1/order",
        "{\"symbol\":\"BTC-USDT\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"price\":\"abc\",\"quantity\":\"1\"}");
    assertThat(badPrice.statusCode()).isEqualTo(400);
    assertThat(badPrice.body()).contains("price must be a decimal");
    assertThat(gateway.publicGet("/actuator/health").statusCode()).as("the gateway still serves").isEqualTo(200);
  }

  @Test
  void usersCancelOnlyTheirOwnOrders() throws Exception {
    gateway.post("admin", "/api/v1/admin/deposit",
        "{\"userId\":\"carol\",\"asset\":\"USDT\",\"amount\":\"500\",\"txId\":\"d3\"}");
    HttpResponse<String> placed = gateway.post("carol", "/api/v1/order",
        "{\"symbol\":\"BTC-USDT\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\",\"price\":\"90\","
            + "\"quantity\":\"1\"}");
    String orderId = placed.body().replaceAll(".*\"orderId\":\"([^\"]+)\".*", "$1");
    String path = "/api/v1/order?symbol=BTC-USDT&orderId=" + orderId;
    HttpResponse<String> foreign = gateway.delete("bob", path);
    assertThat(foreign.statusCode()).as(foreign.body()).isEqualTo(200);
    assertThat(gateway.delete("carol", path).statusCode())
        .isEqualTo(200);
    assertThat(gateway.delete("carol", "/api/v1/order?symbol=BTC-USDT").statusCode()).as("no orderId").isEqualTo(400);

    List<String> orders = read(Topics.ORDER_EVENTS, e -> e.contains(orderId) && e.contains("CANCELED"));
    List<String> rejects = read(Topics.REJECTS, e -> e.contains(orderId) && e.contains("\"userId\":\"bob\""));
    assertThat(orders).as("carol's cancel").isNotEmpty();
    assertThat(rejects).as("bob's cancel of carol's order").singleElement().asString().contains("UNKNOWN_ORDER");
  }

  @Test
  void resultOrdersAndQueriesShowTheOrdersTradesBalancesAndBook() throws Exception {
    gateway.deposit("dave", "USDT", "10000", "q1");
    gateway.deposit("erin", "ETH", "10", "q2");
    GatewayClient.awaitTrue(() -> gateway.get("dave", "/api/v1/account").body().contains("\"free\":\"10000\""));
    GatewayClient.awaitTrue(() -> gateway.get("erin", "/api/v1/account").body().contains("\"asset\":\"ETH\""));
    HttpResponse<String> resting = gateway.post("dave", "/api/v1/order",
        "{\"symbol\":\"ETH-USDT\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\",\"price\":\"2000.50\","
            + "\"quantity\":\"2\",\"newOrderRespType\":\"RESULT\"}");
    assertThat(resting.statusCode()).as(resting.body()).isEqualTo(200);
    assertThat(resting.body()).contains("\"status\":\"NEW\"", "\"price\":\"2000.5\"", "\"origQty\":\"2\"",
        "\"type\":\"LIMIT\"", "\"executedQty\":\"0\"");
    String restingId = GatewayClient.field(resting.body(), "orderId");
    HttpResponse<String> taker = gateway.post("erin", "/api/v1/order",
        "{\"symbol\":\"ETH-USDT\",\"side\":\"SELL\",\"type\":\"MARKET\",\"quantity\":\"0.5\","
            + "\"newOrderRespType\":\"RESULT\"}");
    assertThat(taker.body()).contains("\"status\":\"FILLED\"", "\"executedQty\":\"0.5\"",
        "\"cummulativeQuoteQty\":\"1000.25\"");

    GatewayClient.awaitTrue(() -> gateway.get("dave", "/api/v1/order?symbol=ETH-USDT&orderId=" + restingId).body()
        .contains("PARTIALLY_FILLED"));
    assertThat(gateway.get("dave", "/api/v1/openOrders?symbol=ETH-USDT").body())
        .contains(restingId, "\"executedQty\":\"0.5\"");
    assertThat(gateway.get("erin", "/api/v1/order?symbol=ETH-USDT&orderId=" + restingId).statusCode())
        .as("another user's order").isEqualTo(400);
    GatewayClient.awaitTrue(() -> gateway.get("erin", "/api/v1/myTrades?symbol=ETH-USDT").body().contains("\"id\":1"));
    assertThat(gateway.get("erin", "/api/v1/myTrades?symbol=ETH-USDT").body())
        .contains("\"price\":\"2000.5\"", "\"qty\":\"0.5\"", "\"isBuyerMaker\":true");
    // dave: 10000 - 2000.5 x 2 locked; 1000.25 spent, 0.5 ETH less the 0.1% maker fee
    GatewayClient.awaitTrue(() -> gateway.get("dave", "/api/v1/account").body().contains("\"free\":\"0.4995\""));
    assertThat(gateway.get("dave", "/api/v1/account").body())
        .contains("{\"asset\":\"USDT\",\"free\":\"5999\",\"locked\":\"3000.75\"}");
    assertThat(gateway.post("admin", "/api/v1/admin/withdraw",
        "{\"userId\":\"dave\",\"asset\":\"USDT\",\"amount\":\"999\",\"txId\":\"w1\"}").statusCode()).isEqualTo(200);
    GatewayClient.awaitTrue(() -> gateway.get("dave", "/api/v1/account").body()
        .contains("{\"asset\":\"USDT\",\"free\":\"5000\",\"locked\":\"3000.75\"}"));

    HttpResponse<String> depth = gateway.publicGet("/api/v1/depth?symbol=ETH-USDT");
    assertThat(depth.body()).contains("\"bids\":[[\"2000.5\",\"1.5\"]]", "\"asks\":[]", "\"lastUpdateId\":2");
    assertThat(gateway.publicGet("/api/v1/trades?symbol=ETH-USDT").body()).contains("\"qty\":\"0.5\"");
    assertThat(gateway.publicGet("/api/v1/exchangeInfo").body()).contains("\"symbol\":\"ETH-USDT\"",
        "{\"filterType\":\"LOT_SIZE\",\"stepSize\":\"0.001\"}", "{\"asset\":\"BTC\",\"scale\":8}");
    assertThat(gateway.publicGet("/api/v1/depth?symbol=NOPE").statusCode()).isEqualTo(400);
    assertThat(gateway.publicGet("/api/v1/depth?symbol=ETH-USDT&limit=x").statusCode()).isEqualTo(400);
    assertThat(gateway.get("dave", "/api/v1/nowhere").body()).contains("\"code\":404");
  }

  @Test
  void aRetryWithTheSameClientOrderIdPlacesNothingNew() throws Exception {
    gateway.deposit("carol", "USDT", "1000", "r1");
    GatewayClient.awaitTrue(() -> gateway.get("carol", "/api/v1/account").body().contains("\"asset\":\"USDT\""));
    String body = "{\"symbol\":\"BTC-USDT\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\","
        + "\"price\":\"10\",\"quantity\":\"1\",\"newClientOrderId\":\"retry-1\",\"newOrderRespType\":\"RESULT\"}";
    HttpResponse<String> first = gateway.post("carol", "/api/v1/order", body);
    HttpResponse<String> again = gateway.post("carol", "/api/v1/order", body);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(GatewayClient.field(again.body(), "orderId")).isEqualTo(GatewayClient.field(first.body(), "orderId")).isEqualTo(OrderIds.forClient("retry-1"));
    assertThat(again.body()).contains("\"status\":\"NEW\"", "\"clientOrderId\":\"retry-1\"");
    // and a retry that overtakes the first's event: the engine refuses the id, the first order stands
    String quick = body.replace("retry-1", "retry-2").replace("RESULT", "ACK");
    gateway.post("carol", "/api/v1/order", quick);
    HttpResponse<String> overtaking = gateway.post("carol", "/api/v1/order", quick.replace("ACK", "RESULT"));
    assertThat(overtaking.body()).contains("\"orderId\":\"" + OrderIds.forClient("retry-2") + "\"", "\"status\":\"NEW\"");
    GatewayClient.awaitTrue(() -> gateway.publicGet("/api/v1/depth?symbol=BTC-USDT").body().contains("[\"10\",\"2\"]"));
    assertThat(gateway.get("carol", "/api/v1/openOrders?symbol=BTC-USDT").body().split("\"orderId\"", -1))
        .as("two orders, not three").hasSize(3);
    assertThat(gateway.get("carol", "/api/v1/order?symbol=BTC-USDT&origClientOrderId=retry-2").body())
        .contains("\"status\":\"NEW\"", "\"origQty\":\"1\"");

    HttpResponse<String> canceled = gateway.delete("carol", "/api/v1/openOrders?symbol=BTC-USDT");
    assertThat(canceled.body()).contains(OrderIds.forClient("retry-1"), OrderIds.forClient("retry-2"));
    GatewayClient.awaitTrue(() -> gateway.get("carol", "/api/v1/openOrders?symbol=BTC-USDT").body().equals("[]"));
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
