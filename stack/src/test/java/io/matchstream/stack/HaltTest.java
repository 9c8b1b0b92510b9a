package io.matchstream.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.app.AppConfig;
import io.matchstream.app.RegistrySerdes;
import io.matchstream.schema.FeeCredit;
import io.matchstream.schema.Settlement;
import io.matchstream.schema.Settlements;
import io.matchstream.topology.Topics;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A settlement the risk stage cannot apply is never skipped and never dead-lettered: after a few
 * tries its partition stops, health says where and why, the other partition goes on, nothing of
 * that partition after it is applied, and once the cause is fixed a restart resumes right there.
 */
class HaltTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void aPoisonSettlementHaltsItsPartitionUntilARestartGetsItThrough() throws Exception {
    SharedStack stack = SharedStack.get();
    stack.resetTopics();
    String appId = "halt";
    // each failed try replaces the stream thread, which waits out the session timeout: two are enough here
    AppNode app = stack.app(appId, 2).with("MATCHSTREAM_APP_HALT_AFTER_ATTEMPTS", "2");
    app.start(Duration.ofSeconds(120));
    AppConfig config = stack.clientConfig(appId);
    // a command after the asset makes the producer wait until every instance's global store has it
    Feeds.produce(config, List.of("{\"type\":\"asset\",\"asset\":\"USDT\",\"scale\":6}", Feeds.NOTHING));
    // a fees account: the only kind of account a fee credit may go to
    String poisoned = PartitionedStream.userOnPartition("$fees:NEW-USDT", 0, 2);
    String other = PartitionedStream.userOnPartition("user", 1, 2);

    // a fee credit in an asset no instance knows yet: the risk stage cannot know its scale
    Settlements poison = new Settlements(0, 2, List.of(new Settlement(poisoned, "NEW-USDT", 1L,
        List.of(new FeeCredit("NEW", new BigDecimal("1.500000000000000000"))))));
    try (KafkaProducer<String, Settlements> producer = new KafkaProducer<>(
        stack.superUser(Map.of()), new StringSerializer(),
        RegistrySerdes.of(config).serde(Settlements.class).serializer())) {
      // its record time before the deposits': the task takes its two inputs in time order
      producer.send(new ProducerRecord<>(Topics.SETTLEMENTS, null, 1L, poisoned, poison)).get();
    }
    Feeds.produce(config, List.of(
        "{\"type\":\"deposit\",\"userId\":\"" + poisoned + "\",\"asset\":\"USDT\",\"amount\":\"10\",\"txId\":\"t1\",\"ts\":2}",
        "{\"type\":\"deposit\",\"userId\":\"" + other + "\",\"asset\":\"USDT\",\"amount\":\"20\",\"txId\":\"t2\",\"ts\":3}"));

    String health = awaitHealth(app, h -> h.startsWith("503") && h.contains(Topics.SETTLEMENTS + "-0@0"));
    assertThat(health).contains("risk stage").contains("NEW");
    stack.awaitIdle(appId, Duration.ofSeconds(60));
    List<String> halted = Feeds.readAll(config);
    assertThat(halted).as("the other partition goes on")
        .contains(balance(other, "USDT", "20"));
    assertThat(halted).as("nothing after the poison is applied").noneMatch(e -> e.contains("\"" + poisoned + "\""));
    assertThat(Feeds.deadLetters(config)).isEmpty();

    // the cause is fixed (the asset is listed), and the app restarted: it resumes at the poison
    Feeds.produce(config, List.of("{\"type\":\"asset\",\"asset\":\"NEW\",\"scale\":8}", Feeds.NOTHING));
    app.stop();
    app.start(Duration.ofSeconds(120));
    awaitHealth(app, h -> h.startsWith("200"));
    stack.awaitIdle(appId, Duration.ofSeconds(60));
    List<String> resumed = Feeds.readAll(config).stream().filter(e -> e.contains("\"" + poisoned + "\"")).toList();
    app.stop();
    assertThat(resumed).containsExactly(balance(poisoned, "NEW", "1.5"), balance(poisoned, "USDT", "10"));
  }

  private static String balance(String user, String asset, String available) {
    return "{\"type\":\"balance\",\"userId\":\"" + user + "\",\"asset\":\"" + asset + "\",\"available\":\""
        + available + "\",\"locked\":\"0\"}";
  }

  /** Polls GET /health until its "status body" satisfies {@code done}; returns that. */
  private static String awaitHealth(AppNode app, java.util.function.Predicate<String> done) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(app.healthUrl())).build(),
            HttpResponse.BodyHandlers.ofString());
        last = response.statusCode() + " " + response.body();
        if (done.test(last)) {
          return last;
        }
      } catch (java.io.IOException e) {
        last = e.toString();
      }
      Thread.sleep(200);
    }
    throw new AssertionError("health never came to the expected state; last: " + last);
  }
}
