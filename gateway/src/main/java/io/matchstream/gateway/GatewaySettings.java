package io.matchstream.gateway;

import io.matchstream.gateway.auth.ApiKey;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The gateway's settings ({@code matchstream.gateway.*}, from application properties or the
 * environment): where the broker and the registry are, this instance's id and number (order ids
 * are unique across instances through the number; by default a hash of the id), the API keys, how far a request's timestamp may stray, how many
 * ended orders and trades per user the view keeps ({@code history}), and how long a RESULT order
 * waits for its event, and how far a WebSocket client may fall behind (bytes queued, time a message
 * stays unread) before it is dropped, and the request rates allowed per client IP and per API key
 * (a key may set its own). {@code demoKey} names a key the web page may fetch, secret included,
 * for a local demo: never set it on a gateway others reach. {@code kafka} are Kafka client settings
 * over the defaults for the gateway's own clients (its SASL login: {@code kafka[sasl.jaas.config]},
 * say), {@code adminKafka} the same for the admin producer that writes {@code transfers} under a
 * user of its own.
 */
@ConfigurationProperties(prefix = "matchstream.gateway")
public record GatewaySettings(String bootstrapServers, String registryUrl, String instanceId, Integer instanceNumber,
    List<ApiKey> keys,
    Long maxRecvWindowMs, Integer history, Long resultTimeoutMs, Long streamBufferLimitBytes,
    Long streamSendTimeLimitMs, Integer ipRequestsPerSecond, Integer keyRequestsPerSecond, String demoKey,
    Map<String, String> kafka, Map<String, String> adminKafka) {
  public GatewaySettings {
    keys = keys == null ? List.of() : List.copyOf(keys);
    kafka = kafka == null ? Map.of() : Map.copyOf(kafka);
    adminKafka = adminKafka == null ? Map.of() : Map.copyOf(adminKafka);
    // order ids carry 6 bits of it: set it per instance (0-63) where instances must never share one
    instanceNumber = instanceNumber == null ? Math.floorMod(String.valueOf(instanceId).hashCode(), 64) : instanceNumber;
    if (instanceNumber < 0 || instanceNumber > 63) {
      throw new IllegalArgumentException("matchstream.gateway.instance-number must be 0-63, not " + instanceNumber);
    }
    maxRecvWindowMs = maxRecvWindowMs == null ? 60_000L : maxRecvWindowMs;
    history = history == null ? 1_000 : history;
    resultTimeoutMs = resultTimeoutMs == null ? 10_000L : resultTimeoutMs;
    streamBufferLimitBytes = streamBufferLimitBytes == null ? 4L << 20 : streamBufferLimitBytes;
    streamSendTimeLimitMs = streamSendTimeLimitMs == null ? 5_000L : streamSendTimeLimitMs;
    ipRequestsPerSecond = ipRequestsPerSecond == null ? 1_000 : ipRequestsPerSecond;
    keyRequestsPerSecond = keyRequestsPerSecond == null ? 100 : keyRequestsPerSecond;
  }
}
