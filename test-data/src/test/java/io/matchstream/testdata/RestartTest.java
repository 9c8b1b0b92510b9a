package io.matchstream.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.replay.Replay;
import io.matchstream.topology.StoreOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A restart mid-stream: a replay stops as a clean restart does, leaving its RocksDB stores, and a
 * new topology starts on them. Its book stage rebuilds the in-memory books from the store, and the
 * rest of the stream must give exactly the events of an uninterrupted run. (A crash is the stack's
 * crash test: since Kafka 4.3 RocksDB keeps committed writes in memtables without a write-ahead
 * log, so under exactly-once a crashed instance restores its stores from their changelogs.)
 */
class RestartTest {
  private static final StoreOptions ROCKSDB_WITHOUT_CHANGELOG = StoreOptions.PRODUCTION.withoutChangelog();

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
    Replay replay = new Replay(ROCKSDB_WITHOUT_CHANGELOG, first);
    String before = Replays.events(replay, lines.subList(0, half));
    replay.closeInto(restarted);
    String after;
    try (Replay again = new Replay(ROCKSDB_WITHOUT_CHANGELOG, restarted)) {
      after = Replays.events(again, lines.subList(half, lines.size()));
    }
    assertThat(after).contains("\"type\":\"trade\"");
    Replays.assertSameEvents(before + after, uninterrupted);
  }
}
