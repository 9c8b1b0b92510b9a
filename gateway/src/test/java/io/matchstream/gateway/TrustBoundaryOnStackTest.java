package io.matchstream.gateway;

import static io.matchstream.gateway.GatewayClient.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The attack suite: what a captured request, another user's ids and keys, and path tricks can do
 * against two gateway instances on one exchange (the fixture's, A, and one of this class's, B).
 * Each is refused, and no account changes. User {@code victim} trades EOSUSDT; {@code mallory}
 * holds only what the fixture gave it.
 */
class TrustBoundaryOnStackTest {
  private static final String ORDER = "symbol=EOSUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=1";
  private static GatewayFixture stack;
  private static ConfigurableApplicationContext second;
  private static GatewayClient a;
  private static GatewayClient b;
  private static String malloryBefore;

  @BeforeAll
  static void start() throws Exception {
    stack = GatewayFixture.get();
    // B answers a RESULT it cannot get within 2 s: a refused replay shows soon
    second = stack.startGateway("--matchstream.gateway.result-timeout-ms=2000");
    a = new GatewayClient(stack.base);
    b = new GatewayClient(GatewayFixture.base(second), GatewayFixture.adminBase(second));
    a.deposit("victim", "USDT", "1000", "victim-usdt");
    a.deposit("mallory", "USDT", "50", "mallory-usdt");
    GatewayClient.awaitTrue(() -> account(b, "victim").contains("\"asset\":\"USDT\"")
        && account(b, "mallory").contains("\"asset\":\"USDT\""));
    malloryBefore = balances(a, "mallory");
  }

  @AfterAll
  static void stop() throws Exception {
    assertThat(balances(a, "mallory")).as("mallory's account, after every attack").isEqualTo(malloryBefore);
    second.close();
  }

  @Test
  void aCapturedOrderIsTakenOnceOnEveryInstanceAndItsWindowCannotBeWidened() throws Exception {
    long ts = System.currentTimeMillis();
    String order = ORDER + "&newOrderRespType=ACK";
    HttpResponse<String> placed = a.send(a.binanceRequest("victim-key", "victim-secret", "POST", "/api/v3/order",
        order, ts));
    assertThat(placed.statusCode()).as(placed.body()).isEqualTo(200);
    String orderId = GatewayClient.number(placed.body(), "orderId");
    assertCode(a.send(a.binanceRequest("victim-key", "victim-secret", "POST", "/api/v3/order", order, ts)), 400, -1021);
    GatewayClient.awaitTrue(() -> openOrders().size() == 1);
    GatewayClient.awaitTrue(() -> b.binance("victim", "GET", "/api/v3/order", "symbol=EOSUSDT&orderId=" + orderId)
        .statusCode() == 200);
    // the same bytes to the other instance, which never saw them: the engine's ids refuse it
    assertCode(b.send(b.binanceRequest("victim-key", "victim-secret", "POST", "/api/v3/order", order, ts)), 400, -2010);
    // a wider window, the signature kept: the window is signed
    for (GatewayClient gateway : List.of(a, b)) {
      HttpRequest signed = gateway.binanceRequest("victim-key", "victim-secret", "POST", "/api/v3/order", order, ts);
      URI widened = URI.create(signed.uri().toString().replace("&signature=", "&recvWindow=60000&signature="));
      assertCode(gateway.send(HttpRequest.newBuilder(widened).headers("X-MBX-APIKEY", "victim-key")
          .POST(HttpRequest.BodyPublishers.noBody()).build()), 400, -1022);
    }
    assertThat(openOrders()).as("one order placed, whatever was sent again").hasSize(1);
    // the order's lock is on the balances topic, which the view may read after the order's event
    GatewayClient.awaitTrue(() -> usdt("victim").contains("\"locked\":\"1\""));

    // a captured deposit, sent again to the other instance's admin port: its txId is taken once
    String before = usdt("victim");
    a.deposit("victim", "USDT", "5", "victim-5");
    GatewayClient.awaitTrue(() -> !usdt("victim").equals(before));
    String after = usdt("victim");
    assertThat(b.admin("POST", "/admin/v1/deposit", "userId=victim&asset=USDT&amount=5&txId=victim-5").statusCode())
        .isEqualTo(200);  // taken to Kafka; the risk stage refuses it: DUPLICATE_TX
    // one more deposit, which the risk stage takes after the replay: once it shows, the replay was refused
    a.deposit("victim", "EOS", "1", "victim-eos");
    GatewayClient.awaitTrue(() -> account(a, "victim").contains("\"asset\":\"EOS\""));
    assertThat(usdt("victim")).isEqualTo(after);
    cancelEverything();
  }

