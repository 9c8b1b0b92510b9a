package io.matchstream.gateway;

import static io.matchstream.gateway.GatewayClient.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Listen keys behind a round-robin balancer: two gateway instances on one exchange (the fixture's,
 * A, and this class's, B, both with the default 10 keys per user). A key made on one is taken by
 * the other at once, for the stream, its keep-alive and its close, and the cap counts both's keys.
 */
class ListenKeysOnStackTest {
  private static GatewayFixture stack;
  private static ConfigurableApplicationContext second;
  private static String secondBase;
  private static GatewayClient a;
  private static GatewayClient b;

  @BeforeAll
  static void start() throws Exception {
    stack = GatewayFixture.get();
    second = stack.startGateway();
    secondBase = GatewayFixture.base(second);
    a = new GatewayClient(stack.base);
    b = new GatewayClient(secondBase, GatewayFixture.adminBase(second));
    a.deposit("keyholder", "USDT", "100", "keyholder-usdt");
    GatewayClient.awaitTrue(() -> b.binance("keyholder", "GET", "/api/v3/account", "").body()
        .contains("\"asset\":\"USDT\""));
  }

  @AfterAll
  static void stop() {
    second.close();
  }

  @Test
  void aKeyMadeOnOneInstanceOpensKeepsAliveAndClosesOnTheOther() throws Exception {
    String key = create(a, "keyholder");
    // no wait between: B has to learn of the key when asked
    try (StreamClient stream = new StreamClient(secondBase, "/ws/" + key)) {
      HttpResponse<String> placed = a.binance("keyholder", "POST", "/api/v3/order",
          "symbol=EOSUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=1&newClientOrderId=lk-1");
      assertThat(placed.statusCode()).as(placed.body()).isEqualTo(200);
      assertThat(stream.next("\"e\":\"executionReport\"", "\"c\":\"lk-1\"")).contains("\"X\":\"NEW\"");
      assertThat(stream.closedWith).isNotDone();
    }
    assertThat(b.binance("keyholder", "PUT", "/api/v3/userDataStream", "listenKey=" + key).statusCode())
        .as("a keep-alive on B").isEqualTo(200);
    assertThat(a.binance("keyholder", "DELETE", "/api/v3/userDataStream", "listenKey=" + key).statusCode())
        .as("a close on A").isEqualTo(200);
    try (StreamClient closed = new StreamClient(secondBase, "/ws/" + key)) {
      assertThat(closed.closedWith.get(10, TimeUnit.SECONDS)).as("B, with the key closed on A").isEqualTo(1007);
    }
    for (GatewayClient gateway : List.of(b, a)) {
      assertCode(gateway.binance("keyholder", "PUT", "/api/v3/userDataStream", "listenKey=" + key), 400, -1125);
    }
    assertThat(a.binance("keyholder", "DELETE", "/api/v3/openOrders", "symbol=EOSUSDT").statusCode()).isEqualTo(200);
  }

  @Test
  void theCapCountsTheKeysOfBothInstances() throws Exception {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      keys.add(create(i % 2 == 0 ? a : b, "collector"));
    }
    for (GatewayClient gateway : List.of(a, b)) {
      assertCode(gateway.binance("collector", "POST", "/api/v3/userDataStream", ""), 400, -1034);
    }
    // a key of A's closed on B makes room on A at once
    assertThat(b.binance("collector", "DELETE", "/api/v3/userDataStream", "listenKey=" + keys.get(0)).statusCode())
        .isEqualTo(200);
    keys.set(0, create(a, "collector"));
    assertCode(b.binance("collector", "POST", "/api/v3/userDataStream", ""), 400, -1034);
    for (String key : keys) {
      assertThat(a.binance("collector", "DELETE", "/api/v3/userDataStream", "listenKey=" + key).statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void anotherUsersKeyCannotBeKeptAliveOrClosedOnEitherInstance() throws Exception {
    String key = create(b, "keyholder");
    for (GatewayClient gateway : List.of(a, b)) {
      for (String method : List.of("PUT", "DELETE")) {
        assertCode(gateway.binance("intruder", method, "/api/v3/userDataStream", "listenKey=" + key), 400, -1125);
      }
    }
    assertThat(a.binance("keyholder", "PUT", "/api/v3/userDataStream", "listenKey=" + key).statusCode())
        .as("the owner's key still lives").isEqualTo(200);
    assertThat(b.binance("keyholder", "DELETE", "/api/v3/userDataStream", "listenKey=" + key).statusCode())
        .isEqualTo(200);
  }

  private static String create(GatewayClient gateway, String user) throws Exception {
    HttpResponse<String> created = gateway.binance(user, "POST", "/api/v3/userDataStream", "");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    return GatewayClient.field(created.body(), "listenKey");
  }
}
