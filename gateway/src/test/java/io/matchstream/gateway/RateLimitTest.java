package io.matchstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

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
    limited = stack.startGateway("--matchstream.gateway.instance-id=limits",
        "--matchstream.gateway.ip-requests-per-second=20", key + "key=slow-key", key + "secret=slow-secret",
        key + "user-id=slow", key + "requests-per-second=3");
    gateway = new GatewayClient(GatewayFixture.base(limited));
  }

  @AfterAll
  static void stop() {
    limited.close();
  }

  @Test
  void requestsOverTheKeysOrTheIpsRateAreRefusedWith429AndRetryAfter() throws Exception {
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
    String metrics = gateway.publicGet("/actuator/prometheus").body();
    assertThat(metrics).containsPattern("matchstream_gateway_rate_limited_total\\{scope=\"key\"\\} [1-9]")
        .containsPattern("matchstream_gateway_rate_limited_total\\{scope=\"ip\"\\} [1-9]");
  }
}
