package io.matchstream.gateway.limits;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.matchstream.gateway.GatewaySettings;
import io.matchstream.gateway.auth.ApiKey;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Request rates per API key (Bucket4j token buckets, a second's worth for bursts). A request is
 * charged to its key only once its signature verified: the key id travels in clear, and a bucket
 * anyone could drain with the id alone would let them keep its owner at 429. Unsigned requests
 * (USER_STREAM, public data) pay only the IP's budget ({@link RateLimitFilter}).
 */
@Component
public class KeyRateLimit {
  private final Map<String, Bucket> keys;
  private final io.micrometer.core.instrument.Counter limited;

  public KeyRateLimit(GatewaySettings settings, MeterRegistry meters) {
    this.keys = settings.keys().stream().collect(Collectors.toMap(ApiKey::key, key -> RateLimitFilter.bucket(
        key.requestsPerSecond() == null ? settings.keyRequestsPerSecond() : key.requestsPerSecond())));
    this.limited = RateLimitFilter.limited(meters, "key");
  }

  /** Charges one request to the key: empty when it may go on, else the seconds to wait. */
  public OptionalLong charge(ApiKey key) {
    Bucket bucket = keys.get(key.key());
    if (bucket == null) {
      return OptionalLong.empty();
    }
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed()) {
      return OptionalLong.empty();
    }
    limited.increment();
    return OptionalLong.of(RateLimitFilter.retryAfterSeconds(probe));
  }
}
