package io.matchstream.gateway.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.matchstream.gateway.GatewaySettings;
import io.matchstream.gateway.binance.BinanceRequestFilter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Request rates per client IP, token buckets (Bucket4j) that refill each second and hold a
 * second's worth for bursts. Runs before the signature check, so a flood of unsigned or badly
 * signed requests costs its sender's IP budget, not the gateway's CPU; the key's own budget is
 * charged after it ({@link KeyRateLimit}). Over the rate: 429 with {@code Retry-After} (seconds).
 * The client IP is the peer's, or the one a trusted proxy forwarded ({@code trusted-proxies}:
 * Tomcat's RemoteIpValve sets it before any filter runs).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class RateLimitFilter extends OncePerRequestFilter {
  private final Cache<String, Bucket> ips =
      Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).build();
  private final Cache<String, MinuteCount> usedWeight =
      Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(2)).build();
  private final int ipRate;
  private final Counter ipLimited;

  public RateLimitFilter(GatewaySettings settings, MeterRegistry meters) {
    this.ipRate = settings.ipRequestsPerSecond();
    this.ipLimited = limited(meters, "ip");
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI();
    return !path.startsWith("/api/") && !path.startsWith("/ws") && !path.startsWith("/admin/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ConsumptionProbe ip = ips.get(request.getRemoteAddr(), a -> bucket(ipRate)).tryConsumeAndReturnRemaining(1);
    if (!ip.isConsumed()) {
      ipLimited.increment();
      long seconds = retryAfterSeconds(ip);
      response.setStatus(429);
      response.setHeader("Retry-After", Long.toString(seconds));
      response.setContentType("application/json");
      int code = request.getRequestURI().startsWith(BinanceRequestFilter.PREFIX) ? -1003 : 429;
      response.getWriter().write("{\"code\":" + code + ",\"msg\":\"Too many requests from this IP; retry after "
          + seconds + " s.\"}");
      return;
    }
    if (request.getRequestURI().startsWith(BinanceRequestFilter.PREFIX)) {
      // Binance's clients pace themselves by it: requests this minute from this IP, each of weight 1 here
      response.setHeader("X-MBX-USED-WEIGHT-1M", Long.toString(usedWeight.get(request.getRemoteAddr(),
          a -> new MinuteCount()).add(System.currentTimeMillis() / 60_000)));
    }
    chain.doFilter(request, response);
  }

  static long retryAfterSeconds(ConsumptionProbe probe) {
    return Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999) / 1_000_000_000);
  }

  /** Requests in the current minute. */
  private static final class MinuteCount {
    private long minute;
    private long count;

    synchronized long add(long now) {
      if (now != minute) {
        minute = now;
        count = 0;
      }
      return ++count;
    }
  }

  static Bucket bucket(int perSecond) {
    return Bucket.builder().addLimit(limit -> limit.capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1)))
        .build();
  }

  static Counter limited(MeterRegistry meters, String scope) {
    return Counter.builder("matchstream.gateway.rate.limited").tag("scope", scope)
        .description("requests refused with 429").register(meters);
  }
}
