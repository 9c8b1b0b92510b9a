package io.matchstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SPEC-ADVANCED through the gateway on the real stack (DOT-USDT, users grace to judy): stops that
 * wait apart and fire, icebergs, amend, cancel-all, and the two cancel-on-disconnect guards, the
 * dead-man's switch and the private stream's {@code cancelOnDisconnect}.
 */
class AdvancedOrdersOnStackTest {
  private static final String DOT = "{\"symbol\":\"DOT-USDT\",";
  private static GatewayClient gateway;

  @BeforeAll
  static void start() throws Exception {
    gateway = new GatewayClient(GatewayFixture.get().base);
  }

  @Test
  void stopsWaitApartAndFireIcebergsShowASliceAmendAndCancelAllReachEveryOrder() throws Exception {
    for (String user : new String[] {"grace", "heidi"}) {
      gateway.deposit(user, "USDT", "10000", user + "-1");
      gateway.deposit(user, "DOT", "1000", user + "-2");
    }
    GatewayClient.awaitTrue(() -> gateway.get("heidi", "/api/v1/account").body().contains("\"asset\":\"DOT\""));
    GatewayClient.awaitTrue(() -> gateway.get("grace", "/api/v1/account").body().contains("\"asset\":\"DOT\""));
    HttpResponse<String> stop = gateway.post("grace", "/api/v1/order", DOT + "\"side\":\"SELL\","
        + "\"type\":\"STOP_LOSS_LIMIT\",\"timeInForce\":\"GTC\",\"price\":\"0.9\",\"quantity\":\"10\","
        + "\"stopPrice\":\"0.95\",\"newOrderRespType\":\"RESULT\"}");
    assertThat(stop.body()).contains("\"status\":\"NEW\"", "\"type\":\"STOP_LOSS_LIMIT\"", "\"stopPrice\":\"0.95\"",
        "\"isWorking\":false");
    String stopId = GatewayClient.field(stop.body(), "orderId");
    HttpResponse<String> iceberg = gateway.post("grace", "/api/v1/order", DOT + "\"side\":\"SELL\","
        + "\"type\":\"LIMIT\",\"timeInForce\":\"GTC\",\"price\":\"1.2\",\"quantity\":\"100\",\"icebergQty\":\"20\","
        + "\"newOrderRespType\":\"RESULT\"}");
    assertThat(iceberg.body()).contains("\"status\":\"NEW\"", "\"icebergQty\":\"20\"", "\"isWorking\":true");
    String icebergId = GatewayClient.field(iceberg.body(), "orderId");
    GatewayClient.awaitTrue(() -> gateway.publicGet("/api/v1/depth?symbol=DOT-USDT").body()
        .contains("\"asks\":[[\"1.2\",\"20\"]]"));
    assertThat(gateway.get("grace", "/api/v1/openOrders?symbol=DOT-USDT").body())
        .as("the waiting stop is open, not working").contains(stopId, icebergId, "\"isWorking\":false");

    HttpResponse<String> amend = gateway.put("grace",
        "/api/v1/order/amend/keepPriority?symbol=DOT-USDT&orderId=" + icebergId + "&newQty=50");
    assertThat(amend.statusCode()).as(amend.body()).isEqualTo(200);
    GatewayClient.awaitTrue(() -> gateway.get("grace", "/api/v1/order?symbol=DOT-USDT&orderId=" + icebergId).body()
        .contains("\"origQty\":\"50\""));
    assertThat(gateway.put("grace", "/api/v1/order/amend/keepPriority?symbol=DOT-USDT&orderId=" + icebergId
        + "&newQty=lots").statusCode()).isEqualTo(400);

    // heidi's bid at 0.95 meets grace's sell: the trade at 0.95 fires the stop, which sells into the rest of the bid
    gateway.post("heidi", "/api/v1/order", DOT + "\"side\":\"BUY\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\","
        + "\"price\":\"0.95\",\"quantity\":\"10\",\"newOrderRespType\":\"RESULT\"}");
    gateway.post("grace", "/api/v1/order", DOT + "\"side\":\"SELL\",\"type\":\"LIMIT\",\"timeInForce\":\"IOC\","
        + "\"price\":\"0.95\",\"quantity\":\"5\",\"newOrderRespType\":\"RESULT\"}");
    GatewayClient.awaitTrue(() -> gateway.get("grace", "/api/v1/order?symbol=DOT-USDT&orderId=" + stopId).body()
        .contains("\"status\":\"PARTIALLY_FILLED\""));
    assertThat(gateway.get("grace", "/api/v1/order?symbol=DOT-USDT&orderId=" + stopId).body())
        .contains("\"executedQty\":\"5\"", "\"isWorking\":true");

    HttpResponse<String> canceled = gateway.delete("grace", "/api/v1/openOrders?symbol=DOT-USDT");
    assertThat(canceled.body()).contains(stopId, icebergId);
    GatewayClient.awaitTrue(() -> gateway.get("grace", "/api/v1/openOrders?symbol=DOT-USDT").body().equals("[]"));
    assertThat(gateway.get("grace", "/api/v1/order?symbol=DOT-USDT&orderId=" + icebergId).body())
        .contains("\"status\":\"CANCELED\"");
  }

