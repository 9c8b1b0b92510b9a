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
 * admin key for deposits, on the admin port (also 127.0.0.1).
 */
public final class GatewayNode {
  private final Layout layout;
  private final Path dir;
  private final int port;
  private final int adminPort;
  private final Map<String, String> env = new HashMap<>();
  private ChildProcess process;

  public GatewayNode(Layout layout, Path dir, int port, int adminPort, String bootstrap, String registryUrl,
      DemoKeys keys) {
    this.layout = layout;
    this.dir = dir;
    this.port = port;
    this.adminPort = adminPort;
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

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** The admin API's base URL (deposits, withdrawals). */
  public String adminUrl() {
    return "http://127.0.0.1:" + adminPort;
  }

  /** Starts it and waits until its view has read the topics (its health is UP). */
  public void start(Duration timeout) throws IOException, InterruptedException {
    process = ChildProcess.start("gateway", List.of(ChildProcess.java(), "-Xms128m", "-Xmx1g", "-XX:+UseG1GC",
        "-jar", layout.gatewayJar().toString()), env, dir.resolve("gateway.log"));
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
