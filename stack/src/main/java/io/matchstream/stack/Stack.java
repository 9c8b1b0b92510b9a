package io.matchstream.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * The local stack: a KRaft broker, the registry, one streams app, MariaDB and a Connect worker
 * with the sinks, and the gateway, each a child process with its state and log under
 * {@code data}. Started in that order, stopped in the reverse one.
 */
public final class Stack implements AutoCloseable {
  private static final String REFERENCE_DATA = "reference-data";

  public record Ports(int kafka, int controller, int registry, int appHealth, int mariadb, int connect, int gateway,
      int gatewayAdmin, int kafkaMetrics, int connectMetrics) {
    public static final Ports DEFAULTS = new Ports(9092, 9093, 8081, 8090, 3307, 8083, 8080, 8079, 9404, 9405);

    /** Free loopback ports, for a test's stack. */
    public static Ports free() {
      return new Ports(io.matchstream.stack.Ports.free(), io.matchstream.stack.Ports.free(),
          io.matchstream.stack.Ports.free(), io.matchstream.stack.Ports.free(), io.matchstream.stack.Ports.free(),
          io.matchstream.stack.Ports.free(), io.matchstream.stack.Ports.free(), io.matchstream.stack.Ports.free(),
          io.matchstream.stack.Ports.free(), io.matchstream.stack.Ports.free());
    }

    /**
     * The ports a stack takes: the database's only when it is the stack's own, Connect's only with
     * the sinks, the gateway's only with the gateway.
     */
    List<Integer> used(boolean sinks, boolean gateway) {
      List<Integer> used = new ArrayList<>(List.of(kafka, controller, registry, appHealth, kafkaMetrics));
      if (gateway) {
        used.add(this.gateway);
        used.add(gatewayAdmin);
      }
      if (sinks && externalDatabase() == null) {
        used.add(mariadb);
      }
      if (sinks) {
        used.add(connect);
        used.add(connectMetrics);
      }
      return used;
    }
  }

  /**
   * The sinks' database when it is not the stack's own: {@code MATCHSTREAM_JDBC_URL} (with
   * {@code MATCHSTREAM_JDBC_USER} and {@code MATCHSTREAM_JDBC_PASSWORD}), or null.
   */
  public static String externalDatabase() {
    return System.getenv("MATCHSTREAM_JDBC_URL");
  }

  /** The database the sinks write into. */
  public static final String DATABASE = "matchstream";

  private final KafkaNode kafka;
  private final RegistryNode registry;
  private final AppNode app;
  private final MariaDbNode mariadb;
  private final ConnectNode connect;
  private final GatewayNode gateway;
  private final boolean demo;
  private final Layout layout;
  private final Path data;
  private final List<Runnable> started = new ArrayList<>();
  private final PidFile pids;

  /**
   * A stack on {@code data}; without {@code sinks}, no database and no Connect worker; with
   * {@code demoKeys}, the gateway, its demo user and market (null: no gateway).
   */
  public Stack(Layout layout, Path data, Ports ports, boolean sinks, DemoKeys demoKeys) {
    this(layout, data, ports, sinks, demoKeys, demoKeys != null);
  }

  /** The same, where a stack with {@code demoKeys} may leave the gateway out but still sends the demo market. */
  public Stack(Layout layout, Path data, Ports ports, boolean sinks, DemoKeys demoKeys, boolean withGateway) {
    this.layout = layout;
    this.demo = demoKeys != null;
    this.data = data;
    pids = new PidFile(data);
    kafka = new KafkaNode(layout, data.resolve("kafka"), ports.kafka(), ports.controller())
        .metricsPort(ports.kafkaMetrics());
    registry = new RegistryNode(layout, data.resolve("registry"), ports.registry());
    app = new AppNode(layout, "app", data.resolve("app"), ports.appHealth(), kafka.bootstrap(), registry.url())
        .with(kafka.clientEnv(KafkaPrincipals.APP));
    boolean ownDatabase = sinks && externalDatabase() == null;
    mariadb = ownDatabase ? new MariaDbNode(layout, data.resolve("mariadb"), ports.mariadb()) : null;
    String jdbcUrl = ownDatabase ? mariadb.jdbcUrl(DATABASE) : externalDatabase();
    String user = ownDatabase ? MariaDbNode.USER : System.getenv().getOrDefault("MATCHSTREAM_JDBC_USER", "");
    String password = ownDatabase ? MariaDbNode.PASSWORD : System.getenv().getOrDefault("MATCHSTREAM_JDBC_PASSWORD", "");
    connect = sinks ? new ConnectNode(layout, data.resolve("connect"), ports.connect(), kafka.bootstrap(),
        registry.url(), jdbcUrl, user, password).kafkaClient(kafka.clientConfig(KafkaPrincipals.CONNECT))
        .metricsPort(ports.connectMetrics()) : null;
    gateway = !withGateway || demoKeys == null ? null
        : new GatewayNode(layout, data.resolve("gateway"), ports.gateway(), ports.gatewayAdmin(), kafka.bootstrap(),
            registry.url(), demoKeys, kafka.clientConfig(KafkaPrincipals.GATEWAY),
            kafka.clientConfig(KafkaPrincipals.GATEWAY_ADMIN));
  }

  /** The ports of {@code ports} that something else already holds. */
  public static List<Integer> taken(Ports ports, boolean sinks, boolean gateway) {
    return ports.used(sinks, gateway).stream().filter(p -> !io.matchstream.stack.Ports.isFree(p)).toList();
  }

