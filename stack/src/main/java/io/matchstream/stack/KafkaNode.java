package io.matchstream.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclBinding;

/**
 * A single KRaft node (broker and controller in one JVM), its logs and metadata in {@code dir}.
 * Nothing reaches it unauthenticated: clients log in with SASL/SCRAM-SHA-512 on its listener (as
 * the users of {@link KafkaPrincipals}, their passwords in {@code dir/credentials.properties}); the
 * broker talks to itself there as the super user {@code broker}, and to its controller with
 * SASL/PLAIN on a loopback listener that knows that one user only (KRaft keeps SCRAM credentials in
 * the metadata the controller serves, so the controller cannot use them itself). The standard
 * authorizer refuses whatever no ACL allows.
 */
public final class KafkaNode {
  private static final int SCRAM_ITERATIONS = 8192;
  private final Layout layout;
  private final Path dir;
  private final int port;
  private final int controllerPort;
  private final KafkaCredentials credentials;
  private ChildProcess process;
  private JmxExporter metrics;

  public KafkaNode(Layout layout, Path dir, int port, int controllerPort) {
    this.layout = layout;
    this.dir = dir;
    this.port = port;
    this.controllerPort = controllerPort;
    this.credentials = KafkaCredentials.load(dir.resolve("credentials.properties"), KafkaPrincipals.LOCAL);
    this.metrics = new JmxExporter(layout, "kafka", 0);
  }

  /** Serves the broker's metrics to Prometheus on {@code port} (0: none). */
  public KafkaNode metricsPort(int port) {
    metrics = new JmxExporter(layout, "kafka", port);
    return this;
  }

  public String metricsUrl() {
    return metrics.url();
  }

  public String bootstrap() {
    return "127.0.0.1:" + port;
  }

  /** The controller's listener (SASL/PLAIN, the broker's user only). */
  public String controllerBootstrap() {
    return "127.0.0.1:" + controllerPort;
  }

  public KafkaCredentials credentials() {
    return credentials;
  }

  /** The settings a Kafka client logs in with as {@code user} (a {@link KafkaPrincipals} user), bootstrap included. */
  public Map<String, String> clientConfig(String user) {
    Map<String, String> config = new java.util.LinkedHashMap<>();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    config.putAll(KafkaPrincipals.saslSettings(user, credentials.password(user)));
    return config;
  }

