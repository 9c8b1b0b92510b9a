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
 * The gateway's request signature: hex HMAC-SHA256, keyed with the API key's secret, of
 * {@code timestamp + METHOD + path?query + body}, sent with the key and the timestamp in three
 * headers. The gateway checks with it and its clients (the load generator, the tests) sign with it.
 */
public final class RequestSigning {
  public static final String KEY_HEADER = "X-MS-APIKEY";
  public static final String TIMESTAMP_HEADER = "X-MS-TIMESTAMP";
  public static final String SIGNATURE_HEADER = "X-MS-SIGNATURE";

  private RequestSigning() {}

  /** What is signed: the timestamp, the method, the path with its query, and the body, as sent. */
  public static String payload(long timestamp, String method, String pathAndQuery, String body) {
    return timestamp + method + pathAndQuery + body;
  }

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
   * A JSON request to {@code base + pathAndQuery} signed with the key at {@code timestamp}, its body
   * {@code body}; the caller may still set a timeout, or send the same body another way.
   */
  public static HttpRequest.Builder request(String base, String key, String secret, String method,
      String pathAndQuery, String body, long timestamp) {
    return HttpRequest.newBuilder(URI.create(base + pathAndQuery)).header("Content-Type", "application/json")
        .header(KEY_HEADER, key).header(TIMESTAMP_HEADER, Long.toString(timestamp))
        .header(SIGNATURE_HEADER, sign(secret, payload(timestamp, method, pathAndQuery, body)))
        .method(method, HttpRequest.BodyPublishers.ofString(body));
  }
}
