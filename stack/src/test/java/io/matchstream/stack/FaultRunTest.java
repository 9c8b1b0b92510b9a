package io.matchstream.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.app.AppConfig;
import io.matchstream.schema.DeadLetter;
import io.matchstream.testdata.CommandGenerator;
import io.matchstream.topology.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * No failure commits half a command: while 50,000 funded commands flow, the stages throw at random
 * store writes, forwards and settlements (the test-only fault injector) and the app is killed with
 * SIGKILL three times. At the end the committed events pass every invariant, the dead letters hold
 * only the inputs sent undecodable on purpose, and the outcome equals the replay tool's on the
 * same file (one partition keeps the file's order, as in {@link BrokerMatchesReplayTest}).
 */
class FaultRunTest {
  private static final int GARBAGE = 5;

  @Test
  void injectedFaultsAndKillsLoseAndRepeatNothing() throws Exception {
    SharedStack stack = SharedStack.get();
    stack.resetTopics();
    String appId = "faults";
    // about a fault per 6,000 commands at ~15 store writes and forwards each; each costs a thread
    // replacement, and the replaced thread's group membership waits out the session timeout
    AppNode app = stack.app(appId, 1).with("MATCHSTREAM_APP_TEST_FAULT_PROBABILITY", "0.00001");
    app.start(Duration.ofSeconds(120));
    List<String> generated = CommandGenerator.of(17, 50_000, 3, 40, false).lines();
    // the set-up (reference data, then every user's funds) whole; after it no halts or deposits (the
    // producer would wait on each: they travel on topics of their own), and no withdrawals: with
    // settlements in flight a withdrawal's answer depends on timing, so the stream would not be a
    // funded one
    int setUp = 0;
    while (!generated.get(setUp).startsWith("{\"type\":\"place\"")) {
      setUp++;
    }
    List<String> lines = new ArrayList<>(generated.subList(0, setUp));
    generated.subList(setUp, generated.size()).stream()
        .filter(l -> !l.startsWith("{\"type\":\"symbol\"") && !l.startsWith("{\"type\":\"withdraw\"")
            && !l.startsWith("{\"type\":\"deposit\""))
        .forEach(lines::add);
    AppConfig config = stack.clientConfig(appId);
    for (int i = 0; i < GARBAGE; i++) {
      Feeds.sendRaw(stack.kafka.bootstrap(), Topics.COMMANDS, "garbage-" + i,
          ("garbage " + i).getBytes(StandardCharsets.UTF_8));
    }

    CompletableFuture<Void> producing = Feeds.produceInBackground(config, lines, false);
    CrashRecoveryTest.killAndRestart(app, 3, new SplittableRandom(17), 2000);
    producing.get();
    stack.awaitIdle(appId, Duration.ofSeconds(600));
    List<String> events = Feeds.readAll(config);
    List<DeadLetter> letters = Feeds.deadLetters(config);
    app.stop();
    List<String> failures = Files.readAllLines(app.process().log()).stream()
        .filter(l -> l.contains(" failed on ") && l.contains("attempt")).toList();
    System.out.printf("fault run: %d commands, %d events, %d injected faults (book stage %d, risk stage %d)%n",
        lines.size(), events.size(), failures.size(), failures.stream().filter(l -> l.contains("book stage")).count(),
        failures.stream().filter(l -> l.contains("risk stage")).count());

    assertThat(failures).as("faults were injected").isNotEmpty();
    assertThat(letters).extracting(l -> StandardCharsets.UTF_8.decode(l.getValue()).toString())
        .as("only the undecodable inputs are dead letters")
        .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, GARBAGE).mapToObj(i -> "garbage " + i).toList());
    Invariants.check(lines, events);
    Outcome broker = Outcome.of(events);
    Outcome replay = Outcome.of(Feeds.replay(lines));
    assertThat(replay.tradeCount()).as("the file trades").isGreaterThan(1000);
    assertThat(broker.firstDifference(replay)).isNull();
  }
}
