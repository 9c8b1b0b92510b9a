package io.matchstream.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every hand-written scenario through the topology and compares the events byte for byte
 * with the expected file beside it. With -Dscenarios.update=true it writes the expected files
 * instead (then read every changed line before committing it).
 */
class ScenarioReplayTest {
  private static final Path DIR = Path.of(System.getProperty("scenarios.dir", "scenarios"));

  @TestFactory
  Stream<DynamicTest> everyScenarioReplaysToItsExpectedEvents() throws IOException {
    List<Path> scenarios;
    try (Stream<Path> files = Files.list(DIR)) {
      scenarios = files.filter(p -> p.getFileName().toString().endsWith(".commands.jsonl")).sorted().toList();
    }
    assertThat(scenarios).hasSizeGreaterThan(20);
    return scenarios.stream().map(commands -> DynamicTest.dynamicTest(commands.getFileName().toString(), () -> {
      List<String> lines = Files.readAllLines(commands, StandardCharsets.UTF_8);
      Path expectedFile = Path.of(commands.toString().replace(".commands.jsonl", ".events.jsonl"));
      String actual = Replays.topology(lines);
      if (Boolean.getBoolean("scenarios.update")) {
        Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
      }
      assertThat(actual).isEqualTo(Files.readString(expectedFile, StandardCharsets.UTF_8));
      assertThat(Replays.engine(lines)).as("the engine alone").isEqualTo(actual);
    }));
  }
}
