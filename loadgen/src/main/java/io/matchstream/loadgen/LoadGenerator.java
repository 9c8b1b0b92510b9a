package io.matchstream.loadgen;

import io.matchstream.app.AppConfig;
import io.matchstream.cli.StackOptions;
import io.matchstream.client.CommandProducer;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "loadgen", mixinStandardHelpOptions = true,
    description = "Send a steady order flow to a running stack and measure, per order, the time from its intended "
        + "send time to its first event on order-events.")
public final class LoadGenerator implements Callable<Integer> {
  @Option(names = "--rate", defaultValue = "5000", description = "commands per second (default ${DEFAULT-VALUE})")
  double rate;

  @Option(names = "--duration", defaultValue = "30", description = "seconds per run (default ${DEFAULT-VALUE})")
  double duration;

  @Option(names = "--symbols", defaultValue = "8")
  int symbols;

  @Option(names = "--users", defaultValue = "1000")
  int users;

  @Option(names = "--warmup", defaultValue = "30",
      description = "seconds at the rate before measuring; a fresh app needs about 30 to compile its hot paths"
          + " (default ${DEFAULT-VALUE})")
  double warmup;

  @Option(names = "--find-max", description = "search the highest rate whose p99 stays at or below --p99-ms")
  boolean findMax;

  @Option(names = "--p99-ms", defaultValue = "30")
  double p99Limit;

  @Option(names = "--max-rate", defaultValue = "100000", description = "upper bound of the --find-max search")
  double maxRate;

  @Option(names = "--steps", defaultValue = "7",
      description = "runs of the --find-max search; each halves the interval left (default ${DEFAULT-VALUE})")
  int steps;

  @Option(names = "--count-records", description = "at the end, count every committed record on the broker by topic"
      + " and print records per command")
  boolean countRecords;

  @Option(names = "--trace-hops", description = "trace each order through the stages and print, per run, where "
      + "its time went (send to risk stage, risk to book stage, last stage to the reader)")
  boolean traceHops;

  @Mixin
  StackOptions stack;

  public static void main(String[] args) {
    System.exit(new CommandLine(new LoadGenerator()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    AppConfig settings = stack.connect("loadgen");
    if (settings == null) {
      return 2;
    }
    String prefix = "lg" + Long.toString(System.currentTimeMillis(), 36) + "-";
    OrderFlow flow = new OrderFlow(prefix, symbols, users, 42);
    try (CommandProducer producer = new CommandProducer(settings, CommandProducer.REFERENCE_GRACE);
        LatencyProbe probe = new LatencyProbe(settings, traceHops)) {
      Thread reader = new Thread(probe, "latency-probe");
      reader.setDaemon(true);
      reader.start();
      for (String line : flow.setup()) {
        producer.send(line);
      }
      producer.awaitProcessed();
      System.out.printf("set up %d symbols and %d funded users%n", symbols, users);
      if (warmup > 0) {
        System.out.println("warm-up: " + LoadRun.run(producer, probe, flow, findMax ? 1000 : rate, warmup, 10_000)
            .describe());
        printHops(probe);
      }
      if (!findMax) {
        LoadRun.Result result = LoadRun.run(producer, probe, flow, rate, duration, 10_000);
        System.out.println(result.describe());
        printHops(probe);
        printRecordCount(settings, producer);
        return 0;
      }
      double low = 0;
      double high = maxRate;
      double probeRate = Math.min(maxRate, 10_000);
      LoadRun.Result best = null;
      for (int step = 0; step < steps; step++) {
        producer.awaitProcessed();
        LoadRun.Result result = LoadRun.run(producer, probe, flow, probeRate, duration, 10_000);
        boolean ok = result.p99Millis() <= p99Limit && result.unanswered() == 0
            && result.sentRate() >= 0.97 * probeRate;
        System.out.println((ok ? "ok   " : "over ") + result.describe());
        printHops(probe);
        if (ok) {
          low = probeRate;
          best = result;
        } else {
          high = probeRate;
        }
        probeRate = high == maxRate && ok ? Math.min(maxRate, probeRate * 2) : (low + high) / 2;
      }
      System.out.println(best == null ? "no rate met p99 <= " + p99Limit + " ms"
          : String.format("max sustained rate with p99 <= %.0f ms: %,.0f commands/s (%,.0f orders/s)%n  %s", p99Limit,
              best.sentRate(), best.orders() / best.seconds(), best.describe()));
      printRecordCount(settings, producer);
      return 0;
    }
  }

  private void printRecordCount(AppConfig settings, CommandProducer producer) throws Exception {
    if (countRecords) {
      producer.awaitProcessed();
      System.out.print(RecordCount.describe(RecordCount.committedRecords(settings)));
    }
  }

  private void printHops(LatencyProbe probe) {
    if (traceHops) {
      System.out.println("  " + probe.hops());
    }
  }
}
