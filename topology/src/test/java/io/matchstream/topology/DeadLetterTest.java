package io.matchstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.codec.JsonCodec;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records no stage can decode land in the dead-letter topic, whole, and every stage goes on. */
class DeadLetterTest {
  @TempDir Path state;

  @Test
  void undecodableRecordsGoToTheDeadLettersAndProcessingGoesOn() {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "dead-letter-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "test:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
    RecordSerdes serdes = RecordSerdes.BINARY;
    JsonCodec codec = new JsonCodec();
    try (TopologyTestDriver driver = new TopologyTestDriver(MatchstreamTopology.build(serdes, StoreOptions.REPLAY), props)) {
      byte[] garbage = "definitely not avro".getBytes(StandardCharsets.UTF_8);
      for (String topic : List.of(Topics.COMMANDS, Topics.REFERENCE, Topics.ACCEPTED, Topics.SETTLEMENTS)) {
        driver.createInputTopic(topic, Serdes.String().serializer(), Serdes.ByteArray().serializer())
            .pipeInput("k", garbage);
      }
      var deadLetters = driver.createOutputTopic(Topics.DEAD_LETTERS, Serdes.String().deserializer(),
          serdes.serde(DeadLetter.class).deserializer()).readValuesToList();
      assertThat(deadLetters).extracting(DeadLetter::getTopic)
          .containsExactly(Topics.COMMANDS, Topics.REFERENCE, Topics.ACCEPTED, Topics.SETTLEMENTS);
      assertThat(deadLetters).allSatisfy(letter -> {
        assertThat(letter.getReason()).startsWith("undecodable");
        assertThat(StandardCharsets.UTF_8.decode(letter.getValue()).toString()).isEqualTo("definitely not avro");
      });

      TestInputTopic<String, ReferenceCommand> reference = driver.createInputTopic(Topics.REFERENCE,
          Serdes.String().serializer(), serdes.serde(ReferenceCommand.class).serializer());
      TestInputTopic<String, Command> commands = driver.createInputTopic(Topics.COMMANDS,
          Serdes.String().serializer(), serdes.serde(Command.class).serializer());
      reference.pipeInput("USDT", (ReferenceCommand) codec.readCommand("{\"type\":\"asset\",\"asset\":\"USDT\",\"scale\":6}"));
      commands.pipeInput("u1", (Command) codec.readCommand(
          "{\"type\":\"deposit\",\"userId\":\"u1\",\"asset\":\"USDT\",\"amount\":\"5\",\"txId\":\"t1\",\"ts\":1}"));
      commands.pipeInput("u1", (Command) codec.readCommand("{\"type\":\"cancel\",\"userId\":\"u1\",\"orderId\":\"x\"}"));
      assertThat(driver.createOutputTopic(Topics.BALANCES, Serdes.String().deserializer(),
          serdes.serde(BalanceEvent.class).deserializer()).readValue().getAvailable()).isEqualByComparingTo("5");
      assertThat(driver.createOutputTopic(Topics.REJECTS, Serdes.String().deserializer(),
          serdes.serde(RejectEvent.class).deserializer()).readValue().getReason()).isEqualTo("UNKNOWN_ORDER");
    }
  }
}
