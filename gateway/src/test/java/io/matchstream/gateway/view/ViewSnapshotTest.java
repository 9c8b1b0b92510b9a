package io.matchstream.gateway.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.matchstream.codec.JsonCodec;
import io.matchstream.marketdata.KlineInterval;
import io.matchstream.replay.DriverInputs;
import io.matchstream.schema.BalanceEvent;
import io.matchstream.schema.BookCommand;
import io.matchstream.schema.BookDelta;
import io.matchstream.schema.Kline;
import io.matchstream.schema.OrderEvent;
import io.matchstream.schema.ReferenceCommand;
import io.matchstream.schema.Trade;
import io.matchstream.testdata.CommandGenerator;
import io.matchstream.topology.MatchstreamTopology;
import io.matchstream.topology.RecordSerdes;
import io.matchstream.topology.StoreOptions;
import io.matchstream.topology.Topics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A view loaded from a snapshot of another answers every query as that view does, and goes on
 * alike from the snapshot's positions: the events of 20,000 generated commands, made by the real
 * topology, the snapshot taken halfway through each topic.
 */
class ViewSnapshotTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Class<? extends SpecificRecord>> TOPICS = new LinkedHashMap<>();
  private static Map<String, List<TestRecord<String, SpecificRecord>>> events;
  @TempDir static Path state;

  static {
    TOPICS.put(Topics.REFERENCE_DATA, ReferenceCommand.class);
    TOPICS.put(Topics.ACCEPTED, BookCommand.class);
    TOPICS.put(Topics.ORDER_EVENTS, OrderEvent.class);
    TOPICS.put(Topics.TRADES, Trade.class);
    TOPICS.put(Topics.BOOK_DELTAS, BookDelta.class);
    TOPICS.put(Topics.BALANCES, BalanceEvent.class);
    TOPICS.put(Topics.KLINES, Kline.class);
  }

  @BeforeAll
  static void events() {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "view-snapshot-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "test:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
    JsonCodec codec = new JsonCodec();
    events = new LinkedHashMap<>();
    try (TopologyTestDriver driver = new TopologyTestDriver(
        MatchstreamTopology.build(RecordSerdes.BINARY, StoreOptions.REPLAY), props)) {
      DriverInputs inputs = new DriverInputs(driver, RecordSerdes.BINARY);
      CommandGenerator.advanced(7, 20_000, 4, 50, false).lines().forEach(line -> inputs.pipe(codec.readCommand(line)));
      TOPICS.forEach((topic, type) -> events.put(topic, read(driver, topic, type)));
    }
  }

  @SuppressWarnings("unchecked")
  private static List<TestRecord<String, SpecificRecord>> read(TopologyTestDriver driver, String topic,
      Class<? extends SpecificRecord> type) {
    return new ArrayList<>((List<TestRecord<String, SpecificRecord>>) (List<?>) driver.createOutputTopic(topic,
        Serdes.String().deserializer(), RecordSerdes.BINARY.serde(type).deserializer()).readRecordsToList());
  }

  @Test
  void aViewLoadedFromASnapshotAnswersAsItsSourceAndGoesOnAlike() throws Exception {
    ExchangeView source = new ExchangeView(100);
    Map<String, Long> positions = new LinkedHashMap<>();
    events.forEach((topic, records) -> {
      int half = records.size() / 2;
      apply(source, topic, records.subList(0, half));
      positions.put(topic + "-0", (long) half);
    });
    java.io.ByteArrayOutputStream encoded = new java.io.ByteArrayOutputStream();
    SnapshotCodec.encode(source.snapshot(positions, 42), encoded);
    ViewSnapshot snapshot = SnapshotCodec.decode(new java.io.ByteArrayInputStream(encoded.toByteArray()));
    assertThat(snapshot.positions()).isEqualTo(positions);
    // a trade the snapshot holds for its symbol and for its users is decoded as one object
    TradeView recent = snapshot.recentTrades().values().iterator().next().get(0);
    assertThat(snapshot.users().get(recent.makerUserId()).trades()).filteredOn(t -> t.id() == recent.id())
        .singleElement().isSameAs(recent);
    ExchangeView loaded = new ExchangeView(100);
    loaded.load(snapshot);
    assertThat(answers(loaded)).isEqualTo(answers(source));

    events.forEach((topic, records) -> {
      List<TestRecord<String, SpecificRecord>> rest = records.subList(records.size() / 2, records.size());
      apply(source, topic, rest);
      apply(loaded, topic, rest);
    });
    String after = answers(source);
    assertThat(answers(loaded)).isEqualTo(after);
    assertThat(after).contains(".open\":[{").contains(".depth\":{").contains(".klines\":[\"{");
  }

  private static void apply(ExchangeView view, String topic, List<TestRecord<String, SpecificRecord>> records) {
    for (TestRecord<String, SpecificRecord> record : records) {
      view.apply(topic, record.value(), record.headers(), new FeedUpdates());
    }
  }

  /** Every query's answer, for every symbol and user the events name, as JSON. */
  private static String answers(ExchangeView view) throws Exception {
    Map<String, Object> answers = new LinkedHashMap<>();
    answers.put("assets", view.assets());
    answers.put("symbols", view.symbols());
    TreeSet<String> users = new TreeSet<>();
    events.get(Topics.BALANCES).forEach(r -> users.add(((BalanceEvent) r.value()).getUserId()));
    for (SymbolView symbol : view.symbols()) {
      String name = symbol.symbol();
      answers.put(name + ".depth", view.depth(name, 1000).orElseThrow());
      answers.put(name + ".trades", view.recentTrades(name, 1000));
      answers.put(name + ".klines", view.klines(name, KlineInterval.M1, null, null, 1000).stream().map(Kline::toString).toList());
      for (String user : users) {
        answers.put(name + "." + user + ".trades", view.userTrades(user, name, 1000));
      }
    }
    for (String user : users) {
      answers.put(user + ".open", view.openOrders(user, null));
      answers.put(user + ".orders", view.orders(user, null));
      answers.put(user + ".balances", view.balances(user));
    }
    return JSON.writeValueAsString(answers);
  }
}
