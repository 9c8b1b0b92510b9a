package io.matchstream.gateway;

import io.matchstream.app.AppConfig;
import io.matchstream.client.CommandProducer;
import io.matchstream.gateway.admin.AdminPort;
import io.matchstream.stack.AppNode;
import io.matchstream.stack.ConnectNode;
import io.matchstream.stack.MariaDbNode;
import io.matchstream.stack.Stack;
import io.matchstream.stack.GatewayNode;
import io.matchstream.stack.KafkaPrincipals;
import io.matchstream.stack.KafkaNode;
import io.matchstream.stack.Layout;
import io.matchstream.stack.Ports;
import io.matchstream.stack.RegistryNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One real broker, registry and streams app (child processes, as {@code ./matchstream up} runs
 * them) and one gateway in this JVM, started on first use and stopped when the JVM exits: every
 * gateway test class shares them. Markets: BTC, ETH, SOL, ADA, XRP, DOT, LTC, BNB, TRX, XLM, EOS and ATOM against
 * USDT, each test on markets of its own. Users {@code admin} (an admin key) and those of
 * {@link #USERS}, each key {@code <user>-key} with secret {@code <user>-secret}.
 */
final class GatewayFixture {
  static final List<String> USERS =
      List.of("alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "page", "maker",
          "ccxt", "connector", "fuzzer", "victim", "mallory",
          "bounded1", "bounded2", "watcher1", "watcher2", "keyholder", "collector", "intruder");
  private static GatewayFixture instance;

  final AppConfig client;
  final String base;
  final String adminBase;
  private final KafkaNode kafka;
  private final RegistryNode registry;
  private final AppNode app;
  private final ConfigurableApplicationContext gateway;
  private final Path kafkaLogins;
  private final Path dir;
  private final Layout layout;
  private MariaDbNode mariadb;
  private ConnectNode connect;

  /** The Kafka settings of the fixture's gateway: its principal writes the gateway's own topics. */
  AppConfig gatewayKafka() {
    return gateway.getBean("kafkaConfig", AppConfig.class);
  }

  private GatewayFixture() throws Exception {
    Layout layout = Layout.find();
    Path dir = Files.createDirectories(layout.home().resolve("gateway/target/it/run-" + ProcessHandle.current().pid()));
    this.dir = dir;
    this.layout = layout;
    kafka = new KafkaNode(layout, dir.resolve("kafka"), Ports.free(), Ports.free()).metricsPort(Ports.free());
    registry = new RegistryNode(layout, dir.resolve("registry"), Ports.free());
    app = new AppNode(layout, "app", dir.resolve("app"), Ports.free(), kafka.bootstrap(), registry.url())
        .with(kafka.clientEnv(KafkaPrincipals.APP))
        .with("MATCHSTREAM_COMMIT_INTERVAL_MS", "50");
    Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
    kafka.start(Duration.ofSeconds(90));
    kafkaLogins = dir.resolve("gateway-kafka.properties");
    try (var out = java.nio.file.Files.newBufferedWriter(kafkaLogins)) {
      GatewayNode.kafkaSettings(kafka.clientConfig(KafkaPrincipals.GATEWAY), kafka.clientConfig(KafkaPrincipals.GATEWAY_ADMIN))
          .store(out, "the gateway's Kafka logins");
    }
    registry.start(Duration.ofSeconds(120));
    app.start(Duration.ofSeconds(120));
    // the tests' own client sends reference data and reads what it likes: the operator's login
    Map<String, String> operator = new java.util.HashMap<>(kafka.clientEnv(KafkaPrincipals.OPERATOR));
    operator.put("MATCHSTREAM_APICURIO_REGISTRY_URL", registry.url());
    client = AppConfig.load(null, operator);
    try (CommandProducer producer = new CommandProducer(client, CommandProducer.REFERENCE_GRACE)) {
      producer.send("{\"type\":\"asset\",\"asset\":\"USDT\",\"scale\":6}");
      for (String asset : List.of("BTC", "ETH", "SOL", "ADA", "XRP", "DOT", "LTC", "BNB", "TRX", "XLM", "EOS", "ATOM")) {
        producer.send("{\"type\":\"asset\",\"asset\":\"" + asset + "\",\"scale\":8}");
      }
      producer.send(symbol("BTC-USDT", "0.01", "0.0001"));
      producer.send(symbol("ETH-USDT", "0.01", "0.001"));
      producer.send(symbol("SOL-USDT", "0.01", "0.01"));
      producer.send(symbol("ADA-USDT", "0.01", "1"));
      producer.send(symbol("XRP-USDT", "0.01", "1"));
      producer.send(symbol("DOT-USDT", "0.01", "1"));
      producer.send(symbol("LTC-USDT", "0.01", "0.01"));
      producer.send(symbol("BNB-USDT", "0.01", "0.001"));
      producer.send(symbol("TRX-USDT", "0.01", "0.001"));
      producer.send(symbol("XLM-USDT", "0.01", "0.001"));
      producer.send(symbol("EOS-USDT", "0.01", "0.01"));
      producer.send(symbol("ATOM-USDT", "0.01", "0.01"));
      producer.awaitProcessed();
    }
    // the tests come from one IP: its limit stays out of their way (RateLimitTest runs a gateway of its own)
    gateway = startGateway(
        "--matchstream.gateway.ip-requests-per-second=100000", "--matchstream.gateway.demo-key=page-key");
    base = base(gateway);
    adminBase = adminBase(gateway);
  }

  /**
   * Starts a gateway on this stack, on a free port, with the fixture's keys and {@code extra}
   * settings ({@code --name=value}, which win over the defaults).
   */
  ConfigurableApplicationContext startGateway(String... extra) {
    List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
        "--matchstream.gateway.admin-port=0",
        "--matchstream.gateway.bootstrap-servers=" + kafka.bootstrap(),
        // its Kafka logins, as the stack's GatewayNode gives them (a properties file, keys in brackets)
        "--spring.config.additional-location=file:" + kafkaLogins,
        "--matchstream.gateway.registry-url=" + registry.url(),
        // a client that stops reading is dropped a second after: a test sees it soon
        "--matchstream.gateway.stream-send-time-limit-ms=1000",
        "--matchstream.gateway.keys[0].key=admin-key", "--matchstream.gateway.keys[0].secret=admin-secret",
        "--matchstream.gateway.keys[0].user-id=ops", "--matchstream.gateway.keys[0].admin=true"));
    for (int i = 0; i < USERS.size(); i++) {
      String user = USERS.get(i);
      String key = "--matchstream.gateway.keys[" + (i + 1) + "].";
      args.addAll(List.of(key + "key=" + user + "-key", key + "secret=" + user + "-secret", key + "user-id=" + user));
    }
    // a setting named twice would bind as a list: the one in extra replaces the default
    for (String setting : extra) {
      String name = setting.substring(0, setting.indexOf('=') + 1);
      args.removeIf(arg -> arg.startsWith(name));
      args.add(setting);
    }
    return new SpringApplicationBuilder(GatewayApplication.class, SmallSocketBuffers.class)
        .run(args.toArray(String[]::new));
  }

  static String base(ConfigurableApplicationContext gateway) {
    return "http://127.0.0.1:" + ((WebServerApplicationContext) gateway).getWebServer().getPort();
  }

  /** The base URL of the gateway's admin port. */
  static String adminBase(ConfigurableApplicationContext gateway) {
    return "http://127.0.0.1:" + gateway.getBean(AdminPort.class).port();
  }

  static synchronized GatewayFixture get() throws Exception {
    if (instance == null) {
      instance = new GatewayFixture();
    }
    return instance;
  }

  private static String symbol(String symbol, String tickSize, String lotSize) {
    String[] assets = symbol.split("-");
    return "{\"type\":\"symbol\",\"symbol\":\"" + symbol + "\",\"base\":\"" + assets[0] + "\",\"quote\":\"" + assets[1]
        + "\",\"tickSize\":\"" + tickSize + "\",\"lotSize\":\"" + lotSize + "\",\"minNotional\":\"1\","
        + "\"makerFeeRate\":\"0.001\",\"takerFeeRate\":\"0.002\"}";
  }

  /**
   * MariaDB and a Connect worker running every sink of {@code connectors/sinks} into it, started
   * on first use (the tests of the whole path's metrics need them; the others do not wait for them).
   */
  synchronized ConnectNode connect() throws Exception {
    if (connect == null) {
      MariaDbNode.ensureInstalled(System.out::println);
      mariadb = new MariaDbNode(layout, dir.resolve("mariadb"), Ports.free());
      mariadb.start(Duration.ofSeconds(60));
      mariadb.createDatabase(Stack.DATABASE);
      connect = new ConnectNode(layout, dir.resolve("connect"), Ports.free(), kafka.bootstrap(), registry.url(),
          mariadb.jdbcUrl(Stack.DATABASE), MariaDbNode.USER, MariaDbNode.PASSWORD)
          .kafkaClient(kafka.clientConfig(KafkaPrincipals.CONNECT)).metricsPort(Ports.free());
      connect.start(Duration.ofSeconds(180));
      connect.registerSinks(Duration.ofSeconds(120));
    }
    return connect;
  }

  KafkaNode kafka() {
    return kafka;
  }

  AppNode app() {
    return app;
  }

  private void stop() {
    if (gateway != null) {
      gateway.close();
    }
    if (connect != null) {
      connect.stop();
    }
    if (mariadb != null) {
      mariadb.stop();
    }
    app.stop();
    registry.stop();
    kafka.stop();
  }

  /**
   * Small socket send buffers on the gateway's side: a client that stops reading backs up into the
   * gateway's queue after kilobytes, not megabytes of loopback buffering.
   */
  @Configuration
  static class SmallSocketBuffers {
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> smallSendBuffers() {
      return factory -> factory.addConnectorCustomizers(connector -> connector.setProperty("socket.txBufSize", "4096"));
    }
  }
}
