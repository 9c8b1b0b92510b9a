package io.matchstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.client.RequestSigning;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;

/** A test's HTTP client of the gateway: requests signed as Binance's clients sign them, and polling. */
final class GatewayClient {
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;
  private final String adminBase;

  /** A client of {@code base}, whose admin calls go to the shared fixture's admin port. */
  GatewayClient(String base) {
    this(base, null);
  }

  GatewayClient(String base, String adminBase) {
    this.base = base;
    this.adminBase = adminBase;
  }

  String base() {
    return base;
  }

  HttpResponse<String> publicGet(String pathAndQuery) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The gateway's metrics, from its admin port, where they are served. */
  String metrics() throws Exception {
    String admin = adminBase != null ? adminBase : GatewayFixture.get().adminBase;
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(admin + "/actuator/prometheus")).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("metrics answered " + response.statusCode());
    }
    return response.body();
  }

  HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /**
   * A SIGNED request of Binance's API as {@code user} (key {@code <user>-key}, secret
   * {@code <user>-secret}): {@code params} and a timestamp in the query, then their signature.
   */
  HttpResponse<String> binance(String user, String method, String path, String params) throws Exception {
    return send(binanceRequest(user + "-key", user + "-secret", method, path, params, System.currentTimeMillis()));
  }

  HttpRequest binanceRequest(String key, String secret, String method, String path, String params, long timestamp) {
    return RequestSigning.request(base, key, secret, method, path, params, timestamp).build();
  }

  /** A request of the admin API ({@code /admin/v1/...} on the admin port), signed with the admin key. */
  HttpResponse<String> admin(String method, String path, String params) throws Exception {
    String admin = adminBase != null ? adminBase : GatewayFixture.get().adminBase;
    return send(RequestSigning.request(admin, "admin-key", "admin-secret", method, path, params,
        System.currentTimeMillis()).build());
  }

  /** Deposits with the admin key ({@code POST /admin/v1/deposit}). */
  void deposit(String userId, String asset, String amount, String txId) throws Exception {
    HttpResponse<String> response = admin("POST", "/admin/v1/deposit", "userId=" + userId + "&asset="
        + asset + "&amount=" + amount + "&txId=" + txId);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  /** Asserts a Binance error answer: its HTTP status and its code. */
  static void assertCode(HttpResponse<String> response, int status, int code) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.body()).contains("\"code\":" + code + ",");
  }

  /** The value of a string field in a flat JSON answer. */
  static String field(String json, String name) {
    return json.replaceAll("(?s).*\"" + name + "\":\"([^\"]+)\".*", "$1");
  }

  /** The value of a number field in a flat JSON answer. */
  static String number(String json, String name) {
    return json.replaceAll("(?s).*\"" + name + "\":(-?[0-9]+).*", "$1");
  }

  /** Polls {@code check} until it holds (fails after 30 s). */
  static void awaitTrue(Callable<Boolean> check) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!check.call()) {
      assertThat(System.nanoTime()).as("waited 30 s").isLessThan(deadline);
      Thread.sleep(50);
    }
  }
}
