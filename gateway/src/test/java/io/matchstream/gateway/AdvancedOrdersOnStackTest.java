package io.matchstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SPEC-ADVANCED through the gateway's Binance API on the real stack (DOTUSDT, users grace to judy): stops that
 * wait apart and fire, icebergs, amend, cancel-all, and the two cancel-on-disconnect guards, the
 * dead-man's switch and the private stream's {@code cancelOnDisconnect}.
 */
class AdvancedOrdersOnStackTest {
  private static final String DOT = "symbol=DOTUSDT&";
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
    GatewayClient.awaitTrue(() -> gateway.binance("heidi", "GET", "/api/v3/account", "").body().contains("\"asset\":\"DOT\""));
    GatewayClient.awaitTrue(() -> gateway.binance("grace", "GET", "/api/v3/account", "").body().contains("\"asset\":\"DOT\""));
    HttpResponse<String> stop = gateway.binance("grace", "POST", "/api/v3/order", DOT + "side=SELL"
        + "&type=STOP_LOSS_LIMIT&timeInForce=GTC&price=0.9&quantity=10&stopPrice=0.95&newOrderRespType=RESULT");
    // Binance's answer to a stop that waits: not working yet
    assertThat(stop.body()).contains("\"status\":\"NEW\"", "\"type\":\"STOP_LOSS_LIMIT\"", "\"stopPrice\":\"0.95\"",
        "\"workingTime\":-1");
    String stopId = GatewayClient.number(stop.body(), "orderId");
    HttpResponse<String> iceberg = gateway.binance("grace", "POST", "/api/v3/order", DOT + "side=SELL"
        + "&type=LIMIT&timeInForce=GTC&price=1.2&quantity=100&icebergQty=20&newOrderRespType=RESULT");
    assertThat(iceberg.body()).contains("\"status\":\"NEW\"", "\"icebergQty\":\"20\"")
        .containsPattern("\"workingTime\":[1-9]");
    String icebergId = GatewayClient.number(iceberg.body(), "orderId");
    GatewayClient.awaitTrue(() -> gateway.publicGet("/api/v3/depth?symbol=DOTUSDT").body()
        .contains("\"asks\":[[\"1.2\",\"20\"]]"));
    assertThat(gateway.binance("grace", "GET", "/api/v3/openOrders", "symbol=DOTUSDT").body())
        .as("the waiting stop is open, not working").contains(stopId, icebergId, "\"isWorking\":false");

    HttpResponse<String> amend = gateway.binance("grace", "PUT", "/api/v3/order/amend/keepPriority",
        "symbol=DOTUSDT&orderId=" + icebergId + "&newQty=50");
    assertThat(amend.statusCode()).as(amend.body()).isEqualTo(200);
    GatewayClient.awaitTrue(() -> order("grace", icebergId).contains("\"origQty\":\"50\""));
    assertThat(gateway.binance("grace", "PUT", "/api/v3/order/amend/keepPriority", "symbol=DOTUSDT&orderId="
        + icebergId + "&newQty=lots").statusCode()).isEqualTo(400);

    // heidi's bid at 0.95 meets grace's sell: the trade at 0.95 fires the stop, which sells into the rest of the bid
    gateway.binance("heidi", "POST", "/api/v3/order", DOT + "side=BUY&type=LIMIT&timeInForce=GTC&price=0.95"
        + "&quantity=10&newOrderRespType=RESULT");
    gateway.binance("grace", "POST", "/api/v3/order", DOT + "side=SELL&type=LIMIT&timeInForce=IOC&price=0.95"
        + "&quantity=5&newOrderRespType=RESULT");
    GatewayClient.awaitTrue(() -> order("grace", stopId).contains("\"status\":\"PARTIALLY_FILLED\""));
    assertThat(order("grace", stopId))
        .contains("\"executedQty\":\"5\"", "\"isWorking\":true");

