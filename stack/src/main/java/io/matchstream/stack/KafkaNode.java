package io.matchstream.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/** A single KRaft node (broker and controller in one JVM), its logs and metadata in {@code dir}. */
public final class KafkaNode {
  private final Layout layout;
  private final Path dir;
  private final int port;
  private final int controllerPort;
  private ChildProcess process;

  public KafkaNode(Layout layout, Path dir, int port, int controllerPort) {
    this.layout = layout;
    this.dir = dir;
    this.port = port;
    this.controllerPort = controllerPort;
  }

  public String bootstrap() {
    return "127.0.0.1:" + port;
  }

  Properties config() {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
    p.put("log.dirs", dir.resolve("data").toString());
    p.put("auto.create.topics.enable", "false");
    // one node: every internal topic has one replica
    p.put("offsets.topic.replication.factor", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    // commands carry their own ts, any epoch value; the app's topics say so too, this covers changelogs
    p.put("log.message.timestamp.after.max.ms", Long.toString(Long.MAX_VALUE));
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "4");
    return p;
  }

  public void start(Duration timeout) throws IOException, InterruptedException {
    Path config = ChildProcess.writeConfig(config(), dir.resolve("server.properties"));
    if (!Files.exists(dir.resolve("data/meta.properties"))) {
      ChildProcess format = ChildProcess.start("kafka-format", List.of(ChildProcess.java(), "-cp",
          layout.brokerClasspath(), "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
          // transactions v2 (KIP-890): on 4.1.0 a SIGKILL restart could leave a Streams producer retrying a
          // batch forever (OUT_OF_ORDER_SEQUENCE_NUMBER); on 4.4.0 the crash, fault and scale-out tests pass
          "--feature", "transaction.version=2",
          "-c", config.toString()), Map.of(), dir.resolve("format.log"));
      if (!format.waitFor(60) || format.exitValue() != 0) {
        throw new IllegalStateException("formatting the broker's storage failed:\n" + format.tail(20));
      }
    }
    process = ChildProcess.start("kafka", List.of(ChildProcess.java(), "-Xms512m", "-Xmx1g", "-XX:+UseG1GC",
        "-cp", layout.brokerClasspath(), "kafka.Kafka", config.toString()), Map.of(), dir.resolve("kafka.log"));
    awaitReady(timeout);
  }

  private void awaitReady(Duration timeout) throws InterruptedException {
    Readiness.await(process, "on " + bootstrap(), this::answers, timeout);
  }

  /** True once the broker takes connections and names itself in the cluster's metadata. */
  private boolean answers() {
    if (!Ports.answers(port)) {
      return false;
    }
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
      return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
    } catch (Exception e) {
      return false;  // not ready yet
    }
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
