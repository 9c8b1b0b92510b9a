package io.matchstream.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.app.AppConfig;
import io.matchstream.client.AppProgress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

/**
 * Restart equals replay: a stream that defines its own markets is produced in two halves around a
 * clean stop and start of the stack {@code ./matchstream up} runs (demo market and funds included),
 * or around a SIGKILL of its app, and what the exchange did equals the replay of the stream. A
 * start never changes reference data a user sent.
 */
class UpRestartMatchesReplayTest {
  @Test
  void aCleanStopAndStartOfUpChangesNothing() throws Exception {
    run(false);
  }

  @Test
  void aKilledAppChangesNothing() throws Exception {
    run(true);
  }

  private static void run(boolean kill) throws Exception {
    Layout layout = Layout.find();
    Path data = Files.createDirectories(layout.home().resolve("stack/target/it"))
        .resolve("up-restart-" + (kill ? "kill-" : "stop-") + ProcessHandle.current().pid());
    Stack.Ports ports = Stack.Ports.free();
    DemoKeys keys = DemoKeys.load(Files.createDirectories(data.resolve("gateway")).resolve("keys.properties"));
    List<List<String>> halves = ReferenceLimitsStream.halves(kill ? 2 : 1);
    List<String> events;
    Stack stack = new Stack(layout, data, ports, false, keys, false);
    try {
      stack.start(System.out::println);
      AppConfig config = config(stack);
      Feeds.produce(config, halves.get(0));
      awaitIdle(stack);
      if (kill) {
        stack.app().process().kill();
        stack.restartApp();
      } else {
        stack.close();
        stack = new Stack(layout, data, ports, false, keys, false);
        stack.start(System.out::println);
      }
      Feeds.produce(config, halves.get(1));
      awaitIdle(stack);
      events = Feeds.readAll(config);
    } finally {
      stack.close();
    }
    List<String> lines = new ArrayList<>(halves.get(0));
    lines.addAll(halves.get(1));
    List<String> replay = Feeds.replay(lines);
    // the demo user's funds are the stack's own; nothing else of the demo may show
    List<String> ours = events.stream().filter(e -> !e.contains("\"userId\":\"" + DemoKeys.DEMO_USER + "\"")).toList();

    assertThat(replay).as("the stream refuses near its limits")
        .anyMatch(e -> e.contains("MIN_NOTIONAL")).anyMatch(e -> e.contains("INVALID_SYMBOL"))
        .anyMatch(e -> e.contains("INVALID_ASSET"));
    assertThat(Outcome.of(ours).firstDifference(Outcome.of(replay))).isNull();
    assertThat(answers(ours)).isEqualTo(answers(replay));
  }

  /** Each order's statuses with their reasons, and the rejects, in order: what the exchange answered. */
  private static List<String> answers(List<String> events) {
    return events.stream().filter(e -> e.contains("\"type\":\"reject\"") || e.contains("\"type\":\"order\""))
        .map(e -> {
          var node = Outcome.parse(e);
          return node.path("type").asText() + " " + node.path("userId").asText() + " " + node.path("orderId").asText()
              + " " + node.path("status").asText() + " " + node.path("reason").asText() + " "
              + node.path("symbol").asText() + node.path("asset").asText();
        }).sorted().toList();
  }

  /** What ./matchstream produce and consume load: the operator's login, as up leaves it. */
  private static AppConfig config(Stack stack) {
    Map<String, String> env = new java.util.HashMap<>(stack.kafka().clientEnv(KafkaPrincipals.OPERATOR));
    env.put("MATCHSTREAM_APICURIO_REGISTRY_URL", stack.registry().url());
    return AppConfig.load(null, env);
  }

  private static void awaitIdle(Stack stack) throws Exception {
    try (Admin admin = stack.kafka().superUserAdmin()) {
      new AppProgress(admin, "matchstream").awaitIdle(Duration.ofSeconds(120));
    }
  }
}
