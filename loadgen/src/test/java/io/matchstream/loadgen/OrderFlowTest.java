package io.matchstream.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.codec.JsonCodec;
import io.matchstream.replay.SequentialReplay;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * The flow the load generator sends is one the exchange takes: nothing in it is refused as invalid;
 * and the orders fill-book places all rest.
 */
class OrderFlowTest {
  @Test
  void everyOrderOfTheFlowIsAcceptedAndItTrades() throws IOException {
    OrderFlow flow = new OrderFlow("t-", 3, 50, 7);
    JsonCodec codec = new JsonCodec();
    List<String> lines = new ArrayList<>(flow.setup());
    int places = 0;
    for (int i = 0; i < 20_000; i++) {
      lines.add(codec.write((SpecificRecord) flow.next(1_000 + i).getBody()));
      places += flow.lastOrderId() != null ? 1 : 0;
    }
    StringWriter events = new StringWriter();
    SequentialReplay replay = new SequentialReplay();
    for (String line : lines) {
      replay.apply(line, events);
    }
    List<String> all = events.toString().lines().toList();

    assertThat(all).noneMatch(e -> e.contains("\"status\":\"REJECTED\""));
    // a cancel may come after its order filled: the only refusal the flow can meet
    assertThat(all).filteredOn(e -> e.startsWith("{\"type\":\"reject\"")).allMatch(e -> e.contains("UNKNOWN_ORDER"));
    assertThat(all).filteredOn(e -> e.startsWith("{\"type\":\"trade\"")).hasSizeGreaterThan(places / 20);
    assertThat(places).isBetween(14_000, 16_000);
  }

  @Test
  void restingOrdersAllRestAndNeverTrade() throws IOException {
    OrderFlow flow = new OrderFlow("r-", 3, 50, 7);
    JsonCodec codec = new JsonCodec();
    StringWriter events = new StringWriter();
    SequentialReplay replay = new SequentialReplay();
    for (String line : flow.setup()) {
      replay.apply(line, events);
    }
    for (int i = 0; i < 5_000; i++) {
      replay.apply(codec.write((SpecificRecord) flow.resting(1_000 + i).getBody()), events);
    }
    List<String> all = events.toString().lines().toList();

    assertThat(all).filteredOn(e -> e.startsWith("{\"type\":\"order\"")).hasSize(5_000)
        .allMatch(e -> e.contains("\"status\":\"NEW\""));
    assertThat(all).noneMatch(e -> e.startsWith("{\"type\":\"trade\"") || e.startsWith("{\"type\":\"reject\""));
  }
}