  @Test
  void aCapturedCancelAllCancelsNothingPlacedSinceOnAnyInstance() throws Exception {
    assertThat(a.binance("victim", "POST", "/api/v3/order", ORDER + "&newClientOrderId=c-1").statusCode()).isEqualTo(200);
    GatewayClient.awaitTrue(() -> openOrders().size() == 1);
    long ts = System.currentTimeMillis();
    HttpResponse<String> canceled = a.send(a.binanceRequest("victim-key", "victim-secret", "DELETE",
        "/api/v3/openOrders", "symbol=EOSUSDT", ts));
    assertThat(canceled.statusCode()).as(canceled.body()).isEqualTo(200);
    assertThat(a.binance("victim", "POST", "/api/v3/order", ORDER + "&newClientOrderId=c-2").statusCode()).isEqualTo(200);
    GatewayClient.awaitTrue(() -> b.binance("victim", "GET", "/api/v3/openOrders", "symbol=EOSUSDT").body()
        .contains("\"clientOrderId\":\"c-2\""));
    assertCode(a.send(a.binanceRequest("victim-key", "victim-secret", "DELETE", "/api/v3/openOrders",
        "symbol=EOSUSDT", ts)), 400, -1021);
    // B sends it on; the risk stage refuses it (DUPLICATE_REQUEST), so the order B waits for never ends
    HttpResponse<String> replayed = b.send(b.binanceRequest("victim-key", "victim-secret", "DELETE",
        "/api/v3/openOrders", "symbol=EOSUSDT", ts));
    assertThat(replayed.statusCode()).as(replayed.body()).isNotEqualTo(200);
    assertThat(openOrders()).as("the order placed after the cancel-all").singleElement().asString()
        .contains("\"clientOrderId\":\"c-2\"", "\"status\":\"NEW\"");
    cancelEverything();
  }

  @Test
  void aCapturedArmingOfTheDeadMansSwitchIsTakenOnceOnEveryInstance() throws Exception {
    long ts = System.currentTimeMillis();
    HttpResponse<String> armed = a.send(a.binanceRequest("victim-key", "victim-secret", "POST",
        "/api/v3/cancelAllAfter", "timeout=60", ts));
    assertThat(armed.statusCode()).as(armed.body()).isEqualTo(200);
    HttpResponse<String> disarmed = a.binance("victim", "POST", "/api/v3/cancelAllAfter", "timeout=0");
    assertThat(disarmed.statusCode()).as(disarmed.body()).isEqualTo(200);
    // once B has read what A wrote after the disarming, it has read the disarming
    String before = usdt("victim");
    a.deposit("victim", "USDT", "1", "victim-switch");
    GatewayClient.awaitTrue(() -> !usdt("victim").equals(before) && account(b, "victim").contains(usdt("victim")));
    for (GatewayClient gateway : List.of(a, b)) {
      assertCode(gateway.send(gateway.binanceRequest("victim-key", "victim-secret", "POST", "/api/v3/cancelAllAfter",
          "timeout=60", ts)), 400, -1021);
    }
  }

