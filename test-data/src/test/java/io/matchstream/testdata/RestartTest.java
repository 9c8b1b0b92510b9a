package io.matchstream.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.replay.Replay;
import io.matchstream.topology.StoreOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A restart mid-stream: the state directory of a running replay (RocksDB stores, committed after
 * every record) is copied as a crash would leave it, and a new topology starts on the copy. Its
 * book stage rebuilds the in-memory books from the store, and the rest of the stream must give
 * exactly the events of an uninterrupted run.
 */
class RestartTest {
  private static final StoreOptions ROCKSDB_WITHOUT_CHANGELOG = new StoreOptions(true, false, false);

  @TempDir Path tmp;

  @ParameterizedTest(name = "advanced orders: {0}")
  @ValueSource(booleans = {false, true})
  void theBookIsRebuiltFromTheStoreAndMatchingCarriesOn(boolean advanced) throws IOException {
    // with advanced orders, icebergs' visible parts and waiting stops must come back from the stores too
    List<String> lines = (advanced ? CommandGenerator.advanced(21, 1500, 2, 6, false)
        : CommandGenerator.of(21, 1500, 2, 6, false)).lines();
    int half = lines.size() / 2;
    String uninterrupted = Replays.topology(lines);

    Path first = tmp.resolve("first");
    Path restarted = tmp.resolve("restarted");
    String before;
    try (Replay replay = new Replay(ROCKSDB_WITHOUT_CHANGELOG, first)) {
      before = Replays.events(replay, lines.subList(0, half));
      copy(first, restarted);
    }
    String after;
    try (Replay replay = new Replay(ROCKSDB_WITHOUT_CHANGELOG, restarted)) {
      after = Replays.events(replay, lines.subList(half, lines.size()));
    }
    assertThat(after).contains("\"type\":\"trade\"");
    Replays.assertSameEvents(before + after, uninterrupted);
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else if (!path.getFileName().toString().equals("LOCK")) {
          Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
