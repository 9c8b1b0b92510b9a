package io.matchstream.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.stage.Halts;
import io.matchstream.stage.StageSettings;
import io.matchstream.stage.StoreNames;
import io.matchstream.topology.StoreOptions;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The two-stage topology (risk and book talking through topics, state in stores) gives exactly
 * the events of the engine called directly, on random streams with bad input mixed in, with the
 * replay's in-memory stores and with the stores production builds (RocksDB with changelogs).
 */
class TopologyMatchesEngineTest {
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void sameEventsAsTheSequentialEngine(long seed) {
    List<String> lines = CommandGenerator.of(seed, 4000, 3, 8, true).lines();
    String topology = Replays.topology(lines);
    assertThat(topology.lines().count()).isGreaterThan(lines.size());
    Replays.assertSameEvents(topology, Replays.engine(lines));
  }

  @ParameterizedTest
  @ValueSource(longs = {6, 7, 8})
  void sameEventsAsTheSequentialEngineWithAdvancedOrders(long seed) {
    List<String> lines = CommandGenerator.advanced(seed, 4000, 3, 8, true).lines();
    String topology = Replays.topology(lines);
    assertThat(topology).contains("\"triggered\":true").contains("WOULD_TRIGGER_IMMEDIATELY");
    Replays.assertSameEvents(topology, Replays.engine(lines));
  }

  /**
   * RocksDB with the record cache, as the app builds its stores by default, and without it. The
   * test driver commits, and so flushes both, after every record: short streams only.
   */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void sameEventsWithTheStoresProductionBuilds(boolean cached) {
    for (List<String> lines : List.of(CommandGenerator.of(9, 600, 2, 6, true).lines(),
        CommandGenerator.advanced(10, 600, 2, 6, true).lines())) {
      Replays.assertSameEvents(
          Replays.topology(lines, cached ? StoreOptions.PRODUCTION.cachedFor(List.of(StoreNames.ACCOUNTS, StoreNames.USER_IDS,
              StoreNames.BOOK, StoreNames.BOOK_META, StoreNames.WAITING_STOPS)) : StoreOptions.PRODUCTION),
          Replays.engine(lines));
    }
  }

  /** The risk stage keeps three accounts and three locks as objects: the rest is read back from its stores. */
  @org.junit.jupiter.api.Test
  void sameEventsWhenTheRiskStageForgetsMostOfWhatItRead() throws Exception {
    List<String> lines = CommandGenerator.advanced(13, 3000, 3, 12, true).lines();
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("small-cache");
    StageSettings tiny = new StageSettings(new Halts(StageSettings.ATTEMPTS), 3, 0, 0);
    try (io.matchstream.replay.Replay replay = new io.matchstream.replay.Replay(StoreOptions.REPLAY, dir, tiny)) {
      Replays.assertSameEvents(Replays.events(replay, lines), Replays.engine(lines));
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12})
  void sameBytesEveryTime(long seed) {
    List<String> lines = CommandGenerator.of(seed, 3000, 2, 5, true).lines();
    assertThat(Replays.topology(lines)).isEqualTo(Replays.topology(lines));
  }

  @org.junit.jupiter.api.Test
  void theStateDigestTellsReplaysApart() {
    List<String> lines = CommandGenerator.of(31, 2000, 2, 5, false).lines();
    assertThat(digest(lines)).isEqualTo(digest(lines)).isNotEqualTo(digest(lines.subList(0, lines.size() / 2)));
  }

  private static String digest(List<String> lines) {
    try (io.matchstream.replay.Replay replay = new io.matchstream.replay.Replay(io.matchstream.topology.StoreOptions.REPLAY)) {
      Replays.events(replay, lines);
      return replay.stateDigest();
    }
  }
}
