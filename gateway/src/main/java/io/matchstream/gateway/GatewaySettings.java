package io.matchstream.gateway;

import io.matchstream.gateway.auth.ApiKey;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The gateway's settings ({@code matchstream.gateway.*}, from application properties or the
 * environment): where the broker and the registry are and the extra Kafka client settings of its
 * principal ({@code kafka}: security.protocol, sasl.*), the API keys, how far a
 * request's timestamp may stray, how many ended orders and trades per user the view keeps
 * ({@code history}), and how long a RESULT order waits for its event, and how far a WebSocket
 * client may fall behind (bytes queued, time a message stays unread) before it is dropped, and the
 * request rates allowed per client IP and per API key (a key may set its own). The admin API
 * (deposits, withdrawals) listens on a port of its own ({@code admin-port}, 8079; -1: none) on an
 * internal address ({@code admin-address}, 127.0.0.1), and writes the transfers topic as the admin
 * principal ({@code admin-kafka}: the Kafka client settings that make it that). {@code demoKey}
 * names a key the web page may fetch, secret included, for a local demo: only a gateway bound to
 * loopback ({@code server.address}) serves it.
 *
 * <p>The bounds on what one client may hold (docs/api.md, "Limits"): WebSocket connections per
 * client IP ({@code wsConnectionsPerIp}, 300: Binance allows 300 new connections per 5 minutes per
 * IP) and per user ({@code wsConnectionsPerUser}, 50: a listen key's connections and WebSocket API
 * sessions subscribed to the user), streams per connection ({@code streamsPerConnection}, 1,024 as
 * Binance), live listen keys per user ({@code listenKeysPerUser}, 10), and the time a request body
 * may take to arrive in all ({@code bodyTimeoutMs}, 10 s; Tomcat's {@code connection-timeout}
 * bounds each wait for the next bytes).
 *
 * <p>{@code snapshotIntervalMs} (10 minutes; 0: never): how old the latest snapshot of the view may
 * grow before an instance writes a new one, which the next instance to start loads instead of the
 * topics' whole history ({@link io.matchstream.gateway.view.SnapshotStore}).
 */
@ConfigurationProperties(prefix = "matchstream.gateway")
public record GatewaySettings(String bootstrapServers, String registryUrl, List<ApiKey> keys,
    Long maxRecvWindowMs, Integer history, Long resultTimeoutMs, Long streamBufferLimitBytes,
    Long streamSendTimeLimitMs, Integer ipRequestsPerSecond, Integer keyRequestsPerSecond, String demoKey,
    Integer adminPort, String adminAddress, Map<String, String> kafka, Map<String, String> adminKafka,
    Integer wsConnectionsPerIp, Integer wsConnectionsPerUser, Integer streamsPerConnection, Integer listenKeysPerUser,
    Long bodyTimeoutMs, Long snapshotIntervalMs) {
  public GatewaySettings {
    keys = keys == null ? List.of() : List.copyOf(keys);
    maxRecvWindowMs = maxRecvWindowMs == null ? 60_000L : maxRecvWindowMs;
    // Binance's default page of allOrders and myTrades; a user's 500 ended orders and 500 trades are
    // about 0.3 MB of heap: 1,000 users at their caps fit a 1 GiB pod with room for a snapshot
    history = history == null ? 500 : history;
    resultTimeoutMs = resultTimeoutMs == null ? 10_000L : resultTimeoutMs;
    streamBufferLimitBytes = streamBufferLimitBytes == null ? 1L << 20 : streamBufferLimitBytes;
    streamSendTimeLimitMs = streamSendTimeLimitMs == null ? 5_000L : streamSendTimeLimitMs;
    ipRequestsPerSecond = ipRequestsPerSecond == null ? 1_000 : ipRequestsPerSecond;
    keyRequestsPerSecond = keyRequestsPerSecond == null ? 100 : keyRequestsPerSecond;
    adminPort = adminPort == null ? 8079 : adminPort;
    adminAddress = adminAddress == null ? "127.0.0.1" : adminAddress;
    kafka = kafka == null ? Map.of() : Map.copyOf(kafka);
    adminKafka = adminKafka == null ? Map.of() : Map.copyOf(adminKafka);
    wsConnectionsPerIp = positive("ws-connections-per-ip", wsConnectionsPerIp, 300);
    wsConnectionsPerUser = positive("ws-connections-per-user", wsConnectionsPerUser, 50);
    streamsPerConnection = positive("streams-per-connection", streamsPerConnection, 1024);
    listenKeysPerUser = positive("listen-keys-per-user", listenKeysPerUser, 10);
    bodyTimeoutMs = bodyTimeoutMs == null ? 10_000L : bodyTimeoutMs;
    snapshotIntervalMs = snapshotIntervalMs == null ? 600_000L : snapshotIntervalMs;
  }

  private static int positive(String name, Integer value, int otherwise) {
    if (value != null && value < 1) {
      throw new IllegalArgumentException("matchstream.gateway." + name + " must be at least 1, not " + value);
    }
    return value == null ? otherwise : value;
  }
}