  @Test
  void anotherUsersOrdersAndListenKeysAreOutOfReach() throws Exception {
    HttpResponse<String> placed = a.binance("victim", "POST", "/api/v3/order", ORDER + "&newClientOrderId=v-1");
    String orderId = GatewayClient.number(placed.body(), "orderId");
    GatewayClient.awaitTrue(() -> openOrders().size() == 1);
    assertCode(a.binance("mallory", "GET", "/api/v3/order", "symbol=EOSUSDT&orderId=" + orderId), 400, -2013);
    assertCode(a.binance("mallory", "DELETE", "/api/v3/order", "symbol=EOSUSDT&orderId=" + orderId), 400, -2011);
    assertCode(a.binance("mallory", "DELETE", "/api/v3/order", "symbol=EOSUSDT&origClientOrderId=v-1"), 400, -2011);
    assertCode(a.binance("mallory", "PUT", "/api/v3/order/amend/keepPriority",
        "symbol=EOSUSDT&orderId=" + orderId + "&newQty=0.5"), 400, -2011);
    assertCode(a.binance("mallory", "DELETE", "/api/v3/openOrders", "symbol=EOSUSDT"), 400, -2011);
    String listenKey = GatewayClient.field(a.send(HttpRequest.newBuilder(URI.create(stack.base
        + "/api/v3/userDataStream")).header("X-MBX-APIKEY", "victim-key").POST(HttpRequest.BodyPublishers.noBody())
        .build()).body(), "listenKey");
    for (String method : List.of("PUT", "DELETE")) {
      assertCode(a.send(HttpRequest.newBuilder(URI.create(stack.base + "/api/v3/userDataStream?listenKey=" + listenKey))
          .header("X-MBX-APIKEY", "mallory-key").method(method, HttpRequest.BodyPublishers.noBody()).build()),
          400, -1125);
    }
    assertThat(a.send(HttpRequest.newBuilder(URI.create(stack.base + "/api/v3/userDataStream?listenKey=" + listenKey))
        .header("X-MBX-APIKEY", "victim-key").PUT(HttpRequest.BodyPublishers.noBody()).build()).statusCode())
        .as("the victim's listen key still lives").isEqualTo(200);
    assertThat(openOrders()).singleElement().asString().contains("\"status\":\"NEW\"", "\"origQty\":\"1\"");
    cancelEverything();
  }

  @Test
  void pathsThatAreNotPlainAreRefusedBeforeAnyFilterMatchesThem() throws Exception {
    for (String path : List.of("/api/v3/account;x=1", "/api/v3;x=1/account", "/api//v3/account", "/api/v3/./account",
        "/api/v3/../v3/account", "/api/v3/%61ccount", "/./api/v3/account", "/api/v3/account/..",
        "/api/v3/../../admin/v1/deposit", "/admin/v1/../../api/v3/account", "/api\\v3\\account")) {
      HttpResponse<String> response = a.send(HttpRequest.newBuilder(URI.create(stack.base
          + path.replace("\\", "%5C"))).header("X-MBX-APIKEY", "victim-key").build());
      assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(400);
    }
    assertThat(a.publicGet("/api/v3/time").statusCode()).isEqualTo(200);
    // the admin port answers the admin API only, the public port everything else
    assertThat(a.send(HttpRequest.newBuilder(URI.create(stack.adminBase + "/api/v3/time")).build()).statusCode())
        .isEqualTo(404);
    assertThat(a.send(HttpRequest.newBuilder(URI.create(stack.base + "/admin/v1/deposit"))
        .POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode()).isEqualTo(404);
  }

  private static List<String> openOrders() throws Exception {
    String body = a.binance("victim", "GET", "/api/v3/openOrders", "symbol=EOSUSDT").body();
    return body.equals("[]") ? List.of() : List.of(body.substring(1, body.length() - 1).split("\\},\\{"));
  }

  private static void cancelEverything() throws Exception {
    a.binance("victim", "DELETE", "/api/v3/openOrders", "symbol=EOSUSDT");
    GatewayClient.awaitTrue(() -> openOrders().isEmpty());
  }

  private static String account(GatewayClient gateway, String user) throws Exception {
    return gateway.binance(user, "GET", "/api/v3/account", "").body();
  }

  /** The user's USDT balance, as the account answers it. */
  private static String usdt(String user) throws Exception {
    return account(a, user).replaceAll("(?s).*(\\{\"asset\":\"USDT\"[^}]*\\}).*", "$1");
  }

  /** The balances part of an account answer: what must not change. */
  private static String balances(GatewayClient gateway, String user) throws Exception {
    String account = account(gateway, user);
    return account.substring(account.indexOf("\"balances\""));
  }
}
