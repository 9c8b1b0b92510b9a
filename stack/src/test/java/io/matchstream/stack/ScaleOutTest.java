package io.matchstream.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.matchstream.app.AppConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Kafka's own scale-out: three app instances share 12 partitions per stage, each task with a
 * standby on another instance. One is killed with SIGKILL mid-stream; the other two take its
 * tasks over from their standbys, and the trades, books and balances are exactly the replay's.
 * The takeover is timed from the kill to the moment the survivors run every task the dead one had.
 */
class ScaleOutTest {
  private static final int PARTITIONS = 12;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void survivorsTakeOverFromStandbysAndResultsAreTheReplays() throws Exception {
    SharedStack stack = SharedStack.get();
    stack.resetTopics();
    String appId = "scale-out";
    List<AppNode> apps = List.of(instance(stack, appId), instance(stack, appId), instance(stack, appId));
    for (AppNode app : apps) {
      app.start(Duration.ofSeconds(180));
    }
    awaitWarmStandbys(apps, Duration.ofSeconds(120));
    List<String> lines = PartitionedStream.of(31, PARTITIONS, 1500, 8);
    AppConfig config = stack.clientConfig(appId);

    CompletableFuture<Void> producing = Feeds.produceInBackground(config, lines, false);
    Thread.sleep(3000);
    AppNode victim = apps.get(0);
    List<AppNode> survivors = apps.subList(1, 3);
    List<Tasks> before = apps.stream().map(ScaleOutTest::tasks).toList();
    Set<String> orphaned = before.get(0).active();
    long restoredBefore = survivors.stream().mapToLong(a -> tasks(a).restoredRecords()).sum();
    victim.process().kill();
    long killed = System.nanoTime();
    double noticed = Double.NaN;
    double tookOver;
    while (true) {
      List<Tasks> now = survivors.stream().map(ScaleOutTest::tasks).toList();
      double seconds = (System.nanoTime() - killed) / 1e9;
      if (Double.isNaN(noticed) && now.stream().anyMatch(t -> !t.state().equals("RUNNING"))) {
        noticed = seconds;
      }
      Set<String> running = new TreeSet<>();
      now.stream().filter(t -> t.state().equals("RUNNING")).forEach(t -> running.addAll(t.active()));
      if (running.containsAll(orphaned)) {
        tookOver = seconds;
        break;
      }
      assertThat(seconds).as("the survivors took over within 120 s").isLessThan(120);
      Thread.sleep(50);
    }
    long restored = survivors.stream().mapToLong(a -> tasks(a).restoredRecords()).sum() - restoredBefore;
    producing.get();
    stack.awaitIdle(appId, Duration.ofSeconds(300));
    System.out.printf("scale-out: active tasks per instance before the kill %s, standbys %s%n",
        before.stream().map(t -> t.active().size()).toList(), before.stream().map(t -> t.standby().size()).toList());
    System.out.printf("scale-out: 3 instances, %d partitions per stage; SIGKILL took %d active tasks; the group"
        + " rebalanced %.1f s after the kill, the survivors ran them all %.1f s after it, restoring %d changelog"
        + " records; caught up %.1f s after the kill%n", PARTITIONS, orphaned.size(), noticed, tookOver, restored,
        (System.nanoTime() - killed) / 1e9);
    List<String> events = Feeds.readAll(config);
    survivors.forEach(AppNode::stop);

    assertThat(orphaned).as("the killed instance had tasks").isNotEmpty();
    Outcome broker = Outcome.of(events);
    Outcome replay = Outcome.of(Feeds.replay(lines));
    assertThat(replay.tradeCount()).as("the file trades").isGreaterThan(1000);
    assertThat(broker.trades().keySet()).as("every group's symbol traded").hasSize(PARTITIONS);
    assertThat(broker.firstDifference(replay)).isNull();
  }

  private static AppNode instance(SharedStack stack, String appId) {
    return stack.app(appId, PARTITIONS).with("MATCHSTREAM_NUM_STANDBY_REPLICAS", "1");
  }

  /** Waits until every active task of the three has a standby on another instance. */
  private static void awaitWarmStandbys(List<AppNode> apps, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<Tasks> all = apps.stream().map(ScaleOutTest::tasks).toList();
      Set<String> active = new TreeSet<>();
      Set<String> standby = new TreeSet<>();
      all.forEach(t -> {
        active.addAll(t.active());
        standby.addAll(t.standby());
      });
      if (all.stream().allMatch(t -> t.state().equals("RUNNING")) && !active.isEmpty() && standby.equals(active)) {
        return;
      }
      assertThat(System.nanoTime()).as("standbys for every task: %s", all).isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  /** One instance's {@code GET /tasks}. */
  record Tasks(String state, Set<String> active, Set<String> standby, long restoredRecords) {}

  private static Tasks tasks(AppNode app) {
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(app.tasksUrl()))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      JsonNode report = JSON.readTree(response.body());
      return new Tasks(report.path("state").asText(), names(report.path("active")), names(report.path("standby")),
          report.path("restoredRecords").asLong());
    } catch (Exception e) {
      throw new IllegalStateException("cannot read " + app.tasksUrl(), e);
    }
  }

  private static Set<String> names(JsonNode array) {
    Set<String> names = new TreeSet<>();
    array.forEach(n -> names.add(n.asText()));
    return names;
  }
}
