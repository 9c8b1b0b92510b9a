package io.matchstream.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.codec.JsonCodec;
import io.matchstream.schema.BookDelta;
import io.matchstream.schema.BookLevel;
import io.matchstream.schema.Command;
import io.matchstream.schema.OrderEvent;
import io.matchstream.schema.ReferenceCommand;
import io.matchstream.topology.CommandRouting;
import io.matchstream.topology.MatchstreamTopology;
import io.matchstream.topology.RecordSerdes;
import io.matchstream.topology.StoreOptions;
import io.matchstream.topology.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the topology writes for the MySQL sinks beyond SPEC's events: the compacted book-levels
 * topic, whose latest record per key is exactly the book the deltas describe, and the header that
 * marks a DUPLICATE_ORDER_ID rejection and nothing else.
 */
class SinkFeedsTest {
  @TempDir Path state;

  @Test
  void bookLevelsCompactToTheBookAndOnlyDuplicateIdRejectionsCarryTheHeader() {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "sink-feeds-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "test:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
    RecordSerdes serdes = RecordSerdes.BINARY;
    JsonCodec codec = new JsonCodec();
    List<String> lines = new java.util.ArrayList<>(CommandGenerator.of(5, 5000, 3, 20, false).lines());
    String someOrder = lines.stream().filter(l -> l.contains("\"type\":\"place\"")).findFirst().orElseThrow();
    lines.add(someOrder);  // the same order id again, from the same user: DUPLICATE_ORDER_ID
    try (TopologyTestDriver driver = new TopologyTestDriver(MatchstreamTopology.build(serdes, StoreOptions.REPLAY), props)) {
      TestInputTopic<String, ReferenceCommand> reference = driver.createInputTopic(Topics.REFERENCE,
          Serdes.String().serializer(), serdes.serde(ReferenceCommand.class).serializer());
      TestInputTopic<String, Command> commands = driver.createInputTopic(Topics.COMMANDS,
          Serdes.String().serializer(), serdes.serde(Command.class).serializer());
      var levels = driver.createOutputTopic(Topics.BOOK_LEVELS, Serdes.String().deserializer(),
          serdes.serde(BookLevel.class).deserializer());
      var deltas = driver.createOutputTopic(Topics.BOOK_DELTAS, Serdes.String().deserializer(),
          serdes.serde(BookDelta.class).deserializer());
      var orders = driver.createOutputTopic(Topics.ORDER_EVENTS, Serdes.String().deserializer(),
          serdes.serde(OrderEvent.class).deserializer());
      Map<String, BookLevel> compacted = new TreeMap<>();
      Map<String, String> book = new TreeMap<>();
      int tombstones = 0;
      int marked = 0;
      for (String line : lines) {
        SpecificRecord command = codec.readCommand(line);
        if (command instanceof ReferenceCommand definition) {
          reference.pipeInput(CommandRouting.key(definition), definition, CommandRouting.timestamp(definition));
        } else {
          commands.pipeInput(CommandRouting.key(command), (Command) command, CommandRouting.timestamp(command));
        }
        for (TestRecord<String, BookLevel> level : levels.readRecordsToList()) {
          if (level.value() == null) {
            tombstones++;
            compacted.remove(level.key());
          } else {
            compacted.put(level.key(), level.value());
          }
        }
        for (BookDelta delta : deltas.readValuesToList()) {
          String key = delta.getSymbol() + ":" + delta.getSide() + ":" + delta.getPrice().stripTrailingZeros().toPlainString();
          if (delta.getQuantity().signum() == 0) {
            book.remove(key);
          } else {
            book.put(key, delta.getQuantity().toPlainString() + " @" + delta.getSeq());
          }
        }
        for (TestRecord<String, OrderEvent> order : orders.readRecordsToList()) {
          boolean duplicate = "DUPLICATE_ORDER_ID".equals(order.value().getReason());
          boolean header = order.headers().lastHeader(Topics.DUPLICATE_ORDER_ID_HEADER) != null;
          assertThat(header).as("header on %s", order.value()).isEqualTo(duplicate);
          marked += header ? 1 : 0;
        }
      }
      Map<String, String> fromLevels = new TreeMap<>();
      compacted.forEach((key, level) -> fromLevels.put(key, level.getQuantity().toPlainString() + " @" + level.getSeq()));

      assertThat(book).as("the stream leaves a book").hasSizeGreaterThan(10);
      assertThat(tombstones).as("levels emptied").isPositive();
      assertThat(fromLevels).isEqualTo(book);
      assertThat(marked).as("the repeated order").isGreaterThanOrEqualTo(1);
    }
  }
}
