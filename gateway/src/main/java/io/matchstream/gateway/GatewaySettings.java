package io.matchstream.gateway;

import io.matchstream.gateway.auth.ApiKey;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The gateway's settings ({@code matchstream.gateway.*}, from application properties or the
 * environment): where the broker and the registry are, this instance's id and number (order ids
 * are unique across instances through the number; by default a hash of the id), the API keys, how far a request's timestamp may stray, how many
 * ended orders and trades per user the view keeps ({@code history}), and how long a RESULT order
 * waits for its event, and how far a WebSocket client may fall behind (bytes queued, time a message
 * stays unread) before it is dropped, and the request rates allowed per client IP and per API key
 * (a key may set its own). {@code demoKey} names a key the web page may fetch, secret included,
 * for a local demo: never set it on a gateway others reach.
 *
 * <p>The bounds on what one client may hold (docs/api.md, "Limits"): WebSocket connections per
 * client IP ({@code wsConnectionsPerIp}, 300: Binance allows 300 new connections per 5 minutes per
 * IP) and per user ({@code wsConnectionsPerUser}, 50: a listen key's connections and WebSocket API
 * sessions subscribed to the user), streams per connection ({@code streamsPerConnection}, 1,024 as
 * Binance), live listen keys per user ({@code listenKeysPerUser}, 10), and the time a request body
 * may take to arrive in all ({@code bodyTimeoutMs}, 10 s; Tomcat's {@code connection-timeout}
 * bounds each wait for the next bytes).
 */
@ConfigurationProperties(prefix = "matchstream.gateway")
public record GatewaySettings(String bootstrapServers, String registryUrl, String instanceId, Integer instanceNumber,
    List<ApiKey> keys,
    Long maxRecvWindowMs, Integer history, Long resultTimeoutMs, Long streamBufferLimitBytes,
    Long streamSendTimeLimitMs, Integer ipRequestsPerSecond, Integer keyRequestsPerSecond, String demoKey,
    Integer wsConnectionsPerIp, Integer wsConnectionsPerUser, Integer streamsPerConnection, Integer listenKeysPerUser,
    Long bodyTimeoutMs) {
  public GatewaySettings {
    keys = keys == null ? List.of() : List.copyOf(keys);
    // order ids carry 6 bits of it: set it per instance (0-63) where instances must never share one
    instanceNumber = instanceNumber == null ? Math.floorMod(String.valueOf(instanceId).hashCode(), 64) : instanceNumber;
    if (instanceNumber < 0 || instanceNumber > 63) {
      throw new IllegalArgumentException("matchstream.gateway.instance-number must be 0-63, not " + instanceNumber);
    }
    maxRecvWindowMs = maxRecvWindowMs == null ? 60_000L : maxRecvWindowMs;
    history = history == null ? 1_000 : history;
    resultTimeoutMs = resultTimeoutMs == null ? 10_000L : resultTimeoutMs;
    streamBufferLimitBytes = streamBufferLimitBytes == null ? 1L << 20 : streamBufferLimitBytes;
    streamSendTimeLimitMs = streamSendTimeLimitMs == null ? 5_000L : streamSendTimeLimitMs;
    ipRequestsPerSecond = ipRequestsPerSecond == null ? 1_000 : ipRequestsPerSecond;
    keyRequestsPerSecond = keyRequestsPerSecond == null ? 100 : keyRequestsPerSecond;
    wsConnectionsPerIp = positive("ws-connections-per-ip", wsConnectionsPerIp, 300);
    wsConnectionsPerUser = positive("ws-connections-per-user", wsConnectionsPerUser, 50);
    streamsPerConnection = positive("streams-per-connection", streamsPerConnection, 1024);
    listenKeysPerUser = positive("listen-keys-per-user", listenKeysPerUser, 10);
    bodyTimeoutMs = bodyTimeoutMs == null ? 10_000L : bodyTimeoutMs;
  }

  private static int positive(String name, Integer value, int otherwise) {
    if (value != null && value < 1) {
      throw new IllegalArgumentException("matchstream.gateway." + name + " must be at least 1, not " + value);
    }
    return value == null ? otherwise : value;
  }
}
