package io.matchstream.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway ({@code gateway.jar}) on 127.0.0.1, configured through its environment (the keys'
 * secrets never show on a command line): the demo user's key, which its web page fills in, and an
 * admin key for deposits, on the admin port (also 127.0.0.1). Its Kafka logins (the {@code gateway}
 * user for its own clients, {@code gateway-admin} for the admin producer of {@code transfers}) reach
 * it in an owner-only properties file, {@code dir/kafka.properties}, as
 * {@code matchstream.gateway.kafka[...]} and {@code matchstream.gateway.admin-kafka[...]}.
 */
public final class GatewayNode {
  private final Layout layout;
  private final Path dir;
  private final int port;
  private final int adminPort;
  private final Map<String, String> env = new HashMap<>();
  private final Map<String, String> kafka;
  private final Map<String, String> adminKafka;
  private ChildProcess process;

  /**
   * A gateway whose clients log in with {@code kafka}'s settings (Kafka client settings, the
   * bootstrap aside) and whose admin producer with {@code adminKafka}'s.
   */
  public GatewayNode(Layout layout, Path dir, int port, int adminPort, String bootstrap, String registryUrl,
      DemoKeys keys, Map<String, String> kafka, Map<String, String> adminKafka) {
    this.layout = layout;
    this.dir = dir;
    this.port = port;
    this.adminPort = adminPort;
    this.kafka = Map.copyOf(kafka);
    this.adminKafka = Map.copyOf(adminKafka);
    env.put("SERVER_ADDRESS", "127.0.0.1");
    env.put("SERVER_PORT", Integer.toString(port));
    env.put("MATCHSTREAM_GATEWAY_ADMIN_ADDRESS", "127.0.0.1");
    env.put("MATCHSTREAM_GATEWAY_ADMIN_PORT", Integer.toString(adminPort));
    env.put("MATCHSTREAM_GATEWAY_BOOTSTRAP_SERVERS", bootstrap);
    env.put("MATCHSTREAM_GATEWAY_REGISTRY_URL", registryUrl);
    env.put("MATCHSTREAM_GATEWAY_KEYS_0_KEY", keys.demoKey());
    env.put("MATCHSTREAM_GATEWAY_KEYS_0_SECRET", keys.demoSecret());
    env.put("MATCHSTREAM_GATEWAY_KEYS_0_USERID", DemoKeys.DEMO_USER);
    env.put("MATCHSTREAM_GATEWAY_KEYS_1_KEY", keys.adminKey());
    env.put("MATCHSTREAM_GATEWAY_KEYS_1_SECRET", keys.adminSecret());
    env.put("MATCHSTREAM_GATEWAY_KEYS_1_USERID", "admin");
    env.put("MATCHSTREAM_GATEWAY_KEYS_1_ADMIN", "true");
    env.put("MATCHSTREAM_GATEWAY_DEMOKEY", keys.demoKey());
  }

  /**
   * Kafka client settings as the gateway's properties ({@code matchstream.gateway.kafka[key]}: the
   * brackets keep the dots of a key, which Spring's relaxed binding of environment variables would not).
   */
  public static java.util.Properties kafkaSettings(Map<String, String> kafka, Map<String, String> adminKafka) {
    java.util.Properties p = new java.util.Properties();
    kafka.forEach((key, value) -> p.setProperty("matchstream.gateway.kafka[" + key + "]", value));
    adminKafka.forEach((key, value) -> p.setProperty("matchstream.gateway.admin-kafka[" + key + "]", value));
    return p;
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** The admin API's base URL (deposits, withdrawals). */
  public String adminUrl() {
    return "http://127.0.0.1:" + adminPort;
  }

  /** Starts it and waits until its view has read the topics (its health is UP). */
  public void start(Duration timeout) throws IOException, InterruptedException {
    Path settings = dir.toAbsolutePath().resolve("kafka.properties");
    KafkaCredentials.writePrivate(kafkaSettings(kafka, adminKafka), settings,
        "the gateway's Kafka logins, written by ./matchstream up");
    // out of heap, the JVM exits and up starts it again, rather than run on with a thread dead
    process = ChildProcess.start("gateway", List.of(ChildProcess.java(), "-Xms128m", "-Xmx1g", "-XX:+UseG1GC",
        "-XX:+ExitOnOutOfMemoryError",
        "-jar", layout.gatewayJar().toString(), "--spring.config.additional-location=file:" + settings),
        env, dir.resolve("gateway.log"));
    Readiness.await(process, url() + "/actuator/health", timeout);
  }

  public ChildProcess process() {
    return process;
  }

  public void stop() {
    if (process != null) {
      process.stop(30);
    }
  }
}
