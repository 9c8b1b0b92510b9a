package io.matchstream.client;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Binance's request signature, which the gateway checks and its clients here (the load generator,
 * the tests) sign with: the hex HMAC-SHA256, keyed with the API key's secret, of the parameters as
 * sent (query string, then form body), {@code timestamp} among them; the key goes in
 * {@code X-MBX-APIKEY}.
 */
public final class RequestSigning {
  public static final String KEY_HEADER = "X-MBX-APIKEY";

  private RequestSigning() {}

  public static String sign(String secret, String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  /**
   * A SIGNED request to {@code base + path}: {@code params} (a query string, or empty) and
   * {@code timestamp} in the query, then their signature; the caller may still set a timeout.
   */
  public static HttpRequest.Builder request(String base, String key, String secret, String method, String path,
      String params, long timestamp) {
    String query = (params.isEmpty() ? "" : params + "&") + "timestamp=" + timestamp;
    return HttpRequest.newBuilder(URI.create(base + path + "?" + query + "&signature=" + sign(secret, query)))
        .header(KEY_HEADER, key).method(method, HttpRequest.BodyPublishers.noBody());
  }
}
