package io.matchstream.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.cli.Main;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code replay --engine} (the engine alone) writes the same file, byte for byte, as the default
 * replay (the topology through the test driver): on every scenario and on a generated stream of
 * 100,000 commands with advanced orders and bad input mixed in.
 */
class EngineReplayCommandTest {
  @TempDir Path tmp;

  @Test
  void everyScenarioGivesTheSameFile() throws IOException {
    List<Path> scenarios;
    try (Stream<Path> files = Files.list(Path.of(System.getProperty("scenarios.dir", "scenarios")))) {
      scenarios = files.filter(p -> p.getFileName().toString().endsWith(".commands.jsonl")).sorted().toList();
    }
    assertThat(scenarios).hasSizeGreaterThan(20);
    for (Path scenario : scenarios) {
      assertSameFiles(scenario);
    }
  }

  @Test
  void aHundredThousandGeneratedCommandsGiveTheSameFile() throws IOException {
    Path commands = tmp.resolve("generated.commands.jsonl");
    try (Writer writer = Files.newBufferedWriter(commands)) {
      CommandGenerator.advanced(42, 100_000, 4, 50, true).write(writer);
    }
    assertThat(Files.readString(assertSameFiles(commands))).contains("\"type\":\"trade\"")
        .contains("\"triggered\":true").contains("\"type\":\"reject\"");
  }

  private Path assertSameFiles(Path commands) throws IOException {
    Path topology = tmp.resolve("topology.events.jsonl");
    Path engine = tmp.resolve("engine.events.jsonl");
    assertThat(replay("replay", "--in", commands.toString(), "--out", topology.toString())).isZero();
    assertThat(replay("replay", "--engine", "--in", commands.toString(), "--out", engine.toString())).isZero();
    assertThat(Files.mismatch(engine, topology)).as("first differing byte in %s", commands.getFileName())
        .isEqualTo(-1L);
    assertThat(Files.size(engine)).isPositive();
    return engine;
  }

  private static int replay(String... args) {
    return new CommandLine(new Main()).execute(args);
  }
}
