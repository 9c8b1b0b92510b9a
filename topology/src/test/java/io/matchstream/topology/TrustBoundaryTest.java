package io.matchstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.codec.JsonCodec;
import io.matchstream.replay.DriverInputs;
import io.matchstream.schema.BalanceEvent;
import io.matchstream.schema.OrderEvent;
import io.matchstream.schema.RejectEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the risk stage takes from where: money moves only from the transfers topic (which only the
 * admin principal may write), and a cancel-all's signed request is taken once.
 */
class TrustBoundaryTest {
  private final JsonCodec codec = new JsonCodec();
  @TempDir Path state;

  @Test
  void aTransferOnTheCommandsTopicOrAnOrderOnTheTransfersTopicIsRefusedAndChangesNothing() {
    try (TopologyTestDriver driver = driver()) {
      DriverInputs inputs = market(driver);
      inputs.pipe(Topics.COMMANDS, "u1", codec.readCommand(
          "{\"type\":\"deposit\",\"userId\":\"u1\",\"asset\":\"USDT\",\"amount\":\"1000000\",\"txId\":\"forged\",\"ts\":5}"), 5);
      inputs.pipe(Topics.TRANSFERS, "u1", codec.readCommand(place("o-1", 6)), 6);
      // the txId was not used up: the same deposit on its own topic goes through
      inputs.pipe(codec.readCommand(
          "{\"type\":\"deposit\",\"userId\":\"u1\",\"asset\":\"USDT\",\"amount\":\"7\",\"txId\":\"forged\",\"ts\":7}"));
      assertThat(rejects(driver)).containsExactly("deposit WRONG_TOPIC", "place WRONG_TOPIC");
      assertThat(orders(driver)).isEmpty();
      assertThat(balances(driver)).containsExactly("u1 USDT 1000", "u1 USDT 1007");
    }
  }

  @Test
  void aCancelAllSentAgainWithTheSameRequestIdCancelsNothingPlacedSince() {
    try (TopologyTestDriver driver = driver()) {
      DriverInputs inputs = market(driver);
      inputs.pipe(codec.readCommand(place("o-1", 5)));
      inputs.pipe(codec.readCommand(cancelAll("req-1", 6)));
      inputs.pipe(codec.readCommand(place("o-2", 7)));
      inputs.pipe(codec.readCommand(cancelAll("req-1", 8)));  // the captured request, replayed
      assertThat(rejects(driver)).containsExactly("cancelAll DUPLICATE_REQUEST");
      assertThat(orders(driver)).containsExactly("o-1 NEW null", "o-1 CANCELED null", "o-2 NEW null");
      inputs.pipe(codec.readCommand(cancelAll("req-2", 9)));  // a new request
      assertThat(orders(driver)).containsExactly("o-2 CANCELED null");
    }
  }

  private DriverInputs market(TopologyTestDriver driver) {
    DriverInputs inputs = new DriverInputs(driver, RecordSerdes.BINARY);
    for (String line : List.of("{\"type\":\"asset\",\"asset\":\"BTC\",\"scale\":8}",
        "{\"type\":\"asset\",\"asset\":\"USDT\",\"scale\":6}",
        "{\"type\":\"symbol\",\"symbol\":\"BTC-USDT\",\"base\":\"BTC\",\"quote\":\"USDT\",\"tickSize\":\"0.01\","
            + "\"lotSize\":\"0.0001\",\"minNotional\":\"10\",\"makerFeeRate\":\"0.001\",\"takerFeeRate\":\"0.002\","
            + "\"status\":\"TRADING\"}",
        "{\"type\":\"deposit\",\"userId\":\"u1\",\"asset\":\"USDT\",\"amount\":\"1000\",\"txId\":\"t1\",\"ts\":1}")) {
      inputs.pipe(codec.readCommand(line));
    }
    return inputs;
  }

  private static String place(String orderId, long ts) {
    return "{\"type\":\"place\",\"orderId\":\"" + orderId + "\",\"userId\":\"u1\",\"symbol\":\"BTC-USDT\","
        + "\"side\":\"BUY\",\"orderType\":\"LIMIT\",\"timeInForce\":\"GTC\",\"price\":\"100\",\"quantity\":\"1\","
        + "\"ts\":" + ts + "}";
  }

  private static String cancelAll(String requestId, long ts) {
    return "{\"type\":\"cancelAll\",\"userId\":\"u1\",\"symbol\":\"BTC-USDT\",\"requestId\":\"" + requestId
        + "\",\"ts\":" + ts + "}";
  }

  private static List<String> rejects(TopologyTestDriver driver) {
    return driver.createOutputTopic(Topics.REJECTS, Serdes.String().deserializer(),
        RecordSerdes.BINARY.serde(RejectEvent.class).deserializer()).readValuesToList().stream()
        .map(r -> r.getCommand() + " " + r.getReason()).toList();
  }

  private static List<String> orders(TopologyTestDriver driver) {
    return driver.createOutputTopic(Topics.ORDER_EVENTS, Serdes.String().deserializer(),
        RecordSerdes.BINARY.serde(OrderEvent.class).deserializer()).readValuesToList().stream()
        .map(o -> o.getOrderId() + " " + o.getStatus() + " " + o.getReason()).toList();
  }

  private static List<String> balances(TopologyTestDriver driver) {
    return driver.createOutputTopic(Topics.BALANCES, Serdes.String().deserializer(),
        RecordSerdes.BINARY.serde(BalanceEvent.class).deserializer()).readValuesToList().stream()
        .map(b -> b.getUserId() + " " + b.getAsset() + " " + b.getAvailable().stripTrailingZeros().toPlainString())
        .toList();
  }

  private TopologyTestDriver driver() {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "trust-boundary-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "test:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
    return new TopologyTestDriver(MatchstreamTopology.build(RecordSerdes.BINARY, StoreOptions.REPLAY), props);
  }
}
