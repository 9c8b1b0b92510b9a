package io.matchstream.gateway.binance;

import io.matchstream.client.RequestSigning;
import io.matchstream.gateway.GatewaySettings;
import io.matchstream.gateway.auth.ApiKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Binance's SIGNED check, for REST and the WebSocket API alike: {@code timestamp} (ms, or µs as
 * Binance takes them) within {@code recvWindow} (default 5,000, at most {@code max-recv-window-ms})
 * of the gateway's clock and at most a second ahead, and a signature that is the hex HMAC-SHA256,
 * keyed with the key's secret, of the payload. The window is a signed parameter like any other, so
 * a captured request cannot be sent again with a wider one.
 */
@Component
public class SignatureCheck {
  public static final long DEFAULT_WINDOW_MS = 5_000;
  private final Clock clock;
  private final long maxWindowMs;

  public SignatureCheck(GatewaySettings settings, Clock clock) {
    this.clock = clock;
    this.maxWindowMs = settings.maxRecvWindowMs();
  }

  /** The largest window any request may ask for: a signed request older than this is refused anywhere. */
  public long maxWindowMs() {
    return maxWindowMs;
  }

  /**
   * Checks a request's timestamp and signature; returns the signature, lower-case, when both hold.
   * {@code window} null: the default.
   */
  public String verify(ApiKey key, long timestamp, Long window, String payload, String signature) {
    long recvWindow = window == null ? DEFAULT_WINDOW_MS : window;
    if (recvWindow > maxWindowMs) {
      throw new BinanceError(400, -1131, "recvWindow must be less than " + maxWindowMs);
    }
    long millis = millis(timestamp);
    long now = clock.millis();
    if (millis >= now + 1_000) {
      throw new BinanceError(400, -1021, "Timestamp for this request was 1000ms ahead of the server's time.");
    }
    if (now - millis > recvWindow) {
      throw new BinanceError(400, -1021, "Timestamp for this request is outside of the recvWindow.");
    }
    String expected = RequestSigning.sign(key.secret(), payload);
    String given = signature == null ? "" : signature.toLowerCase(Locale.ROOT);
    if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII))) {
      throw new BinanceError(400, -1022, "Signature for this request is not valid.");
    }
    return expected;
  }

  /** When the request's window ends, in ms: until then it is still taken, after it refused. */
  public static long validUntil(long timestamp, Long window) {
    return millis(timestamp) + (window == null ? DEFAULT_WINDOW_MS : window);
  }

  /** A request's timestamp in ms: Binance takes microseconds too. */
  public static long millis(long timestamp) {
    return timestamp > 9_999_999_999_999L ? timestamp / 1000 : timestamp;
  }
}
