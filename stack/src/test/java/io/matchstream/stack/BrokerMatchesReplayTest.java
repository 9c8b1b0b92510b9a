package io.matchstream.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.app.AppConfig;
import io.matchstream.testdata.CommandGenerator;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A generated command file produced through the broker to the streams app (exactly-once, RocksDB,
 * Apicurio serdes) trades exactly as the replay tool does on the same file. One partition per
 * topic keeps the file's order from end to end, and every account is funded far beyond what it
 * trades, so no decision waits on a settlement still in flight (see the README).
 */
class BrokerMatchesReplayTest {
  @Test
  void sameTradesBookAndBalancesAsTheReplay() throws Exception {
    SharedStack stack = SharedStack.get();
    stack.resetTopics();
    String appId = "equivalence";
    AppNode app = stack.app(appId, 1);
    app.start(Duration.ofSeconds(120));
    List<String> lines = CommandGenerator.of(7, 3000, 3, 20, false).lines();
    AppConfig config = stack.clientConfig(appId);

    Feeds.produce(config, lines);
    stack.awaitIdle(appId, Duration.ofSeconds(120));
    List<String> brokerEvents = Feeds.readAll(config);
    List<String> replayEvents = Feeds.replay(lines);
    java.nio.file.Files.write(stack.dir.resolve("equivalence-commands.jsonl"), lines);
    java.nio.file.Files.write(stack.dir.resolve("equivalence-broker.jsonl"), brokerEvents);
    java.nio.file.Files.write(stack.dir.resolve("equivalence-replay.jsonl"), replayEvents);
    Outcome broker = Outcome.of(brokerEvents);
    Outcome replay = Outcome.of(replayEvents);
    app.stop();

    assertThat(replay.tradeCount()).as("the file trades").isGreaterThan(100);
    assertThat(broker.firstDifference(replay)).isNull();
  }
}
