package io.matchstream.loadgen;

import io.matchstream.app.AppConfig;
import io.matchstream.client.CommandProducer;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "gateway-load", mixinStandardHelpOptions = true,
    description = "Load a running gateway: closed-loop REST clients placing crossing orders (RESULT, then ACK), "
        + "then the trade stream fanned out to many WebSocket subscribers; prints orders/s and latency percentiles.")
public final class GatewayLoad implements Callable<Integer> {
  @Option(names = "--gateway", defaultValue = "http://127.0.0.1:8080")
  String gateway;

  @Option(names = "--keys", required = true, paramLabel = "FILE",
      description = "the clients' API keys: key.N, secret.N and user.N for N = 0, 1, ...")
  Path keysFile;

  @Option(names = "--clients", defaultValue = "64", description = "concurrent REST clients (default ${DEFAULT-VALUE})")
  int clients;

  @Option(names = "--duration", defaultValue = "20", description = "seconds per measured phase (default ${DEFAULT-VALUE})")
  double duration;

  @Option(names = "--warmup", defaultValue = "15", description = "seconds of RESULT orders first (default ${DEFAULT-VALUE})")
  double warmup;

  @Option(names = "--subscribers", defaultValue = "1000", description = "WebSocket subscribers (default ${DEFAULT-VALUE})")
  int subscribers;

  @Option(names = "--trade-rate", defaultValue = "20", description = "trades/s during the fan-out (default ${DEFAULT-VALUE})")
  double tradeRate;

  @Option(names = "--config", paramLabel = "FILE", description = "the app's properties file (broker, registry)")
  Path config;

  public static void main(String[] args) {
    System.exit(new CommandLine(new GatewayLoad()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    List<GatewayClients.Key> keys = keys();
    if (keys.size() < clients) {
      System.err.println("gateway-load: " + keysFile + " has " + keys.size() + " keys, fewer than --clients " + clients);
      return 2;
    }
    keys = keys.subList(0, clients);
    String symbol = "GWL-USDT";
    try (CommandProducer producer = new CommandProducer(AppConfig.load(config, System.getenv()),
        CommandProducer.REFERENCE_GRACE)) {
      for (String line : setup(symbol, keys)) {
        producer.send(line);
      }
      producer.awaitProcessed();
    }
    GatewayClients rest = new GatewayClients(gateway, symbol, keys);
    rest.awaitFunded();
    System.out.printf("set up %s and %d funded clients%n", symbol, keys.size());
    System.out.println("warm-up:  " + rest.run("RESULT", warmup).describe());
    GatewayClients.Result result = rest.run("RESULT", duration);
    System.out.println("RESULT:   " + result.describe());
    GatewayClients.Result ack = rest.run("ACK", duration);
    System.out.println("ACK:      " + ack.describe());
    Thread.sleep(15_000); // let the ACK phase's backlog drain before the fan-out
    FanOut.Result fanOut = new FanOut(gateway, symbol, subscribers, rest).run(tradeRate, duration);
    System.out.println("fan-out:  " + fanOut.describe());
    System.out.printf("summary result_rate=%.0f result_p50=%.1f result_p99=%.1f ack_rate=%.0f ack_p50=%.1f "
            + "ack_p99=%.1f ws_p50=%.1f ws_p99=%.1f ws_e2e_p50=%.1f ws_e2e_p99=%.1f ws_delivered=%.4f%n",
        result.rate(), ms(result.latency(), 50), ms(result.latency(), 99), ack.rate(), ms(ack.latency(), 50),
        ms(ack.latency(), 99), ms(fanOut.fromGateway(), 50), ms(fanOut.fromGateway(), 99),
        ms(fanOut.fromOrder(), 50), ms(fanOut.fromOrder(), 99), fanOut.deliveredShare());
    return 0;
  }

  static double ms(Histogram micros, double percentile) {
    return micros.getValueAtPercentile(percentile) / 1000.0;
  }

  private List<GatewayClients.Key> keys() throws Exception {
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(keysFile)) {
      properties.load(in);
    }
    List<GatewayClients.Key> keys = new ArrayList<>();
    for (int i = 0; properties.containsKey("key." + i); i++) {
      keys.add(new GatewayClients.Key(properties.getProperty("key." + i), properties.getProperty("secret." + i),
          properties.getProperty("user." + i)));
    }
    return keys;
  }

  /** The market and the clients' funds, straight to Kafka: the gateway's admin key is not the bench's to hold. */
  private static List<String> setup(String symbol, List<GatewayClients.Key> keys) {
    long now = System.currentTimeMillis();
    String run = Long.toString(now, 36);
    List<String> lines = new ArrayList<>(List.of(
        "{\"type\":\"asset\",\"asset\":\"GWL\",\"scale\":8}",
        "{\"type\":\"asset\",\"asset\":\"USDT\",\"scale\":6}",
        "{\"type\":\"symbol\",\"symbol\":\"" + symbol + "\",\"base\":\"GWL\",\"quote\":\"USDT\",\"tickSize\":\"0.01\","
            + "\"lotSize\":\"0.0001\",\"minNotional\":\"0\",\"makerFeeRate\":\"0.001\",\"takerFeeRate\":\"0.002\"}"));
    for (GatewayClients.Key key : keys) {
      for (String asset : List.of("GWL", "USDT")) {
        lines.add("{\"type\":\"deposit\",\"userId\":\"" + key.user() + "\",\"asset\":\"" + asset
            + "\",\"amount\":\"100000000\",\"txId\":\"gwl-" + run + "-" + asset + "\",\"ts\":" + now + "}");
      }
    }
    return lines;
  }
}
