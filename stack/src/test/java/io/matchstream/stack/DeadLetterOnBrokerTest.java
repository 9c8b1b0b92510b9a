package io.matchstream.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.app.AppConfig;
import io.matchstream.schema.DeadLetter;
import io.matchstream.topology.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bad input on the real broker: bytes that are not Avro go to the dead-letter topic whole, a
 * well-formed command that makes no sense becomes a rejection, and the app processes what follows.
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
        "{\"type\":\"asset\",\"asset\":\"BTC\",\"scale\":8}"));
    byte[] garbage = "this is not avro".getBytes(StandardCharsets.UTF_8);
    Feeds.sendRaw(stack.kafka.bootstrap(), Topics.COMMANDS, "u1", garbage);
    Feeds.produce(config, List.of(
        "{\"type\":\"deposit\",\"userId\":\"u1\",\"asset\":\"NOPE\",\"amount\":\"-5\",\"txId\":\"t1\",\"ts\":1}",
        "{\"type\":\"deposit\",\"userId\":\"u1\",\"asset\":\"USDT\",\"amount\":\"100\",\"txId\":\"t2\",\"ts\":2}"));
    stack.awaitIdle(appId, Duration.ofSeconds(60));

    List<DeadLetter> letters = Feeds.deadLetters(config);
    List<String> events = Feeds.readAll(config);
    app.stop();

    assertThat(letters).hasSize(1);
    assertThat(letters.get(0).getTopic()).isEqualTo(Topics.COMMANDS);
    assertThat(StandardCharsets.UTF_8.decode(letters.get(0).getValue()).toString()).isEqualTo("this is not avro");
    assertThat(letters.get(0).getReason()).startsWith("undecodable");
    assertThat(events).anyMatch(e -> e.contains("\"type\":\"reject\"") && e.contains("\"txId\":\"t1\""));
    assertThat(events).contains("{\"type\":\"balance\",\"userId\":\"u1\",\"asset\":\"USDT\",\"available\":\"100\","
        + "\"locked\":\"0\"}");
  }
}
