package io.matchstream.gateway.auth;

import io.matchstream.client.RequestSigning;
import io.matchstream.gateway.GatewaySettings;
import io.matchstream.gateway.api.MarketController;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets through to {@code /api/v1/} (market data aside) only requests signed with a known API key. The client sends
 * {@code X-MS-APIKEY}, {@code X-MS-TIMESTAMP} (epoch ms), optionally {@code X-MS-RECV-WINDOW}
 * (ms, default 5,000) and {@code X-MS-SIGNATURE}: the hex HMAC-SHA256, keyed with the key's
 * secret, of {@code timestamp + method + path (with its query) + body}. A request whose timestamp
 * is outside its window, or whose signature was already used, is refused: a captured request
 * cannot be sent again. The caller's key is then the request attribute {@link #CALLER}.
 */
@Component
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 20)
public class SignedRequestFilter extends OncePerRequestFilter {
  public static final String CALLER = "matchstream.caller";
  private static final long DEFAULT_WINDOW_MS = 5_000;
  private final Map<String, ApiKey> keys;
  private final long maxWindow;
  private final Clock clock;
  private final UsedSignatures usedSignatures = new UsedSignatures();

  public SignedRequestFilter(GatewaySettings settings, Clock clock) {
    this.keys = settings.keys().stream().collect(Collectors.toMap(ApiKey::key, Function.identity()));
    this.maxWindow = settings.maxRecvWindowMs();
    this.clock = clock;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith("/api/v1/")
        || MarketController.PUBLIC.contains(request.getRequestURI());
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > BufferedRequest.MAX_BODY) {
      refuse(response, 413, "the body is over " + BufferedRequest.MAX_BODY + " bytes");
      return;
    }
    BufferedRequest buffered = new BufferedRequest(request);
    if (buffered.tooLarge()) {
      refuse(response, 413, "the body is over " + BufferedRequest.MAX_BODY + " bytes");
      return;
    }
    String refusal = refusal(buffered);
    if (refusal != null) {
      refuse(response, HttpServletResponse.SC_UNAUTHORIZED, refusal);
      return;
    }
    chain.doFilter(buffered, response);
  }

  private static void refuse(HttpServletResponse response, int status, String why) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.getWriter().write("{\"code\":" + status + ",\"msg\":\"" + why + "\"}");
  }

  /** Why the request is refused, or null when it is signed and fresh. */
  private String refusal(BufferedRequest request) {
    String keyHeader = request.getHeader(RequestSigning.KEY_HEADER);
    ApiKey key = keyHeader == null ? null : keys.get(keyHeader);
    if (key == null) {
      return "unknown or missing API key (X-MS-APIKEY)";
    }
    long timestamp;
    long window;
    try {
      timestamp = Long.parseLong(request.getHeader(RequestSigning.TIMESTAMP_HEADER));
      String windowHeader = request.getHeader("X-MS-RECV-WINDOW");
      window = windowHeader == null ? DEFAULT_WINDOW_MS : Long.parseLong(windowHeader);
    } catch (NumberFormatException e) {
      return "X-MS-TIMESTAMP and X-MS-RECV-WINDOW must be integers (epoch ms, ms)";
    }
    if (window <= 0 || window > maxWindow) {
      return "X-MS-RECV-WINDOW must be between 1 and " + maxWindow + " ms";
    }
    long now = clock.millis();
    if (timestamp > now + 1_000 || now - timestamp > window) {
      return "stale or future timestamp: outside the receive window";
    }
    String signature = request.getHeader(RequestSigning.SIGNATURE_HEADER);
    String path = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    String expected = RequestSigning.sign(key.secret(), RequestSigning.payload(timestamp, request.getMethod(), path,
        request.body()));
    if (signature == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
        signature.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
      return "bad signature";
    }
    if (!usedSignatures.firstUse(expected, timestamp + window, now)) {
      return "this signed request was already used";
    }
    request.setAttribute(CALLER, key);
    return null;
  }
}
