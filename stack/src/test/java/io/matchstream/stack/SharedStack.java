package io.matchstream.stack;

import io.matchstream.app.AppConfig;
import io.matchstream.client.AppProgress;
import io.matchstream.topology.TopicSpec;
import io.matchstream.topology.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;

/**
 * One broker and one registry for the whole test run (started on first use, stopped when the JVM
 * exits), shared by the test classes, which run one after another. Each test starts its own app
 * instances with their own application id, after {@link #resetTopics()}.
 */
final class SharedStack {
  private static SharedStack instance;

  final Layout layout = Layout.find();
  final Path dir;
  final KafkaNode kafka;
  final RegistryNode registry;
  final Admin admin;
  private final List<AppNode> apps = new ArrayList<>();
  private int appCount;
  private MariaDbNode mariadb;
  private ConnectNode connect;

  private SharedStack() throws Exception {
    dir = Files.createDirectories(layout.home().resolve("stack/target/it")).resolve("run-" + ProcessHandle.current().pid());
    kafka = new KafkaNode(layout, dir.resolve("kafka"), Ports.free(), Ports.free()).metricsPort(Ports.free());
    registry = new RegistryNode(layout, dir.resolve("registry"), Ports.free());
    Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll));
    kafka.start(Duration.ofSeconds(90));
    registry.start(Duration.ofSeconds(120));
    admin = kafka.superUserAdmin();
  }

  /**
   * Client settings of the broker's super user, with {@code extra} over them: the tests' own clients
   * (raw producers, dead-letter readers, the admin) may do anything; the stack's parts log in as
   * their users ({@link KafkaPrincipals}).
   */
  Map<String, Object> superUser(Map<String, ?> extra) {
    Map<String, Object> settings = new java.util.HashMap<>(kafka.clientConfig(KafkaPrincipals.BROKER));
    settings.putAll(extra);
    return settings;
  }

  static synchronized SharedStack get() throws Exception {
    if (instance == null) {
      instance = new SharedStack();
    }
    return instance;
  }

  /** The database server, started on first use and kept for the run; each test makes its own database. */
  synchronized MariaDbNode mariadb() throws Exception {
    if (mariadb == null) {
      MariaDbNode.ensureInstalled(System.out::println);
      mariadb = new MariaDbNode(layout, dir.resolve("mariadb"), Ports.free());
      mariadb.start(Duration.ofSeconds(60));
    }
    return mariadb;
  }

  /** The Connect worker, started on first use and kept for the run; each test registers its own sinks. */
  synchronized ConnectNode connect() throws Exception {
    if (connect == null) {
      connect = new ConnectNode(layout, dir.resolve("connect"), Ports.free(), kafka.bootstrap(), registry.url(),
          mariadb().jdbcUrl("matchstream"), MariaDbNode.USER, MariaDbNode.PASSWORD)
          .kafkaClient(kafka.clientConfig(KafkaPrincipals.CONNECT)).metricsPort(Ports.free());
      connect.start(Duration.ofSeconds(180));
    }
    return connect;
  }

  private void stopAll() {
    apps.forEach(AppNode::stop);
    if (connect != null) {
      connect.stop();
    }
    if (mariadb != null) {
      mariadb.stop();
    }
    registry.stop();
    kafka.stop();
  }

  /**
   * A new app instance (not started) of application {@code applicationId}, with {@code partitions}
   * per topic, logged in as the app's user, whose ACLs it extends to {@code applicationId}.
   */
  AppNode app(String applicationId, int partitions) {
    try {
      kafka.grantApp(applicationId);
    } catch (Exception e) {
      throw new IllegalStateException("cannot grant the app " + applicationId + ": " + e, e);
    }
    String name = "app-" + (++appCount);
    AppNode app = new AppNode(layout, name, dir.resolve(name), Ports.free(), kafka.bootstrap(), registry.url())
        .with(kafka.clientEnv(KafkaPrincipals.APP))
        .with("MATCHSTREAM_APPLICATION_ID", applicationId)
        .with("MATCHSTREAM_APP_PARTITIONS", Integer.toString(partitions))
        .with("MATCHSTREAM_COMMIT_INTERVAL_MS", "50");
    apps.add(app);
    return app;
  }

  /**
   * Client settings (broker, registry, application id) as the CLI tools would load them, logged in
   * as the super user: the tests read and write what they like.
   */
  AppConfig clientConfig(String applicationId) {
    return clientConfig(applicationId, KafkaPrincipals.BROKER);
  }

  /** The same, logged in as {@code user}. */
  AppConfig clientConfig(String applicationId, String user) {
    Map<String, String> env = new java.util.HashMap<>(kafka.clientEnv(user));
    env.put("MATCHSTREAM_APICURIO_REGISTRY_URL", registry.url());
    env.put("MATCHSTREAM_APPLICATION_ID", applicationId);
    return AppConfig.load(null, env);
  }

  /** Deletes the app's topics, so the next test starts from empty ones. */
  void resetTopics() throws Exception {
    Set<String> ours = Topics.CATALOG.stream().map(TopicSpec::name).collect(Collectors.toSet());
    Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
    List<String> doomed = existing.stream().filter(ours::contains).toList();
    admin.deleteTopics(doomed).all().get(30, TimeUnit.SECONDS);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (admin.listTopics().names().get(30, TimeUnit.SECONDS).stream().anyMatch(ours::contains)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("topics not deleted in 60 s");
      }
      Thread.sleep(100);
    }
  }

  /** Waits until the application has processed everything on its topics. */
  void awaitIdle(String applicationId, Duration timeout) throws Exception {
    new AppProgress(admin, applicationId).awaitIdle(timeout);
  }
}
