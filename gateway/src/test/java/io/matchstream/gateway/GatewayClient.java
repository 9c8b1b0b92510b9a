package io.matchstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.client.RequestSigning;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;

/** A test's HTTP client of the gateway: requests signed as a client signs them, and polling. */
final class GatewayClient {
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;

  GatewayClient(String base) {
    this.base = base;
  }

  /** A signed POST as {@code user} (key {@code <user>-key}, secret {@code <user>-secret}). */
  HttpResponse<String> post(String user, String path, String body) throws Exception {
    return send(user + "-key", user + "-secret", "POST", path, body, System.currentTimeMillis());
  }

  HttpResponse<String> get(String user, String pathAndQuery) throws Exception {
    return send(user + "-key", user + "-secret", "GET", pathAndQuery, "", System.currentTimeMillis());
  }

  HttpResponse<String> put(String user, String pathAndQuery) throws Exception {
    return send(user + "-key", user + "-secret", "PUT", pathAndQuery, "", System.currentTimeMillis());
  }

  HttpResponse<String> delete(String user, String pathAndQuery) throws Exception {
    return send(user + "-key", user + "-secret", "DELETE", pathAndQuery, "", System.currentTimeMillis());
  }

  HttpResponse<String> publicGet(String pathAndQuery) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> send(String key, String secret, String method, String path, String body, long timestamp)
      throws Exception {
    return send(request(key, secret, method, path, body, timestamp));
  }

  HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  HttpRequest request(String key, String secret, String method, String path, String body, long timestamp) {
    return RequestSigning.request(base, key, secret, method, path, body, timestamp).build();
  }

  /** A signed POST whose body goes out chunked, without a Content-Length. */
  HttpResponse<String> postChunked(String user, String path, String body) throws Exception {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return send(RequestSigning.request(base, user + "-key", user + "-secret", "POST", path, body,
        System.currentTimeMillis()).POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
        .build());
  }

  /** Deposits with the admin key, and waits until the user's account shows the asset. */
  void deposit(String userId, String asset, String amount, String txId) throws Exception {
    HttpResponse<String> response = post("admin", "/api/v1/admin/deposit", "{\"userId\":\"" + userId
        + "\",\"asset\":\"" + asset + "\",\"amount\":\"" + amount + "\",\"txId\":\"" + txId + "\"}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  /** The value of a string field in a flat JSON answer. */
  static String field(String json, String name) {
    return json.replaceAll("(?s).*\"" + name + "\":\"([^\"]+)\".*", "$1");
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
