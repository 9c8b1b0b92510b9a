package io.matchstream.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One instance of the streams app ({@code topology.jar run}), configured through its environment. */
public final class AppNode {
  private final Layout layout;
  private final String name;
  private final Path dir;
  private final int healthPort;
  private final Map<String, String> env = new HashMap<>();
  private ChildProcess process;

  /** An instance whose stores live in {@code dir/state} and whose output goes to {@code dir/<name>.log}. */
  public AppNode(Layout layout, String name, Path dir, int healthPort, String bootstrap, String registryUrl) {
    this.layout = layout;
    this.name = name;
    this.dir = dir;
    this.healthPort = healthPort;
    env.put("MATCHSTREAM_BOOTSTRAP_SERVERS", bootstrap);
    env.put("MATCHSTREAM_APICURIO_REGISTRY_URL", registryUrl);
    env.put("MATCHSTREAM_STATE_DIR", dir.toAbsolutePath().resolve("state").toString());
    env.put("MATCHSTREAM_APP_HEALTH_PORT", Integer.toString(healthPort));
    // static membership: a restarted instance takes its partitions back without waiting for the
    // group to notice that its previous life is gone
    env.put("MATCHSTREAM_GROUP_INSTANCE_ID", name);
  }

  /** Sets settings of the app by their environment variables (its Kafka login: {@code KafkaNode.clientEnv}). */
  public AppNode with(Map<String, String> variables) {
    env.putAll(variables);
    return this;
  }

  /** Sets a setting of the app, by its environment variable ({@code MATCHSTREAM_...}). */
  public AppNode with(String variable, String value) {
    env.put(variable, value);
    return this;
  }

  public void start(Duration timeout) throws IOException, InterruptedException {
    // out of heap, the JVM exits and up starts it again, rather than run on with a thread dead
    process = ChildProcess.start(name, List.of(ChildProcess.java(), "-Xms256m", "-Xmx2g", "-XX:+UseG1GC",
        "-XX:+ExitOnOutOfMemoryError",
        "-jar", layout.appJar().toString(), "run"), env, dir.resolve(name + ".log"));
    Readiness.await(process, healthUrl(), timeout);
  }

  public String healthUrl() {
    return "http://127.0.0.1:" + healthPort + "/health";
  }

  /** Its state, active and standby tasks, and records restored ({@code GET /tasks}, JSON). */
  /** The app's metrics in Prometheus' text format. */
  public String metricsUrl() {
    return "http://127.0.0.1:" + healthPort + "/metrics";
  }

  public String tasksUrl() {
    return "http://127.0.0.1:" + healthPort + "/tasks";
  }

  public boolean isRunning() {
    return Readiness.ok(healthUrl());
  }

  public ChildProcess process() {
    return process;
  }

  public void stop() {
    if (process != null) {
      process.stop(60);
    }
  }
}