  @Test
  void aDeadMansSwitchCancelsEverythingWhenItIsNotRefreshed() throws Exception {
    gateway.deposit("ivan", "USDT", "1000", "ivan-1");
    GatewayClient.awaitTrue(() -> gateway.get("ivan", "/api/v1/account").body().contains("\"asset\":\"USDT\""));
    String first = restingBuy("ivan", "0.5");

    HttpResponse<String> armed = gateway.post("ivan", "/api/v1/cancelAllAfter", "{\"timeout\":2}");
    assertThat(armed.statusCode()).as(armed.body()).isEqualTo(200);
    assertThat(Long.parseLong(armed.body().replaceAll(".*\"triggerTime\":(\\d+).*", "$1")))
        .isGreaterThan(Long.parseLong(armed.body().replaceAll(".*\"currentTime\":(\\d+).*", "$1")));
    for (int i = 0; i < 8; i++) {
      TimeUnit.MILLISECONDS.sleep(500);
      assertThat(gateway.post("ivan", "/api/v1/cancelAllAfter", "{\"timeout\":2}").statusCode()).isEqualTo(200);
    }
    assertThat(order("ivan", first)).as("refreshed in time").contains("\"status\":\"NEW\"");
    GatewayClient.awaitTrue(() -> order("ivan", first).contains("\"status\":\"CANCELED\""));

    String second = restingBuy("ivan", "0.4");
    gateway.post("ivan", "/api/v1/cancelAllAfter", "{\"timeout\":1}");
    HttpResponse<String> disarmed = gateway.post("ivan", "/api/v1/cancelAllAfter", "{\"timeout\":0}");
    assertThat(disarmed.body()).contains("\"triggerTime\":0");
    TimeUnit.SECONDS.sleep(3);
    assertThat(order("ivan", second)).as("disarmed").contains("\"status\":\"NEW\"");
    assertThat(gateway.post("ivan", "/api/v1/cancelAllAfter", "{\"timeout\":-1}").statusCode()).isEqualTo(400);
    assertThat(gateway.post("ivan", "/api/v1/cancelAllAfter", "{\"timeout\":86401}").statusCode()).isEqualTo(400);
    gateway.delete("ivan", "/api/v1/openOrders?symbol=DOT-USDT");
  }

  @Test
  void aPrivateStreamThatDropsCancelsTheSymbolsItNamed() throws Exception {
    gateway.deposit("judy", "USDT", "1000", "judy-1");
    GatewayClient.awaitTrue(() -> gateway.get("judy", "/api/v1/account").body().contains("\"asset\":\"USDT\""));
    String orderId = restingBuy("judy", "0.3");
    String listenKey = GatewayClient.field(gateway.post("judy", "/api/v1/userDataStream", "").body(), "listenKey");
    GatewayFixture stack = GatewayFixture.get();
    try (StreamClient unknown = new StreamClient(stack.base, "/ws/user/" + listenKey + "?cancelOnDisconnect=NOPE")) {
      assertThat(unknown.closedWith.get(10, TimeUnit.SECONDS)).as("an unknown symbol").isEqualTo(1008);
    }
    StreamClient stream = new StreamClient(stack.base, "/ws/user/" + listenKey + "?cancelOnDisconnect=DOT-USDT");
    TimeUnit.MILLISECONDS.sleep(500);
    assertThat(order("judy", orderId)).contains("\"status\":\"NEW\"");
    stream.close();  // the connection drops, no close handshake
    GatewayClient.awaitTrue(() -> order("judy", orderId).contains("\"status\":\"CANCELED\""));
  }

  private static String restingBuy(String user, String price) throws Exception {
    HttpResponse<String> placed = gateway.post(user, "/api/v1/order", DOT + "\"side\":\"BUY\",\"type\":\"LIMIT\","
        + "\"timeInForce\":\"GTC\",\"price\":\"" + price + "\",\"quantity\":\"10\",\"newOrderRespType\":\"RESULT\"}");
    assertThat(placed.body()).as(placed.body()).contains("\"status\":\"NEW\"");
    return GatewayClient.field(placed.body(), "orderId");
  }

  private static String order(String user, String orderId) throws Exception {
    return gateway.get(user, "/api/v1/order?symbol=DOT-USDT&orderId=" + orderId).body();
  }
}
