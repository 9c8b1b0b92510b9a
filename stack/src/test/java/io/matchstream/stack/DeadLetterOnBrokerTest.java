package io.matchstream.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.app.AppConfig;
import io.matchstream.client.CommandProducer;
import io.matchstream.codec.JsonCodec;
import io.matchstream.schema.DeadLetter;
import io.matchstream.topology.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Bad input on the real broker: bytes that are not Avro go to the dead-letter topic whole, a
 * well-formed command that makes no sense becomes a rejection, a command keyed by another user is
 * refused and changes neither account, and the app processes what follows.
 */
class DeadLetterOnBrokerTest {
  @Test
  void badRecordsNeitherStopNorVanish() throws Exception {
    SharedStack stack = SharedStack.get();
    stack.resetTopics();
    String appId = "dead-letters";
    AppNode app = stack.app(appId, 2);
    app.start(Duration.ofSeconds(120));
    AppConfig config = stack.clientConfig(appId);

    Feeds.produce(config, List.of(
        "{\"type\":\"asset\",\"asset\":\"USDT\",\"scale\":6}",
        "{\"type\":\"asset\",\"asset\":\"BTC\",\"scale\":8}", Feeds.NOTHING));
    byte[] garbage = "this is not avro".getBytes(StandardCharsets.UTF_8);
    Feeds.sendRaw(stack.kafka.bootstrap(), Topics.COMMANDS, "u1", garbage);
    // framed as the registry's records are, with a schema id it never gave: undecodable too
    Feeds.sendRaw(stack.kafka.bootstrap(), Topics.COMMANDS, "u1", new byte[] {0, 0, 0, 0, 0x7f, 0, 0, 0, 1, 2, 4});
    Feeds.produce(config, List.of(
        "{\"type\":\"deposit\",\"userId\":\"u1\",\"asset\":\"NOPE\",\"amount\":\"-5\",\"txId\":\"t1\",\"ts\":1}",
        "{\"type\":\"deposit\",\"userId\":\"u1\",\"asset\":\"USDT\",\"amount\":\"100\",\"txId\":\"t2\",\"ts\":2}"));
    // u1's withdrawal keyed by u2, as a client with another partitioner would send it
    try (var producer = CommandProducer.kafkaProducer(config, java.util.Map.of())) {
      producer.send(new ProducerRecord<>(Topics.TRANSFERS, "u2", new JsonCodec().readCommand(
          "{\"type\":\"withdraw\",\"userId\":\"u1\",\"asset\":\"USDT\",\"amount\":\"60\",\"txId\":\"t3\",\"ts\":3}")))
          .get();
    }
    Feeds.produce(config, List.of(
        "{\"type\":\"withdraw\",\"userId\":\"u1\",\"asset\":\"USDT\",\"amount\":\"70\",\"txId\":\"t4\",\"ts\":4}"));
    stack.awaitIdle(appId, Duration.ofSeconds(60));

    List<DeadLetter> letters = Feeds.deadLetters(config);
    List<String> events = Feeds.readAll(config);
    app.stop();

    assertThat(letters).hasSize(2).allMatch(letter -> letter.getTopic().equals(Topics.COMMANDS))
        .allMatch(letter -> letter.getReason().startsWith("undecodable"));
    assertThat(StandardCharsets.UTF_8.decode(letters.get(0).getValue()).toString()).isEqualTo("this is not avro");
    assertThat(events).anyMatch(e -> e.contains("\"type\":\"reject\"") && e.contains("\"txId\":\"t1\""));
    assertThat(events).contains("{\"type\":\"balance\",\"userId\":\"u1\",\"asset\":\"USDT\",\"available\":\"100\","
        + "\"locked\":\"0\"}");
    assertThat(events).contains("{\"type\":\"reject\",\"command\":\"withdraw\",\"orderId\":null,\"txId\":\"t3\","
        + "\"symbol\":null,\"asset\":null,\"userId\":\"u1\",\"reason\":\"KEY_MISMATCH\"}");
    // the refused withdrawal took nothing: the next one, keyed right, still finds all 100
    assertThat(events.stream().filter(e -> e.contains("\"type\":\"balance\"")).toList()).containsExactly(
        "{\"type\":\"balance\",\"userId\":\"u1\",\"asset\":\"USDT\",\"available\":\"100\",\"locked\":\"0\"}",
        "{\"type\":\"balance\",\"userId\":\"u1\",\"asset\":\"USDT\",\"available\":\"30\",\"locked\":\"0\"}");
  }
}
