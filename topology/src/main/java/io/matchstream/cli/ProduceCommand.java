package io.matchstream.cli;

import io.matchstream.app.AppConfig;
import io.matchstream.client.CommandProducer;
import io.matchstream.replay.Lines;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "produce", mixinStandardHelpOptions = true,
    description = "Send a file of SPEC's JSON command lines to the broker as Avro commands, keyed as the topology "
        + "needs (reference data to its own topic).")
final class ProduceCommand implements Callable<Integer> {
  @Option(names = "--in", required = true, description = "commands, one JSON object a line ('-' for standard input)")
  String in;

  @Mixin
  StackOptions stack;

  @Option(names = "--reference-grace-ms", defaultValue = "100",
      description = "after reference data, how long to let the app's global store catch up before the next "
          + "command (default ${DEFAULT-VALUE})")
  long referenceGraceMs;

  @Override
  public Integer call() throws Exception {
    AppConfig settings = stack.connect("produce");
    if (settings == null) {
      return 2;
    }
    long start = System.nanoTime();
    try (InputStream input = "-".equals(in) ? System.in : Files.newInputStream(Path.of(in));
        Lines lines = new Lines(input);
        CommandProducer producer = new CommandProducer(settings, Duration.ofMillis(referenceGraceMs))) {
      for (String line = lines.next(); line != null; line = lines.next()) {
        producer.send(line);
      }
      producer.flush();
      double seconds = (System.nanoTime() - start) / 1e9;
      System.err.printf("sent %d commands in %.2f s%n", producer.sent(), seconds);
    }
    return 0;
  }
}
