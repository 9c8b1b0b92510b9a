package io.matchstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.codec.JsonCodec;
import io.matchstream.replay.DriverInputs;
import io.matchstream.stage.Halts;
import io.matchstream.stage.StageMetrics;
import io.matchstream.stage.StageSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stages count what they applied: commands by type, rejections by reason, orders, trades, dead letters. */
class StageMetricsTest {
  private final JsonCodec codec = new JsonCodec();
  private final MeterRegistry registry = new SimpleMeterRegistry();
  @TempDir Path state;

  @Test
  void eachStageCountsWhatItApplied() {
    try (TopologyTestDriver driver = driver()) {
      DriverInputs inputs = new DriverInputs(driver, RecordSerdes.BINARY);
      BtcUsdt.REFERENCE.forEach(line -> inputs.pipe(codec.readCommand(line)));
      inputs.pipe(codec.readCommand(transfer("u1", "USDT", "1000", "t1")));
      inputs.pipe(codec.readCommand(transfer("u2", "BTC", "2", "t2")));
      inputs.pipe(codec.readCommand(place("o-1", "u1", "BUY", "1")));
      inputs.pipe(codec.readCommand(place("o-2", "u2", "SELL", "1")));
      inputs.pipe(codec.readCommand(place("o-3", "u1", "BUY", "100")));  // more than u1 has
      driver.createInputTopic(Topics.COMMANDS, Serdes.String().serializer(), Serdes.ByteArray().serializer())
          .pipeInput("u1", "not a command".getBytes(StandardCharsets.UTF_8));

      assertThat(count("matchstream.commands", "stage", "reference")).isEqualTo(3);
      assertThat(count("matchstream.commands", "stage", "risk", "type", "deposit")).isEqualTo(2);
      assertThat(count("matchstream.commands", "stage", "risk", "type", "place")).isEqualTo(3);
      assertThat(count("matchstream.commands", "stage", "book", "type", "place")).isEqualTo(2);
      assertThat(count("matchstream.commands", "stage", "risk", "type", "settlements")).isEqualTo(2);
      assertThat(count("matchstream.rejections", "stage", "risk", "reason", "INSUFFICIENT_BALANCE")).isEqualTo(1);
      assertThat(count("matchstream.orders", "symbol", "BTC-USDT")).isEqualTo(2);
      assertThat(count("matchstream.trades", "symbol", "BTC-USDT")).isEqualTo(1);
      assertThat(count("matchstream.dead.letters", "stage", "risk")).isEqualTo(1);
      Timer book = registry.find("matchstream.stage.latency").tags("stage", "book").timer();
      assertThat(book.count()).isEqualTo(2);
    }
  }

  private double count(String name, String... tags) {
    return registry.find(name).tags(tags).counters().stream().mapToDouble(c -> c.count()).sum();
  }

  private static String transfer(String user, String asset, String amount, String txId) {
    return "{\"type\":\"deposit\",\"userId\":\"" + user + "\",\"asset\":\"" + asset + "\",\"amount\":\"" + amount
        + "\",\"txId\":\"" + txId + "\",\"ts\":1}";
  }

  private static String place(String orderId, String user, String side, String quantity) {
    return "{\"type\":\"place\",\"orderId\":\"" + orderId + "\",\"userId\":\"" + user + "\",\"symbol\":\"BTC-USDT\","
        + "\"side\":\"" + side + "\",\"orderType\":\"LIMIT\",\"timeInForce\":\"GTC\",\"price\":\"100\",\"quantity\":\""
        + quantity + "\",\"ts\":2}";
  }

  private TopologyTestDriver driver() {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "stage-metrics-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "test:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
    StageSettings settings = new StageSettings(new Halts(StageSettings.ATTEMPTS), StageSettings.RISK_OBJECT_LIMIT, 0, 0,
        1, new StageMetrics(registry));
    return new TopologyTestDriver(MatchstreamTopology.build(RecordSerdes.BINARY, StoreOptions.REPLAY, settings), props);
  }
}
