package io.matchstream.cli;

import io.matchstream.app.AppConfig;
import io.matchstream.client.EventConsumer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "consume", mixinStandardHelpOptions = true,
    description = "Print the events of one topic as SPEC's JSON lines, committed data only.")
final class ConsumeCommand implements Callable<Integer> {
  @Option(names = "--topic", required = true, description = "trades, order-events, book-deltas, balances or rejects")
  String topic;

  @Option(names = "--from-beginning", description = "start at the oldest event (default: only new ones)")
  boolean fromBeginning;

  @Option(names = "--max", defaultValue = "0", description = "stop after this many events (default: no limit)")
  long max;

  @Option(names = "--timeout", paramLabel = "SECONDS",
      description = "stop once no event has arrived for this long (default: wait forever)")
  Double timeout;

  @Mixin
  StackOptions stack;

  @Override
  public Integer call() throws Exception {
    AppConfig settings = stack.connect("consume");
    if (settings == null) {
      return 2;
    }
    Duration idle = timeout == null ? null : Duration.ofMillis((long) (timeout * 1000));
    Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
    try (EventConsumer consumer = new EventConsumer(settings, topic, fromBeginning)) {
      consumer.read(max, idle, line -> {
        try {
          out.write(line);
          out.write('\n');
          if (idle == null) {
            out.flush();
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IllegalArgumentException e) {
      System.err.println("matchstream consume: " + e.getMessage());
      return 2;
    } finally {
      out.flush();
    }
    return 0;
  }
}
