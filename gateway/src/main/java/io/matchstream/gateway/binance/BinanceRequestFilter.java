package io.matchstream.gateway.binance;

import io.matchstream.client.RequestSigning;
import io.matchstream.gateway.GatewaySettings;
import io.matchstream.gateway.auth.ApiKey;
import io.matchstream.gateway.auth.BufferedRequest;
import io.matchstream.gateway.auth.UsedSignatures;
import io.matchstream.gateway.limits.KeyRateLimit;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
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
 * Binance's request security on {@code /api/v3/}, as its spot API documents it, and the same on
 * the admin port's {@code /admin/v1/}. Every request's parameters are read from the query and a
 * form body ({@link BinanceParams}, the request attribute {@link #PARAMS}). USER_STREAM endpoints
 * ({@code userDataStream}) need a known key in {@code X-MBX-APIKEY}; SIGNED endpoints (orders,
 * account, trades of the user) need it too, and a timestamp and signature that hold
 * ({@link SignatureCheck}) over the query string and the body as sent, the signature parameter
 * left out. The key is then the request attribute {@link #CALLER}, and a signed request's
 * signature the attribute {@link #SIGNATURE}. Admin keys work on {@code /admin/v1/} only, user
 * keys everywhere else. Only a request whose signature verified is charged to its key's rate
 * ({@link KeyRateLimit}).
 *
 * <p>Beyond Binance: a signed request that changes something (any method but GET) is taken once
 * by this instance; sent again inside its window it is refused (-1021). On other instances the
 * engine refuses it (see {@code docs/api.md}, "Replays"). Binance takes repeated identical GETs,
 * and so does this.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class BinanceRequestFilter extends OncePerRequestFilter {
  public static final String PREFIX = "/api/v3/";
  public static final String ADMIN_PREFIX = "/admin/v1/";
  public static final String PARAMS = "matchstream.binance.params";
  public static final String CALLER = "matchstream.binance.caller";
  public static final String SIGNATURE = "matchstream.binance.signature";
  public static final String KEY_HEADER = RequestSigning.KEY_HEADER;
  private static final Set<String> SIGNED = Set.of("order", "order/test", "order/cancelReplace", "openOrders",
      "allOrders", "myTrades", "account", "account/commission", "order/amend/keepPriority", "cancelAllAfter");
  private static final Set<String> USER_STREAM = Set.of("userDataStream");
  private static final Pattern SIGNATURE_PAIR = Pattern.compile("(^|&)signature=([^&]*)");
  private final Map<String, ApiKey> keys;
  private final Clock clock;
  private final SignatureCheck signatures;
  private final KeyRateLimit keyRates;
  private final UsedSignatures usedSignatures = new UsedSignatures();

  public BinanceRequestFilter(GatewaySettings settings, Clock clock, SignatureCheck signatures,
      KeyRateLimit keyRates) {
    this.keys = settings.keys().stream().collect(Collectors.toMap(ApiKey::key, Function.identity()));
    this.clock = clock;
    this.signatures = signatures;
    this.keyRates = keyRates;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI();
    return !path.startsWith(PREFIX) && !path.startsWith(ADMIN_PREFIX);
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
      boolean admin = request.getRequestURI().startsWith(ADMIN_PREFIX);
      String endpoint = request.getRequestURI().substring((admin ? ADMIN_PREFIX : PREFIX).length());
      boolean signed = admin || SIGNED.contains(endpoint);
      if (signed || USER_STREAM.contains(endpoint)) {
        ApiKey key = key(request.getHeader(KEY_HEADER), admin);
        if (signed) {
          buffered.setAttribute(SIGNATURE, verify(key, params, request.getQueryString(), form, request.getMethod()));
          long wait = keyRates.charge(key).orElse(0);
          if (wait > 0) {
            response.setHeader("Retry-After", Long.toString(wait));
            throw new BinanceError(429, -1003, "Too many requests from this API key; retry after " + wait + " s.");
          }
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

  /** The caller's key: an admin key on the admin API, a user's key everywhere else. */
  private ApiKey key(String header, boolean admin) {
    if (header == null || header.isBlank()) {
      throw new BinanceError(401, -2014, "API-key format invalid.");
    }
    ApiKey key = keys.get(header);
    if (key == null || key.admin() != admin) {
      throw new BinanceError(401, -2015, "Invalid API-key, IP, or permissions for action.");
    }
    return key;
  }

  private String verify(ApiKey key, BinanceParams params, String query, String form, String method) {
    long timestamp = params.integer("timestamp").orElseThrow(() -> BinanceError.mandatory("timestamp"));
    Long window = params.decimal("recvWindow").map(BigDecimal::longValue).orElse(null);
    String signature = signatures.verify(key, timestamp, window, withoutSignature(query) + withoutSignature(form),
        params.required("signature"));
    if (!"GET".equals(method)
        && !usedSignatures.firstUse(signature, SignatureCheck.validUntil(timestamp, window), clock.millis())) {
      throw new BinanceError(400, -1021, "This signed request was already taken: sign it again with a new timestamp.");
    }
    return signature;
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
