package io.matchstream.loadgen;

import io.matchstream.app.AppConfig;
import io.matchstream.cli.StackOptions;
import io.matchstream.client.CommandProducer;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Fills the books with resting orders, as fast as the app takes them, for the sizing figures of
 * docs/operations.md (heap, state on disk and changelog per million resting orders, and the
 * restore time of that state): bench/state-size.sh measures around it.
 */
@Command(name = "fill-book", mixinStandardHelpOptions = true,
    description = "Set up --symbols symbols and --users funded users, then place --orders GTC limit orders that all"
        + " rest (none crosses another), and wait until the app has processed them.")
public final class BookFill implements Callable<Integer> {
  /** Commands between waits for the app: each wait must end within CommandProducer's two minutes. */
  private static final int BATCH = 100_000;

  @Option(names = "--orders", defaultValue = "1000000", description = "resting orders to place (default ${DEFAULT-VALUE})")
  long orders;

  @Option(names = "--symbols", defaultValue = "12")
  int symbols;

  @Option(names = "--users", defaultValue = "1000")
  int users;

  @Mixin
  StackOptions stack;

  public static void main(String[] args) {
    System.exit(new CommandLine(new BookFill()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    AppConfig settings = stack.connect("fill-book");
    if (settings == null) {
      return 2;
    }
    OrderFlow flow = new OrderFlow("bf" + Long.toString(System.currentTimeMillis(), 36) + "-", symbols, users, 7);
    try (CommandProducer producer = new CommandProducer(settings, CommandProducer.REFERENCE_GRACE)) {
      for (String line : flow.setup()) {
        producer.send(line);
      }
      producer.awaitProcessed();
      System.out.printf("set up %d symbols and %d funded users%n", symbols, users);
      long start = System.nanoTime();
      for (long i = 1; i <= orders; i++) {
        producer.send(flow.resting(i));
        if (i % BATCH == 0 || i == orders) {
          producer.awaitProcessed();
          double seconds = (System.nanoTime() - start) / 1e9;
          System.out.printf("%,d resting orders placed and processed in %.1f s (%,.0f/s)%n", i, seconds, i / seconds);
        }
      }
      return 0;
    }
  }
}
