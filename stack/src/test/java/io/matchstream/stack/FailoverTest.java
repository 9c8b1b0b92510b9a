package io.matchstream.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.app.AppConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Two app instances share four partitions; one is killed with SIGKILL mid-stream; the other takes
 * its partitions over, and the trades, books, balances and final order states are the replay's.
 */
class FailoverTest {
  @Test
  void survivorTakesOverAndResultsAreTheReplays() throws Exception {
    SharedStack stack = SharedStack.get();
    stack.resetTopics();
    String appId = "failover";
    AppNode first = stack.app(appId, 4);
    AppNode second = stack.app(appId, 4);
    first.start(Duration.ofSeconds(120));
    second.start(Duration.ofSeconds(120));
    List<String> lines = PartitionedStream.of(21, 4, 5000, 10);
    AppConfig config = stack.clientConfig(appId);

    CompletableFuture<Void> producing = Feeds.produceInBackground(config, lines);
    Thread.sleep(4000);
    first.process().kill();
    long killed = System.nanoTime();
    producing.get();
    stack.awaitIdle(appId, Duration.ofSeconds(300));
    System.out.printf("failover: the survivor had caught up %.1f s after the kill%n", (System.nanoTime() - killed) / 1e9);
    List<String> events = Feeds.readAll(config);
    second.stop();

    Outcome broker = Outcome.of(events);
    Outcome replay = Outcome.of(Feeds.replay(lines));
    assertThat(replay.tradeCount()).as("the file trades").isGreaterThan(100);
    assertThat(broker.firstDifference(replay)).isNull();
  }
}
