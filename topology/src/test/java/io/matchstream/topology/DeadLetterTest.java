package io.matchstream.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.matchstream.codec.JsonCodec;
import io.matchstream.replay.DriverInputs;
import io.matchstream.schema.BalanceEvent;
import io.matchstream.schema.Command;
import io.matchstream.schema.DeadLetter;
import io.matchstream.schema.ReferenceCommand;
import io.matchstream.schema.RejectEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs from outside that no stage can decode land in the dead-letter topic, whole, and every
 * stage goes on; a record one stage wrote for another that does not decode is an internal error,
 * never a dead letter; a command keyed by another user is refused and changes nothing.
 */
class DeadLetterTest {
  @TempDir Path state;

  @Test
  void undecodableRecordsGoToTheDeadLettersAndProcessingGoesOn() {
    RecordSerdes serdes = RecordSerdes.BINARY;
    JsonCodec codec = new JsonCodec();
    try (TopologyTestDriver driver = driver()) {
      byte[] garbage = "definitely not avro".getBytes(StandardCharsets.UTF_8);
      for (String topic : List.of(Topics.COMMANDS, Topics.REFERENCE)) {
        driver.createInputTopic(topic, Serdes.String().serializer(), Serdes.ByteArray().serializer())
            .pipeInput("k", garbage);
      }
      var deadLetters = driver.createOutputTopic(Topics.DEAD_LETTERS, Serdes.String().deserializer(),
          serdes.serde(DeadLetter.class).deserializer()).readValuesToList();
      assertThat(deadLetters).extracting(DeadLetter::getTopic)
          .containsExactly(Topics.COMMANDS, Topics.REFERENCE);
      assertThat(deadLetters).allSatisfy(letter -> {
        assertThat(letter.getReason()).startsWith("undecodable");
        assertThat(StandardCharsets.UTF_8.decode(letter.getValue()).toString()).isEqualTo("definitely not avro");
      });

      usdtAndFiveForU1(driver, codec).pipe(codec.readCommand("{\"type\":\"cancel\",\"userId\":\"u1\",\"orderId\":\"x\"}"));
      assertThat(driver.createOutputTopic(Topics.BALANCES, Serdes.String().deserializer(),
          serdes.serde(BalanceEvent.class).deserializer()).readValue().getAvailable()).isEqualByComparingTo("5");
      assertThat(driver.createOutputTopic(Topics.REJECTS, Serdes.String().deserializer(),
          serdes.serde(RejectEvent.class).deserializer()).readValue().getReason()).isEqualTo("UNKNOWN_ORDER");
    }
  }

  @Test
  void anUndecodableRecordBetweenStagesIsAnErrorNotADeadLetter() {
    for (String topic : List.of(Topics.ACCEPTED, Topics.SETTLEMENTS)) {
      try (TopologyTestDriver driver = driver()) {
        var input = driver.createInputTopic(topic, Serdes.String().serializer(), Serdes.ByteArray().serializer());
        assertThatThrownBy(() -> input.pipeInput("k", "not avro".getBytes(StandardCharsets.UTF_8)))
            .as(topic).isInstanceOf(StreamsException.class);
        assertThat(driver.createOutputTopic(Topics.DEAD_LETTERS, Serdes.String().deserializer(),
            RecordSerdes.BINARY.serde(DeadLetter.class).deserializer()).isEmpty()).as(topic).isTrue();
      }
    }
  }

