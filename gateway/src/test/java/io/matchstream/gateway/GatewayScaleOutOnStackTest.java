package io.matchstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.client.CommandProducer;
import io.matchstream.gateway.view.FeedReader;
import io.matchstream.testdata.CommandGenerator;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A gateway instance started after 100,000 commands starts from the latest snapshot of the view
 * (another instance's), not from the topics' beginning, and serves what the instance that read
 * them all serves: every book's depth, every user's open orders and balances, the user stream (on
 * a listen key the other instance made).
 */
class GatewayScaleOutOnStackTest {
  private static final int USERS = 50;
  private static final List<String> SYMBOLS = List.of("B0USDT", "B1USDT", "B2USDT", "B3USDT");

  @Test
  void aGatewayStartedAfter100000CommandsFromASnapshotServesWhatTheFirstServes() throws Exception {
    GatewayFixture fixture = GatewayFixture.get();
    ConfigurableApplicationContext first = fixture.startGateway(settings("--matchstream.gateway.snapshot-interval-ms=2000"));
    ConfigurableApplicationContext second = null;
    try {
      GatewayClient one = new GatewayClient(GatewayFixture.base(first), GatewayFixture.adminBase(first));
      // the generator's users (u0..u49, keys u<n>-key) on markets of their own (B0..B3 against USDT)
      List<String> lines = CommandGenerator.of(21, 106_000, SYMBOLS.size(), USERS, false).ordersAfterSetUp();
      assertThat(lines).hasSizeGreaterThan(100_000);
      try (CommandProducer producer = new CommandProducer(fixture.client, CommandProducer.REFERENCE_GRACE)) {
        for (String line : lines) {
          producer.send(line);
        }
        producer.awaitProcessed();
      }
      long processed = System.currentTimeMillis();
      FeedReader firstReader = first.getBean(FeedReader.class);
      GatewayClient.awaitTrue(() -> firstReader.lastSnapshotWritten() > processed + 1000);

      second = fixture.startGateway(settings());
      GatewayClient two = new GatewayClient(GatewayFixture.base(second), GatewayFixture.adminBase(second));
      assertThat(second.getBean(FeedReader.class).startedFrom()).as("started from a snapshot taken after the commands")
          .isGreaterThan(processed);
      GatewayClient.awaitTrue(() -> state(one).equals(state(two)));
      String state = state(two);
      assertThat(state).contains("\"bids\":[[").contains("\"status\":\"NEW\"").contains("\"free\":");

      // the user stream, on a listen key the first made: an order placed on the first shows on the second's
      String listenKey = GatewayClient.field(one.binance("u7", "POST", "/api/v3/userDataStream", "").body(), "listenKey");
      try (StreamClient stream = new StreamClient(GatewayFixture.base(second), "/ws/" + listenKey)) {
        Thread.sleep(300);
        HttpResponse<String> placed = one.binance("u7", "POST", "/api/v3/order",
            "symbol=B1USDT&side=BUY&type=LIMIT&timeInForce=GTC&price=1&quantity=2&newClientOrderId=scale-out-1");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(200);
        assertThat(stream.next("executionReport", "scale-out-1")).contains("\"X\":\"NEW\"");
      }
    } finally {
      first.close();
      if (second != null) {
        second.close();
      }
    }
  }

  /** What a gateway serves of the generator's markets and users. */
  private static String state(GatewayClient gateway) throws Exception {
    StringBuilder state = new StringBuilder();
    for (String symbol : SYMBOLS) {
      state.append(gateway.publicGet("/api/v3/depth?symbol=" + symbol + "&limit=5000").body()).append('\n');
    }
    for (int user = 0; user < USERS; user++) {
      state.append(gateway.binance("u" + user, "GET", "/api/v3/openOrders", "").body()).append('\n');
      state.append(gateway.binance("u" + user, "GET", "/api/v3/account", "").body()
          .replaceAll("\"updateTime\":[0-9]+,?", "")).append('\n');
    }
    return state.toString();
  }

  /** The fixture's settings, the generator's users' keys, and {@code extra}. */
  private static String[] settings(String... extra) {
    List<String> settings = new ArrayList<>();
    for (int user = 0; user < USERS; user++) {
      // after the fixture's keys (the admin's, then its users'): a list binds from contiguous indices
      String key = "--matchstream.gateway.keys[" + (GatewayFixture.USERS.size() + 1 + user) + "].";
      settings.addAll(List.of(key + "key=u" + user + "-key", key + "secret=u" + user + "-secret", key + "user-id=u" + user));
    }
    settings.addAll(List.of(extra));
    return settings.toArray(String[]::new);
  }
}
