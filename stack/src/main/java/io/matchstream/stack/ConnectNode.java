package io.matchstream.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A Kafka Connect worker in distributed mode (its configs, offsets and statuses in Kafka topics),
 * loading the JDBC sink and the Avro converter from {@code connectors/target/plugins}. The sinks'
 * database and credentials reach the connector configs through the worker's environment
 * ({@code ${env:MATCHSTREAM_JDBC_URL}} and the like), so the configs in {@code connectors/sinks}
 * are registered as they are.
 */
public final class ConnectNode {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Layout layout;
  private final Path dir;
  private final int port;
  private final String bootstrap;
  private final String registryUrl;
  private final String jdbcUrl;
  private final String jdbcUser;
  private final String jdbcPassword;
  private final Map<String, String> kafka = new LinkedHashMap<>();
  private ChildProcess process;
  private JmxExporter metrics;

  public ConnectNode(Layout layout, Path dir, int port, String bootstrap, String registryUrl, String jdbcUrl,
      String jdbcUser, String jdbcPassword) {
    this.layout = layout;
    this.dir = dir;
    this.port = port;
    this.bootstrap = bootstrap;
    this.registryUrl = registryUrl;
    this.jdbcUrl = jdbcUrl;
    this.jdbcUser = jdbcUser;
    this.jdbcPassword = jdbcPassword;
    this.metrics = new JmxExporter(layout, "connect", 0);
  }

  /** Serves the worker's metrics to Prometheus on {@code port} (0: none). */
  public ConnectNode metricsPort(int port) {
    metrics = new JmxExporter(layout, "connect", port);
    return this;
  }

  public String metricsUrl() {
    return metrics.url();
  }

  /**
   * Logs the worker in with {@code settings} (Kafka client settings: a SASL user's), it and its
   * connectors' clients (the sinks' consumers, their dead-letter producers, their admin clients).
   */
  public ConnectNode kafkaClient(Map<String, String> settings) {
    kafka.clear();
    settings.forEach((key, value) -> {
      if (!key.equals("bootstrap.servers")) {
        kafka.put(key, value);
      }
    });
    return this;
  }

  public String jdbcUrl() {
    return jdbcUrl;
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /**
   * The worker settings the sinks need wherever they run: this local worker and the cluster's
   * KafkaConnect (k8s/base/connect.yaml, checked against these by the k8s module's tests).
   */
  public static Map<String, String> sinkWorkerSettings() {
    Map<String, String> p = new LinkedHashMap<>();
    // the topics' keys are strings (user id, symbol, level key); the values Avro in Confluent's wire
    // format, as the streams app writes them, with the 8-byte ids of earlier builds still read
    p.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    p.put("value.converter", "io.apicurio.registry.utils.converter.AvroConverter");
    p.put("value.converter.apicurio.registry.headers.enabled", "false");
    p.put("value.converter.apicurio.registry.use-id", "contentId");
    p.put("value.converter.apicurio.registry.id-handler", "io.matchstream.connect.framing.EitherFramingIdHandler");
    // the app writes in transactions: a sink must never see a record of an aborted one
    p.put("consumer.isolation.level", "read_committed");
    // larger batches: fewer database transactions, and more updates of one row folded into one
    p.put("consumer.max.poll.records", "5000");
    // how often the sinks commit what they wrote: after a crash at most this much is written again
    p.put("offset.flush.interval.ms", "2000");
    // a crashed worker's sinks resume within seconds of its restart, not minutes: its consumers'
    // sessions expire sooner, and the group does not hold their tasks for a worker that may return
    p.put("consumer.session.timeout.ms", "10000");
    p.put("consumer.heartbeat.interval.ms", "3000");
    p.put("scheduled.rebalance.max.delay.ms", "10000");
    p.put("config.providers", "env");
    p.put("config.providers.env.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
    return p;
  }

  Properties config() {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("group.id", "matchstream-connect");
    p.put("listeners", url());
    p.put("plugin.path", layout.connectPlugins().toString());
    p.put("config.storage.topic", "connect-configs");
    p.put("offset.storage.topic", "connect-offsets");
    p.put("status.storage.topic", "connect-status");
    p.put("config.storage.replication.factor", "1");
    p.put("offset.storage.replication.factor", "1");
    p.put("status.storage.replication.factor", "1");
    p.put("offset.storage.partitions", "5");
    p.put("value.converter.apicurio.registry.url", registryUrl);
    p.putAll(sinkWorkerSettings());
    for (String prefix : List.of("", "producer.", "consumer.", "admin.")) {
      kafka.forEach((key, value) -> p.put(prefix + key, value));
    }
    return p;
  }

  public void start(Duration timeout) throws IOException, InterruptedException {
    Path config = dir.resolve("worker.properties");
    KafkaCredentials.writePrivate(config(), config, "written by ./matchstream up");
    List<String> line = new java.util.ArrayList<>(List.of(ChildProcess.java(), "-Xms256m", "-Xmx1g", "-XX:+UseG1GC"));
    line.addAll(metrics.jvmOptions());
    line.addAll(List.of("-cp", layout.brokerClasspath(), "org.apache.kafka.connect.cli.ConnectDistributed",
        config.toString()));
    process = ChildProcess.start("connect", line,
        Map.of("MATCHSTREAM_JDBC_URL", jdbcUrl, "MATCHSTREAM_JDBC_USER", jdbcUser, "MATCHSTREAM_JDBC_PASSWORD", jdbcPassword),
        dir.resolve("connect.log"));
    Readiness.await(process, url() + "/connectors", timeout);
  }

  /** Registers (or updates) every sink of {@code connectors/sinks} and waits until each runs. */
  public void registerSinks(Duration timeout) throws IOException, InterruptedException {
    List<SinkConfig> sinks = SinkConfig.all(layout);
    for (SinkConfig sink : sinks) {
      register(sink.name(), sink.config());
    }
    for (SinkConfig sink : sinks) {
      awaitRunning(sink.name(), timeout);
    }
  }

  /** Creates or updates connector {@code name} with {@code config}. */
  public void register(String name, ObjectNode config) throws IOException, InterruptedException {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/connectors/" + encode(name) + "/config"))
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config))));
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException("Connect refused connector " + name + " (" + response.statusCode() + "): "
          + response.body());
    }
  }

  public void delete(String name) throws IOException, InterruptedException {
    send(HttpRequest.newBuilder(uri("/connectors/" + encode(name))).DELETE());
  }

  /** The connector's state and its tasks' (RUNNING, FAILED, ...), as Connect reports them. */
  public JsonNode status(String name) throws IOException, InterruptedException {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/connectors/" + encode(name) + "/status")).GET());
    return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
  }

  /** Waits until the connector and all its tasks are RUNNING; a FAILED task ends the wait with its trace. */
  public void awaitRunning(String name, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode status = null;
    while (System.nanoTime() < deadline) {
      status = status(name);
      if (status != null) {
        for (JsonNode task : status.path("tasks")) {
          if ("FAILED".equals(task.path("state").asText())) {
            throw new IllegalStateException("connector " + name + " failed: " + task.path("trace").asText());
          }
        }
        if (running(status)) {
          return;
        }
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("connector " + name + " not running after " + timeout.toSeconds() + " s: " + status);
  }

  private static boolean running(JsonNode status) {
    if (!"RUNNING".equals(status.path("connector").path("state").asText()) || status.path("tasks").isEmpty()) {
      return false;
    }
    for (JsonNode task : status.path("tasks")) {
      if (!"RUNNING".equals(task.path("state").asText())) {
        return false;
      }
    }
    return true;
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create(url() + path);
  }

  private static String encode(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8);
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
