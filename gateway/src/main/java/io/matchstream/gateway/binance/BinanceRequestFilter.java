package io.matchstream.gateway.binance;

import io.matchstream.client.RequestSigning;
import io.matchstream.gateway.GatewaySettings;
import io.matchstream.gateway.auth.ApiKey;
import io.matchstream.gateway.auth.BufferedRequest;
import io.matchstream.gateway.auth.UsedSignatures;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Binance's request security on {@code /api/v3/}, as its spot API documents it. Every request's
 * parameters are read from the query and a form body ({@link BinanceParams}, the request attribute
 * {@link #PARAMS}). USER_STREAM endpoints ({@code userDataStream}) need a known key in
 * {@code X-MBX-APIKEY}; SIGNED endpoints (orders, account, trades of the user) need it too, and
 * {@code timestamp} (ms) within {@code recvWindow} (default 5,000, at most {@code max-recv-window-ms},
 * 60,000 as Binance's by default) of the
 * gateway's clock, and {@code signature}: the hex HMAC-SHA256, keyed with the key's secret, of the
 * query string and the body as sent, the signature parameter left out. The key is then the request
 * attribute {@link #CALLER}.
 *
 * <p>Beyond Binance: a signed request that changes something (any method but GET) is taken once;
 * sent again inside its window it is refused (-1021), so a captured order cannot be placed twice.
 * Binance takes repeated identical GETs, and so does this.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class BinanceRequestFilter extends OncePerRequestFilter {
  public static final String PREFIX = "/api/v3/";
  public static final String PARAMS = "matchstream.binance.params";
  public static final String CALLER = "matchstream.binance.caller";
  public static final String KEY_HEADER = RequestSigning.KEY_HEADER;
  private static final long DEFAULT_WINDOW_MS = 5_000;
  private static final Set<String> SIGNED = Set.of("order", "order/test", "order/cancelReplace", "openOrders",
      "allOrders", "myTrades", "account", "account/commission", "order/amend/keepPriority", "cancelAllAfter",
      "admin/deposit", "admin/withdraw");
  private static final Set<String> USER_STREAM = Set.of("userDataStream");
  private static final Pattern SIGNATURE_PAIR = Pattern.compile("(^|&)signature=([^&]*)");
  private final Map<String, ApiKey> keys;
  private final Clock clock;
  private final long maxWindowMs;
  private final UsedSignatures usedSignatures = new UsedSignatures();

  public BinanceRequestFilter(GatewaySettings settings, Clock clock) {
    this.keys = settings.keys().stream().collect(Collectors.toMap(ApiKey::key, Function.identity()));
    this.clock = clock;
    this.maxWindowMs = settings.maxRecvWindowMs();
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith(PREFIX);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      if (request.getContentLengthLong() > BufferedRequest.MAX_BODY) {
        throw new BinanceError(413, -1000, "The body is over " + BufferedRequest.MAX_BODY + " bytes.");
      }
      BufferedRequest buffered = new BufferedRequest(request);
      if (buffered.tooLarge()) {
        throw new BinanceError(413, -1000, "The body is over " + BufferedRequest.MAX_BODY + " bytes.");
      }
      // the official connector sends a JSON content type with an empty body: only a form body holds parameters
      String contentType = String.valueOf(request.getContentType()).toLowerCase(Locale.ROOT);
      String form = contentType.startsWith("application/x-www-form-urlencoded") ? buffered.body() : "";
      BinanceParams params = BinanceParams.parse(request.getQueryString(), form);
      String endpoint = request.getRequestURI().substring(PREFIX.length());
      if (SIGNED.contains(endpoint) || USER_STREAM.contains(endpoint)) {
        ApiKey key = key(request.getHeader(KEY_HEADER));
        if (SIGNED.contains(endpoint)) {
          verify(key, params, request.getQueryString(), form, request.getMethod());
        }
        buffered.setAttribute(CALLER, key);
      }
      buffered.setAttribute(PARAMS, params);
      chain.doFilter(buffered, response);
    } catch (BinanceError e) {
      refuse(response, e);
    }
  }

  static void refuse(HttpServletResponse response, BinanceError e) throws IOException {
    response.setStatus(e.status());
    response.setContentType("application/json");
    response.getWriter().write(e.body());
  }

  private ApiKey key(String header) {
    if (header == null || header.isBlank()) {
      throw new BinanceError(401, -2014, "API-key format invalid.");
    }
    ApiKey key = keys.get(header);
    if (key == null) {
      throw new BinanceError(401, -2015, "Invalid API-key, IP, or permissions for action.");
    }
    return key;
  }

  private void verify(ApiKey key, BinanceParams params, String query, String form, String method) {
    long timestamp = params.integer("timestamp").orElseThrow(() -> BinanceError.mandatory("timestamp"));
    long window = params.decimal("recvWindow").map(BigDecimal::longValue).orElse(DEFAULT_WINDOW_MS);
    if (window > maxWindowMs) {
      throw new BinanceError(400, -1131, "recvWindow must be less than " + maxWindowMs);
    }
    if (timestamp > 9_999_999_999_999L) {
      timestamp /= 1000;  // Binance takes microseconds too
    }
    long now = clock.millis();
    if (timestamp >= now + 1_000) {
      throw new BinanceError(400, -1021, "Timestamp for this request was 1000ms ahead of the server's time.");
    }
    if (now - timestamp > window) {
      throw new BinanceError(400, -1021, "Timestamp for this request is outside of the recvWindow.");
    }
    String signature = params.required("signature");
    String signed = withoutSignature(query) + withoutSignature(form);
    String expected = RequestSigning.sign(key.secret(), signed);
    if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
        signature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
      throw new BinanceError(400, -1022, "Signature for this request is not valid.");
    }
    if (!"GET".equals(method) && !usedSignatures.firstUse(expected, timestamp + window, now)) {
      throw new BinanceError(400, -1021, "This signed request was already taken: sign it again with a new timestamp.");
    }
  }

  /** The raw parameters as sent, the {@code signature} pair taken out. */
  static String withoutSignature(String raw) {
    if (raw == null || raw.isEmpty()) {
      return "";
    }
    String stripped = SIGNATURE_PAIR.matcher(raw).replaceAll("");
    return stripped.startsWith("&") && !raw.startsWith("&") ? stripped.substring(1) : stripped;
  }
}