  @Test
  void aRegistryThatDoesNotAnswerIsAnErrorNotADeadLetter() {
    // Apicurio's serdes against a port nothing listens on: the record below may be perfectly good
    RecordSerdes unreachable = new io.matchstream.app.RegistrySerdes(
        java.util.Map.of("apicurio.registry.url", "http://127.0.0.1:1/apis/registry/v2"));
    try (TopologyTestDriver driver = new TopologyTestDriver(
        MatchstreamTopology.build(unreachable, StoreOptions.REPLAY), props())) {
      byte[] framed = {0, 0, 0, 0, 0, 0, 0, 0, 42, 2, 4, 6};
      var commands = driver.createInputTopic(Topics.COMMANDS, Serdes.String().serializer(),
          Serdes.ByteArray().serializer());
      assertThatThrownBy(() -> commands.pipeInput("u1", framed)).hasRootCauseInstanceOf(
          io.apicurio.registry.rest.client.exception.RestClientException.class)
          .satisfies(e -> assertThat(causes(e)).anyMatch(RegistryUnavailableException.class::isInstance));
      assertThat(driver.createOutputTopic(Topics.DEAD_LETTERS, Serdes.String().deserializer(),
          Serdes.ByteArray().deserializer()).isEmpty()).isTrue();
    }
  }

  private static List<Throwable> causes(Throwable e) {
    List<Throwable> all = new java.util.ArrayList<>();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.add(t);
    }
    return all;
  }

  @Test
  void aCommandKeyedByAnotherUserIsRefusedAndChangesNothing() {
    JsonCodec codec = new JsonCodec();
    try (TopologyTestDriver driver = driver()) {
      RecordSerdes serdes = RecordSerdes.BINARY;
      DriverInputs inputs = usdtAndFiveForU1(driver, codec);
      // u1's withdrawal and deposit, keyed by u2: they reach u2's task, which must not touch u1's account
      inputs.pipe(Topics.TRANSFERS, "u2", codec.readCommand(
          "{\"type\":\"withdraw\",\"userId\":\"u1\",\"asset\":\"USDT\",\"amount\":\"5\",\"txId\":\"t2\",\"ts\":2}"), 2);
      inputs.pipe(Topics.TRANSFERS, "u2", codec.readCommand(
          "{\"type\":\"deposit\",\"userId\":\"u1\",\"asset\":\"USDT\",\"amount\":\"5\",\"txId\":\"t3\",\"ts\":3}"), 3);
      // the same txId again, keyed right: t2 was not used up by the refused command
      inputs.pipe(codec.readCommand(
          "{\"type\":\"withdraw\",\"userId\":\"u1\",\"asset\":\"USDT\",\"amount\":\"2\",\"txId\":\"t2\",\"ts\":4}"));
      var balances = driver.createOutputTopic(Topics.BALANCES, Serdes.String().deserializer(),
          serdes.serde(BalanceEvent.class).deserializer()).readValuesToList();
      assertThat(balances).extracting(b -> b.getUserId() + " " + b.getAvailable().stripTrailingZeros().toPlainString())
          .containsExactly("u1 5", "u1 3");
      var rejects = driver.createOutputTopic(Topics.REJECTS, Serdes.String().deserializer(),
          serdes.serde(RejectEvent.class).deserializer()).readKeyValuesToList();
      assertThat(rejects).extracting(r -> r.key + " " + r.value.getCommand() + " " + r.value.getTxId() + " "
          + r.value.getReason()).containsExactly("u1 withdraw t2 KEY_MISMATCH", "u1 deposit t3 KEY_MISMATCH");
    }
  }

  /** Lists USDT and deposits 5 of it for u1; returns the inputs for what follows. */
  private static DriverInputs usdtAndFiveForU1(TopologyTestDriver driver, JsonCodec codec) {
    DriverInputs inputs = new DriverInputs(driver, RecordSerdes.BINARY);
    inputs.pipe(codec.readCommand("{\"type\":\"asset\",\"asset\":\"USDT\",\"scale\":6}"));
    inputs.pipe(codec.readCommand(
        "{\"type\":\"deposit\",\"userId\":\"u1\",\"asset\":\"USDT\",\"amount\":\"5\",\"txId\":\"t1\",\"ts\":1}"));
    return inputs;
  }

  private TopologyTestDriver driver() {
    return new TopologyTestDriver(MatchstreamTopology.build(RecordSerdes.BINARY, StoreOptions.REPLAY), props());
  }

  private Properties props() {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "dead-letter-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "test:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
    return props;
  }
}