  /** The same as {@code MATCHSTREAM_<KEY>} environment variables, for the app and the CLI ({@code AppConfig}). */
  public Map<String, String> clientEnv(String user) {
    Map<String, String> env = new HashMap<>();
    clientConfig(user).forEach((key, value) ->
        env.put("MATCHSTREAM_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_'), value));
    return env;
  }

  /** An admin client of the super user, for the stack's own set-up and the tests. */
  public Admin superUserAdmin() {
    return Admin.create(new HashMap<>(clientConfig(KafkaPrincipals.BROKER)));
  }

  Properties config() {
    String password = credentials.password(KafkaPrincipals.BROKER);
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.put("listeners", "CLIENT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "CLIENT://127.0.0.1:" + port);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "CLIENT");
    p.put("listener.security.protocol.map", "CONTROLLER:SASL_PLAINTEXT,CLIENT:SASL_PLAINTEXT");
    // clients and the broker itself: SCRAM-SHA-512, the users' credentials in the cluster's metadata
    p.put("listener.name.client.sasl.enabled.mechanisms", "SCRAM-SHA-512");
    p.put("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512");
    p.put("listener.name.client.scram-sha-512.sasl.jaas.config",
        KafkaPrincipals.jaas("org.apache.kafka.common.security.scram.ScramLoginModule", KafkaPrincipals.BROKER, password));
    // broker to controller: PLAIN with one static user, the broker, on loopback
    p.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
    p.put("sasl.mechanism.controller.protocol", "PLAIN");
    p.put("listener.name.controller.plain.sasl.jaas.config",
        KafkaPrincipals.jaas("org.apache.kafka.common.security.plain.PlainLoginModule", KafkaPrincipals.BROKER, password)
            .replace(";", " user_" + KafkaPrincipals.BROKER + "=\"" + password + "\";"));
    p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
    p.put("super.users", "User:" + KafkaPrincipals.BROKER);
    p.put("allow.everyone.if.no.acl.found", "false");
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

  /**
   * Formats the storage on first use (the broker's own SCRAM credential in its first metadata),
   * starts the broker, sets every other user's current password (a new or rotated one included),
   * creates the users' ACLs (the app's for its default application id) and writes each user's
   * client settings.
   */
  public void start(Duration timeout) throws IOException, InterruptedException {
    Path config = dir.resolve("server.properties");
    KafkaCredentials.writePrivate(config(), config, "written by ./matchstream up");
    if (!Files.exists(dir.resolve("data/meta.properties"))) {
      List<String> command = new ArrayList<>(List.of(ChildProcess.java(), "-cp",
          layout.brokerClasspath(), "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
          // transactions v2 (KIP-890): on 4.1.0 a SIGKILL restart could leave a Streams producer retrying a
          // batch forever (OUT_OF_ORDER_SEQUENCE_NUMBER); on 4.4.0 the crash, fault and scale-out tests pass
          "--feature", "transaction.version=2",
          "-c", config.toString()));
      // the broker's own credential must be in the metadata before it starts (it logs in to itself);
      // salted here, so that no password shows on a command line. The other users follow by the Admin API
      command.addAll(List.of("--add-scram", saltedScram(KafkaPrincipals.BROKER)));
      ChildProcess format = ChildProcess.start("kafka-format", command, Map.of(), dir.resolve("format.log"));
      if (!format.waitFor(60) || format.exitValue() != 0) {
        throw new IllegalStateException("formatting the broker's storage failed:\n" + format.tail(20));
      }
      credentials.markFormatted();
    } else if (!credentials.formatted()) {
      throw new IllegalStateException(dir + " holds a broker made before Kafka asked for passwords; its users "
          + "cannot be added to it. Start on a new --data folder (or delete this one: its exchange is lost)");
    }
    List<String> line = new ArrayList<>(List.of(ChildProcess.java(), "-Xms512m", "-Xmx1g", "-XX:+UseG1GC"));
    line.addAll(metrics.jvmOptions());
    line.addAll(List.of("-cp", layout.brokerClasspath(), "kafka.Kafka", config.toString()));
    process = ChildProcess.start("kafka", line, Map.of(), dir.resolve("kafka.log"));
    awaitReady(timeout);
    try {
      setPasswords();
      grant(KafkaPrincipals.grants(KafkaPrincipals.APPLICATION_ID, sinkTopics()));
      awaitLogin(KafkaPrincipals.OPERATOR, timeout);
      writeClientConfigs();
    } catch (ExecutionException e) {
      throw new IllegalStateException("setting up the broker's users and ACLs failed: " + e.getCause(), e);
    }
  }

  /** StorageTool's {@code --add-scram} of {@code user}'s SCRAM-SHA-512 credential, salted. */
  private String saltedScram(String user) {
    try {
      var formatter = new org.apache.kafka.common.security.scram.internals.ScramFormatter(
          org.apache.kafka.common.security.scram.internals.ScramMechanism.SCRAM_SHA_512);
      byte[] salt = new byte[32];
      new java.security.SecureRandom().nextBytes(salt);
      byte[] salted = formatter.saltedPassword(credentials.password(user), salt, SCRAM_ITERATIONS);
      java.util.Base64.Encoder base64 = java.util.Base64.getEncoder();
      return "SCRAM-SHA-512=[name=" + user + ",iterations=" + SCRAM_ITERATIONS + ",salt=\"" + base64.encodeToString(salt)
          + "\",saltedpassword=\"" + base64.encodeToString(salted) + "\"]";
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The topics the sinks of {@code connectors/sinks} read (none when the build has no sinks). */
  private List<String> sinkTopics() {
    try {
      return SinkConfig.all(layout).stream().map(SinkConfig::topic).toList();
    } catch (IllegalStateException e) {
      return List.of();
    }
  }

  /** Sets each user's password of the credentials file (the same again, or a rotated one). */
  private void setPasswords() throws InterruptedException, ExecutionException {
    try (Admin admin = superUserAdmin()) {
      List<org.apache.kafka.clients.admin.UserScramCredentialAlteration> upserts = new ArrayList<>();
      for (String user : credentials.users()) {
        if (!user.equals(KafkaPrincipals.BROKER)) {
          upserts.add(new UserScramCredentialUpsertion(user,
              new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), credentials.password(user)));
        }
      }
      admin.alterUserScramCredentials(upserts).all().get();
    }
  }

  /** Creates {@code grants}' ACLs (each user's); creating one that exists changes nothing. */
  public void grant(Map<String, List<KafkaPrincipals.Grant>> grants) throws InterruptedException, ExecutionException {
    List<AclBinding> bindings = new ArrayList<>();
    grants.forEach((user, list) -> bindings.addAll(KafkaPrincipals.bindings(user, list)));
    try (Admin admin = superUserAdmin()) {
      admin.createAcls(bindings).all().get();
    }
  }

  /** Lets the app run under {@code applicationId} too (a test's own): its group, internal topics and transactions. */
  public void grantApp(String applicationId) throws InterruptedException, ExecutionException {
    grant(Map.of(KafkaPrincipals.APP, KafkaPrincipals.app(applicationId)));
  }

  /** Waits until {@code user} logs in: the credentials set above reach the broker's cache through the metadata log. */
  private void awaitLogin(String user, Duration timeout) throws InterruptedException {
    Map<String, Object> config = new HashMap<>(clientConfig(user));
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try (Admin admin = Admin.create(config)) {
        admin.describeCluster().clusterId().get(5, TimeUnit.SECONDS);
        return;
      } catch (Exception e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("user " + user + " cannot log in to the broker: " + e, e);
        }
        Thread.sleep(200);
      }
    }
  }

  /**
   * Each user's client settings in {@code dir/clients/<user>.properties} (owner-only): for
   * {@code --config} of {@code ./matchstream produce}, {@code consume}, {@code run}, the load
   * generator, and Kafka's own tools ({@code --command-config}).
   */
  private void writeClientConfigs() throws IOException {
    for (String user : credentials.users()) {
      Properties client = new Properties();
      client.putAll(clientConfig(user));
      KafkaCredentials.writePrivate(client, clientConfigFile(user),
          "Kafka client settings of user " + user + ", written by ./matchstream up");
    }
  }

  /** Where {@link #start} leaves {@code user}'s client settings. */
  public Path clientConfigFile(String user) {
    return dir.resolve("clients").resolve(user + ".properties");
  }

  private void awaitReady(Duration timeout) throws InterruptedException {
    Readiness.await(process, "on " + bootstrap(), this::answers, timeout);
  }

  /** True once the broker takes connections and names itself in the cluster's metadata. */
  private boolean answers() {
    if (!Ports.answers(port)) {
      return false;
    }
    try (Admin admin = superUserAdmin()) {
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