    HttpResponse<String> canceled = gateway.binance("grace", "DELETE", "/api/v3/openOrders", "symbol=DOTUSDT");
    assertThat(canceled.body()).contains(stopId, icebergId);
    GatewayClient.awaitTrue(() -> gateway.binance("grace", "GET", "/api/v3/openOrders", "symbol=DOTUSDT").body()
        .equals("[]"));
    assertThat(order("grace", icebergId))
        .contains("\"status\":\"CANCELED\"");
  }

  @Test
  void aDeadMansSwitchCancelsEverythingWhenItIsNotRefreshed() throws Exception {
    gateway.deposit("ivan", "USDT", "1000", "ivan-1");
    GatewayClient.awaitTrue(() -> gateway.binance("ivan", "GET", "/api/v3/account", "").body().contains("\"asset\":\"USDT\""));
    String first = restingBuy("ivan", "0.5");

    HttpResponse<String> armed = cancelAllAfter("2");
    assertThat(armed.statusCode()).as(armed.body()).isEqualTo(200);
    assertThat(Long.parseLong(armed.body().replaceAll(".*\"triggerTime\":(\\d+).*", "$1")))
        .isGreaterThan(Long.parseLong(armed.body().replaceAll(".*\"currentTime\":(\\d+).*", "$1")));
    for (int i = 0; i < 8; i++) {
      TimeUnit.MILLISECONDS.sleep(500);
      assertThat(cancelAllAfter("2").statusCode()).isEqualTo(200);
    }
    assertThat(order("ivan", first)).as("refreshed in time").contains("\"status\":\"NEW\"");
    GatewayClient.awaitTrue(() -> order("ivan", first).contains("\"status\":\"CANCELED\""));

    String second = restingBuy("ivan", "0.4");
    cancelAllAfter("1");
    HttpResponse<String> disarmed = cancelAllAfter("0");
    assertThat(disarmed.body()).contains("\"triggerTime\":0");
    TimeUnit.SECONDS.sleep(3);
    assertThat(order("ivan", second)).as("disarmed").contains("\"status\":\"NEW\"");
    assertThat(cancelAllAfter("-1").statusCode()).isEqualTo(400);
    assertThat(cancelAllAfter("86401").statusCode()).isEqualTo(400);
    gateway.binance("ivan", "DELETE", "/api/v3/openOrders", "symbol=DOTUSDT");
  }

  @Test
  void aPrivateStreamThatDropsCancelsTheSymbolsItNamed() throws Exception {
    gateway.deposit("judy", "USDT", "1000", "judy-1");
    GatewayClient.awaitTrue(() -> gateway.binance("judy", "GET", "/api/v3/account", "").body().contains("\"asset\":\"USDT\""));
    String orderId = restingBuy("judy", "0.3");
    String listenKey = GatewayClient.field(gateway.binance("judy", "POST", "/api/v3/userDataStream", "").body(),
        "listenKey");
    GatewayFixture stack = GatewayFixture.get();
    try (StreamClient unknown = new StreamClient(stack.base, "/ws/" + listenKey + "?cancelOnDisconnect=NOPE")) {
      assertThat(unknown.closedWith.get(10, TimeUnit.SECONDS)).as("an unknown symbol").isEqualTo(1007);
    }
    try (StreamClient noKey = new StreamClient(stack.base, "/ws/dotusdt@trade?cancelOnDisconnect=DOTUSDT")) {
      assertThat(noKey.closedWith.get(10, TimeUnit.SECONDS)).as("no listen key").isEqualTo(1007);
    }
    StreamClient stream = new StreamClient(stack.base, "/ws/" + listenKey + "?cancelOnDisconnect=DOTUSDT");
    TimeUnit.MILLISECONDS.sleep(500);
    assertThat(order("judy", orderId)).contains("\"status\":\"NEW\"");
    stream.close();  // the connection drops, no close handshake
    GatewayClient.awaitTrue(() -> order("judy", orderId).contains("\"status\":\"CANCELED\""));
  }

  private static String restingBuy(String user, String price) throws Exception {
    HttpResponse<String> placed = gateway.binance(user, "POST", "/api/v3/order", DOT + "side=BUY&type=LIMIT"
        + "&timeInForce=GTC&price=" + price + "&quantity=10&newOrderRespType=RESULT");
    assertThat(placed.body()).as(placed.body()).contains("\"status\":\"NEW\"");
    return GatewayClient.number(placed.body(), "orderId");
  }

  private static String order(String user, String orderId) throws Exception {
    return gateway.binance(user, "GET", "/api/v3/order", "symbol=DOTUSDT&orderId=" + orderId).body();
  }

  /** Matchstream's dead-man's switch, {@code POST /api/v3/cancelAllAfter}, as ivan. */
  private static HttpResponse<String> cancelAllAfter(String timeout) throws Exception {
    return gateway.binance("ivan", "POST", "/api/v3/cancelAllAfter", "timeout=" + timeout);
  }
}
