package io.matchstream.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.codec.JsonCodec;
import io.matchstream.replay.DriverInputs;
import io.matchstream.schema.OrderEvent;
import io.matchstream.topology.MatchstreamTopology;
import io.matchstream.topology.RecordSerdes;
import io.matchstream.topology.StoreOptions;
import io.matchstream.topology.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the topology writes for the MySQL sinks beyond SPEC's events: the header that marks a
 * DUPLICATE_ORDER_ID rejection and nothing else. (The book_levels table comes from book-deltas
 * through the sink's BookLevelOfDelta transform; the stack's sinks test checks it.)
 */
class SinkFeedsTest {
  @TempDir Path state;

  @Test
  void onlyDuplicateIdRejectionsCarryTheHeader() {
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
      DriverInputs inputs = new DriverInputs(driver, serdes);
      var orders = driver.createOutputTopic(Topics.ORDER_EVENTS, Serdes.String().deserializer(),
          serdes.serde(OrderEvent.class).deserializer());
      int marked = 0;
      for (String line : lines) {
        inputs.pipe(codec.readCommand(line));
        for (TestRecord<String, OrderEvent> order : orders.readRecordsToList()) {
          boolean duplicate = "DUPLICATE_ORDER_ID".equals(order.value().getReason());
          boolean header = order.headers().lastHeader(Topics.DUPLICATE_ORDER_ID_HEADER) != null;
          assertThat(header).as("header on %s", order.value()).isEqualTo(duplicate);
          marked += header ? 1 : 0;
        }
      }
      assertThat(marked).as("the repeated order").isGreaterThanOrEqualTo(1);
    }
  }
}
