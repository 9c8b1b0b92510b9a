package io.matchstream.cli;

import io.matchstream.replay.CommandReplay;
import io.matchstream.replay.Lines;
import io.matchstream.replay.Replay;
import io.matchstream.replay.SequentialReplay;
import io.matchstream.topology.StoreOptions;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Run the topology (through the test driver: no broker, no registry) over a command file "
        + "and write every event as a JSON line.")
final class ReplayCommand implements Callable<Integer> {
  @Option(names = "--in", required = true, description = "commands, one JSON object a line")
  Path in;

  @Option(names = "--out", required = true, description = "where the events go ('-' for standard output)")
  String out;

  @Option(names = "--rocksdb", description = "keep the stores in RocksDB, as in production (much slower here: "
      + "the test driver commits after every record)")
  boolean rocksdb;

  @Option(names = "--engine", description = "run the engine alone, both stages called in order without Kafka "
      + "Streams: the same events, byte for byte, many times faster")
  boolean engine;

  @Option(names = "--digest", description = "print a SHA-256 digest of the final state (books, balances, locks, ids)")
  boolean digest;

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    if (engine && (rocksdb || digest)) {
      System.err.println("--engine has no stores: --rocksdb and --digest do not apply to it");
      return 2;
    }
    StoreOptions stores = rocksdb ? StoreOptions.PRODUCTION.withoutChangelog() : StoreOptions.REPLAY;
    try (Replay replay = engine ? null : new Replay(stores);
        Lines reader = new Lines(Files.newInputStream(in));
        Writer writer = "-".equals(out)
            ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16)
            : Files.newBufferedWriter(Path.of(out), StandardCharsets.UTF_8)) {
      CommandReplay replayer = engine ? new SequentialReplay() : replay;
      long lines = replayer.run(reader, writer);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.err.printf("replayed %d commands in %.2f s (%.0f commands/s)%n", lines, seconds, lines / seconds);
      if (replay != null && replay.deadLetterCount() > 0) {
        System.err.printf("warning: %d records went to the dead letters%n", replay.deadLetterCount());
      }
      if (digest) {
        System.err.println("state digest sha256:" + replay.stateDigest());
      }
      return 0;
    }
  }
}
