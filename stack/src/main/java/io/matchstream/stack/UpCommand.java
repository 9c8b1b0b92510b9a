package io.matchstream.stack;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "up", mixinStandardHelpOptions = true,
    description = "Start a KRaft broker (127.0.0.1:9092), the Apicurio registry (http://127.0.0.1:8081), MariaDB "
        + "(127.0.0.1:3307), the streams app, a Kafka Connect worker (http://127.0.0.1:8083) with the MySQL sinks "
        + "and the gateway (http://127.0.0.1:8080, its web page and a funded demo user); print 'ready' when all "
        + "answer; stop them all on Ctrl-C or SIGTERM.")
final class UpCommand implements Callable<Integer> {
  @Option(names = "--data", paramLabel = "DIR", defaultValue = ".matchstream",
      description = "where the broker, the registry and the app keep their state and logs (default ${DEFAULT-VALUE}); "
          + "a second up on the same folder carries on where the first stopped")
  Path data;

  @Option(names = "--no-sinks", description = "start no MariaDB and no Connect worker: the exchange alone "
      + "(to measure what the sinks cost, say)")
  boolean noSinks;

  @Option(names = "--no-gateway", description = "start no gateway (and send no demo market or user): the exchange "
      + "driven through Kafka only, as the benchmarks drive it")
  boolean noGateway;

  @Override
  public Integer call() throws Exception {
    List<String> leftovers = new PidFile(data.toAbsolutePath()).stopLeftovers();
    if (!leftovers.isEmpty()) {
      System.out.println("stopped what an earlier run on " + data + " left running: " + String.join(", ", leftovers));
    }
    Stack.Ports ports = Stack.Ports.DEFAULTS;
    List<Integer> taken = Stack.taken(ports, !noSinks, !noGateway);
    if (!taken.isEmpty()) {
      System.err.println("matchstream up: port(s) " + taken + " already taken (another ./matchstream up, or another "
          + "Kafka, registry, MariaDB, Connect, app or gateway?): stop it first");
      return 2;
    }
    Layout layout;
    try {
      layout = Layout.find();
      layout.appJar();
      layout.registryJar();
      if (!noGateway) {
        layout.gatewayJar();
      }
    } catch (IllegalStateException e) {
      System.err.println("matchstream up: " + e.getMessage());
      return 2;
    }
    DemoKeys keys = noGateway ? null : DemoKeys.load(data.toAbsolutePath().resolve("gateway/keys.properties"));
    Stack stack = new Stack(layout, data.toAbsolutePath(), ports, !noSinks, keys);
    AtomicBoolean stopping = new AtomicBoolean();
    Thread shutdown = new Thread(() -> {
      stopping.set(true);
      System.out.println("stopping");
      stack.close();
      System.out.println("stopped");
    }, "matchstream-stop");
    Runtime.getRuntime().addShutdownHook(shutdown);
    try {
      stack.start(line -> System.out.println(line));
    } catch (IllegalStateException e) {
      System.err.println("matchstream up: " + e.getMessage());
      return 1;  // the shutdown hook stops what did start
    }
    System.out.println("broker   " + stack.kafka().bootstrap());
    System.out.println("registry " + stack.registry().url());
    System.out.println("app      " + stack.app().healthUrl());
    System.out.println("metrics  app " + stack.app().metricsUrl() + ", broker " + stack.kafka().metricsUrl()
        + (stack.connect() == null ? "" : ", connect " + stack.connect().metricsUrl())
        + (stack.gateway() == null ? "" : ", gateway " + stack.gateway().adminUrl() + "/actuator/prometheus"));
    if (stack.mariadb() != null) {
      System.out.println("mysql    " + stack.mariadb().jdbcUrl(Stack.DATABASE) + " (user " + MariaDbNode.USER
          + ", password " + MariaDbNode.PASSWORD + "; ./matchstream sql \"SELECT ...\")");
    } else if (stack.connect() != null) {
      System.out.println("mysql    " + stack.connect().jdbcUrl() + " (MATCHSTREAM_JDBC_URL)");
    }
    if (stack.connect() != null) {
      System.out.println("connect  " + stack.connect().url() + "/connectors");
    }
    if (stack.gateway() != null) {
      System.out.println("gateway  " + stack.gateway().url() + "  <- open this page in a browser (REST and "
          + "WebSocket API: docs/api.md)");
      System.out.println("demo     user " + DemoKeys.DEMO_USER + ", API key " + keys.demoKey() + ", secret "
          + keys.demoSecret() + " (funded with 10 BTC and 1,000,000 USDT on BTCUSDT)");
      System.out.println("admin    API key " + keys.adminKey() + ", secret " + keys.adminSecret()
          + " (deposits: POST " + stack.gateway().adminUrl() + "/admin/v1/deposit)");
    }
    System.out.println("kafka    users and passwords in " + stack.kafka().credentials().file() + ", each user's "
        + "client settings in " + stack.kafka().clientConfigFile(KafkaPrincipals.OPERATOR).getParent()
        + " (produce, consume and sink-lag log in as " + KafkaPrincipals.OPERATOR + ")");
    System.out.println("data     " + data.toAbsolutePath());
    System.out.println("ready");
    System.out.flush();
    Deque<Long> restarts = new ArrayDeque<>();
    while (true) {
      ChildProcess dead = stack.dead();
      if (stopping.get()) {
        Thread.sleep(Long.MAX_VALUE);  // the shutdown hook stops the parts; exiting here would cut it short
      }
      // a crashed app or Connect worker restarts and carries on from its committed state; one that
      // keeps crashing (five restarts in a minute) is a fault to report, not to hide
      restarts.removeIf(t -> t < System.nanoTime() - TimeUnit.MINUTES.toNanos(1));
      boolean app = dead != null && dead == stack.app().process();
      boolean connect = dead != null && stack.connect() != null && dead == stack.connect().process();
      boolean gateway = dead != null && stack.gateway() != null && dead == stack.gateway().process();
      if ((app || connect || gateway) && restarts.size() < 5 && !stopping.get()) {
        System.out.println("the " + dead.name() + " exited (" + dead.exitValue() + "): restarting it");
        restarts.add(System.nanoTime());
        try {
          if (app) {
            stack.restartApp();
          } else if (connect) {
            stack.restartConnect();
          } else {
            stack.restartGateway();
          }
          System.out.println("ready");
        } catch (IllegalStateException e) {
          System.err.println("matchstream up: " + e.getMessage());
        }
        continue;
      }
      if (dead != null) {
        System.err.println("matchstream up: " + dead.name() + " exited (" + dead.exitValue() + "); its log "
            + dead.log() + " ends:\n" + dead.tail(20));
        return 1;
      }
      Thread.sleep(1000);
    }
  }
}