  public void start(java.util.function.Consumer<String> progress) throws IOException, InterruptedException {
    if (mariadb != null) {
      MariaDbNode.ensureInstalled(progress);  // before anything starts: a machine without it fails fast
    }
    progress.accept("starting the broker on " + kafka.bootstrap());
    started.add(0, kafka::stop);
    kafka.start(Duration.ofSeconds(90));
    pids.add(kafka.process());
    progress.accept("starting the schema registry on " + registry.url());
    started.add(0, registry::stop);
    registry.start(Duration.ofSeconds(120));
    pids.add(registry.process());
    if (mariadb != null) {
      progress.accept("starting MariaDB on 127.0.0.1:" + mariadb.port() + " (database " + DATABASE + ")");
      started.add(0, mariadb::stop);
      mariadb.start(Duration.ofSeconds(60));
      pids.add(mariadb.process());
      mariadb.createDatabase(DATABASE);
    } else if (connect != null) {
      progress.accept("the sinks write to " + externalDatabase() + " (MATCHSTREAM_JDBC_URL), whose tables "
          + "connectors/sql/matchstream.sql must have made");
    }
    progress.accept("starting the streams app");
    started.add(0, app::stop);
    app.start(Duration.ofSeconds(180));
    pids.add(app.process());
    if (connect != null) {
      progress.accept("starting the Kafka Connect worker on " + connect.url() + " and its sinks");
      started.add(0, connect::stop);
      startConnect();
    }
    if (demo) {
      if (exchangeHasReferenceData()) {
        progress.accept("the exchange has reference data already: the demo market and funds are not sent again");
      } else {
        progress.accept("sending the demo market and the demo user's funds");
        sendDemoCommands();
      }
    }
    if (gateway != null) {
      progress.accept("starting the gateway on " + gateway.url());
      started.add(0, gateway::stop);
      startGateway();
    }
  }

  /** Starts the gateway again after it died; it reads its view from the topics anew. */
  public void restartGateway() throws IOException, InterruptedException {
    startGateway();
  }

  private void startGateway() throws IOException, InterruptedException {
    gateway.start(Duration.ofSeconds(180));
    pids.add(gateway.process());
  }

  /**
   * Whether any asset or symbol was ever accepted. The demo market goes only to an exchange that
   * has none: sent again, it would redefine a market a user has since defined as they meant it.
   */
  private boolean exchangeHasReferenceData() throws InterruptedException {
    // the app's compacted topic of accepted definitions (Topics.REFERENCE_DATA; one partition)
    TopicPartition partition = new TopicPartition(REFERENCE_DATA, 0);
    try (Admin admin = Admin.create(new java.util.HashMap<>(kafka.clientConfig(KafkaPrincipals.OPERATOR)))) {
      return admin.listOffsets(java.util.Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get()
          .offset() > 0;
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("cannot read the end of " + REFERENCE_DATA + ": " + e.getCause(), e);
    }
  }

  /** {@code topology.jar produce} of {@link DemoKeys#demoCommands}, run to its end. */
  private void sendDemoCommands() throws IOException, InterruptedException {
    Path file = data.resolve("gateway/demo.commands.jsonl");
    java.nio.file.Files.createDirectories(file.getParent());
    java.nio.file.Files.writeString(file, DemoKeys.demoCommands(System.currentTimeMillis()));
    java.util.Map<String, String> env = new java.util.HashMap<>(kafka.clientEnv(KafkaPrincipals.OPERATOR));
    env.put("MATCHSTREAM_APICURIO_REGISTRY_URL", registry.url());
    ChildProcess produce = ChildProcess.start("demo commands", List.of(ChildProcess.java(), "-jar",
        layout.appJar().toString(), "produce", "--in", file.toString()), env,
        data.resolve("gateway/demo-commands.log"));
    if (!produce.waitFor(120) || produce.exitValue() != 0) {
      produce.stop(5);
      throw new IllegalStateException("the demo commands were not sent; " + produce.log() + " ends:\n"
          + produce.tail(20));
    }
  }

  /** Starts the app again after it died; the broker and the registry run on. */
  public void restartApp() throws IOException, InterruptedException {
    app.start(Duration.ofSeconds(180));
    pids.add(app.process());
  }

  /**
   * Starts the Connect worker again after it died. Its connectors and their offsets are in Kafka:
   * the sinks carry on from their last committed offsets (what they write again, they upsert).
   */
  public void restartConnect() throws IOException, InterruptedException {
    startConnect();
  }

  private void startConnect() throws IOException, InterruptedException {
    connect.start(Duration.ofSeconds(180));
    pids.add(connect.process());
    connect.registerSinks(Duration.ofSeconds(120));
  }

  /** The part that died, or null while all run. */
  public ChildProcess dead() {
    for (ChildProcess part : java.util.Arrays.asList(kafka.process(), registry.process(),
        mariadb == null ? null : mariadb.process(), app.process(), connect == null ? null : connect.process(),
        gateway == null ? null : gateway.process())) {
      if (part != null && !part.isAlive()) {
        return part;
      }
    }
    return null;
  }

  public KafkaNode kafka() {
    return kafka;
  }

  public RegistryNode registry() {
    return registry;
  }

  public AppNode app() {
    return app;
  }

  /** The stack's own database server, or null when the sinks write to an external one. */
  public MariaDbNode mariadb() {
    return mariadb;
  }

  /** The Connect worker, or null in a stack without sinks. */
  public ConnectNode connect() {
    return connect;
  }

  /** The gateway, or null in a stack without it. */
  public GatewayNode gateway() {
    return gateway;
  }

  @Override
  public void close() {
    started.forEach(Runnable::run);
    started.clear();
    try {
      pids.clear();
    } catch (IOException e) {
      // a stale pid file is checked against the running processes next time
    }
  }
}
