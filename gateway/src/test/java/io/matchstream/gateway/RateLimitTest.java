package io.matchstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Rate limits, on a gateway of its own with low ones: 20 requests/s per IP, and a key allowed 3/s.
 * Over them: 429 with Retry-After, counted in the metrics; a second later the budget is back.
 */
class RateLimitTest {
  private static ConfigurableApplicationContext limited;
  private static GatewayClient gateway;

  @BeforeAll
  static void start() throws Exception {
    GatewayFixture stack = GatewayFixture.get();
    String key = "--matchstream.gateway.keys[" + (GatewayFixture.USERS.size() + 1) + "].";
    limited = stack.startGateway(
        "--matchstream.gateway.ip-requests-per-second=20", key + "key=slow-key", key + "secret=slow-secret",
        key + "user-id=slow", key + "requests-per-second=3");
    gateway = new GatewayClient(GatewayFixture.base(limited), GatewayFixture.adminBase(limited));
  }

  @AfterAll
  static void stop() {
    limited.close();
  }

  @Test
  void requestsThatOnlyNameAKeyNeverSpendItsBudget() throws Exception {
    Thread.sleep(1_100);
    String base = GatewayFixture.base(limited);
    for (int i = 0; i < 12; i++) {
      // the key id travels in clear: anyone may send it, with a signature that cannot hold
      HttpResponse<String> forged = gateway.send(HttpRequest.newBuilder(URI.create(base + "/api/v3/account?timestamp="
          + System.currentTimeMillis() + "&signature=" + "0".repeat(64))).header("X-MBX-APIKEY", "slow-key").build());
      assertThat(forged.statusCode()).as(forged.body()).isEqualTo(400);
    }
    assertThat(gateway.binance("slow", "GET", "/api/v3/account", "").statusCode()).as("its owner still trades")
        .isEqualTo(200);
  }

  @Test
  void theClientAddressComesFromXForwardedForOnlyThroughATrustedProxy() throws Exception {
    Thread.sleep(1_100);
    assertThat(forwardedFrom(gateway, true)).as("no trusted proxy: the header buys no budget").contains(429);
    ConfigurableApplicationContext proxied = GatewayFixture.get().startGateway(
        "--matchstream.gateway.ip-requests-per-second=20", "--matchstream.gateway.trusted-proxies=127\\.0\\.0\\.1");
    try {
      GatewayClient behindProxy = new GatewayClient(GatewayFixture.base(proxied));
      assertThat(forwardedFrom(behindProxy, true)).as("each forwarded client its own budget").containsOnly(200);
      assertThat(forwardedFrom(behindProxy, false)).as("one forwarded client, over its budget").contains(429);
    } finally {
      proxied.close();
    }
  }

  /** The statuses of 40 requests forwarded for 40 clients ({@code distinct}) or for one. */
  private static List<Integer> forwardedFrom(GatewayClient client, boolean distinct) throws Exception {
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      statuses.add(client.send(HttpRequest.newBuilder(URI.create(client.base() + "/api/v3/time"))
          .header("X-Forwarded-For", "198.51.100." + (distinct ? i : 7)).build()).statusCode());
    }
    return statuses;
  }

  @Test
  void requestsOverTheKeysOrTheIpsRateAreRefusedWith429AndRetryAfter() throws Exception {
    Thread.sleep(1_100);  // the budgets the other tests spent are back
    List<HttpResponse<String>> byKey = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      byKey.add(gateway.binance("slow", "GET", "/api/v3/account", "recvWindow=" + (5000 + i)));
    }
    assertThat(byKey.subList(0, 3)).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
    HttpResponse<String> refused = byKey.get(9);
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(s -> assertThat(Long.parseLong(s))
        .isBetween(1L, 2L));
    assertThat(refused.body()).contains("\"code\":-1003", "this API key");
    assertThat(gateway.binance("alice", "GET", "/api/v3/account", "").statusCode()).as("another key, same IP").isEqualTo(200);

    Thread.sleep(1_100);
    List<Integer> byIp = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      byIp.add(gateway.publicGet("/api/v3/time").statusCode());
    }
    assertThat(byIp).contains(200, 429);
    assertThat(byIp.subList(0, 15)).as("a second's worth goes through").containsOnly(200);
    Thread.sleep(1_100);
    assertThat(gateway.publicGet("/api/v3/time").statusCode()).as("the budget refills").isEqualTo(200);
    String metrics = gateway.metrics();
    assertThat(metrics).containsPattern("matchstream_gateway_rate_limited_total\\{scope=\"key\"\\} [1-9]")
        .containsPattern("matchstream_gateway_rate_limited_total\\{scope=\"ip\"\\} [1-9]");
  }
}
