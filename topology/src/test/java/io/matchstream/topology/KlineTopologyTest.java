package io.matchstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.codec.JsonCodec;
import io.matchstream.marketdata.Candles;
import io.matchstream.marketdata.KlineInterval;
import io.matchstream.replay.DriverInputs;
import io.matchstream.schema.Kline;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Candles from trades across window edges, a late trade within the grace period that updates its
 * closed candle, and one past it that the minute leaves out but the hour keeps.
 */
class KlineTopologyTest {
  /** A minute's start, and an hour's too: 2023-11-14 22:00:00 UTC. */
  private static final long T0 = 1_700_000_000_000L - 1_700_000_000_000L % 3_600_000L;

  @TempDir Path state;
  private final JsonCodec codec = new JsonCodec();

  @Test
  void candlesFollowTheTradesTimesAndTakeLateTradesWithinGrace() {
    try (TopologyTestDriver driver = new TopologyTestDriver(
        MatchstreamTopology.build(RecordSerdes.BINARY, StoreOptions.REPLAY), props())) {
      DriverInputs commands = market(driver);
      trade(commands, "1", "100", "1", true, 59_999);    // #1, the first minute's last millisecond
      trade(commands, "2", "101", "1", true, 60_000);    // #2, the second minute's first
      trade(commands, "3", "99", "1", false, 61_000);    // #3, the taker sells
      trade(commands, "4", "105", "2", true, 30_000);    // #4, late: the first minute closed 1 s ago, grace 10 s
      trade(commands, "5", "102", "1", true, 75_000);    // #5, stream time passes the first minute's grace
      trade(commands, "6", "110", "1", true, 20_000);    // #6, too late for its minute, in time for its hour

      Map<String, Kline> candles = new LinkedHashMap<>();
      driver.createOutputTopic(Topics.KLINES, Serdes.String().deserializer(),
              RecordSerdes.BINARY.serde(Kline.class).deserializer())
          .readKeyValuesToList().forEach(r -> candles.put(r.key, r.value));

      assertThat(candles).as(candles.keySet().toString()).hasSize(8);
      Kline first = candles.get(KlineTopology.key("BTC-USDT", "1m", T0));
      assertThat(describe(first)).isEqualTo("1m " + T0 + ".." + (T0 + 59_999)
          + " O100 H105 L100 C105 V3 Q310 n2 buyV3 buyQ310 ids1-4");
      Kline second = candles.get(KlineTopology.key("BTC-USDT", "1m", T0 + 60_000));
      assertThat(describe(second)).isEqualTo("1m " + (T0 + 60_000) + ".." + (T0 + 119_999)
          + " O101 H102 L99 C102 V3 Q302 n3 buyV2 buyQ203 ids2-5");
      Kline hour = candles.get(KlineTopology.key("BTC-USDT", "1h", T0));
      assertThat(describe(hour)).isEqualTo("1h " + T0 + ".." + (T0 + 3_599_999)
          + " O100 H110 L99 C110 V7 Q722 n6 buyV6 buyQ623 ids1-6");
      // a second's grace ends 11 s after it opens: #4 came 31 s late
      assertThat(candles.get(KlineTopology.key("BTC-USDT", "1s", T0 + 30_000))).as("past grace").isNull();
      assertThat(describe(candles.get(KlineTopology.key("BTC-USDT", "1s", T0 + 61_000))))
          .isEqualTo("1s " + (T0 + 61_000) + ".." + (T0 + 61_999) + " O99 H99 L99 C99 V1 Q99 n1 buyV0 buyQ0 ids3-3");

      // a 5-minute candle composed of the two minutes: what a reader serves
      Kline five = Candles.compose("BTC-USDT", KlineInterval.M5, T0, List.of(second, first));
      assertThat(describe(five)).isEqualTo("5m " + T0 + ".." + (T0 + 299_999)
          + " O100 H105 L99 C102 V6 Q612 n5 buyV5 buyQ513 ids1-5");
    }
  }

  @Test
  void aRecordOnTradesThatIsNoTradeIsADeadLetterAndTheCandlesGoOn() {
    try (TopologyTestDriver driver = new TopologyTestDriver(
        MatchstreamTopology.build(RecordSerdes.BINARY, StoreOptions.REPLAY), props())) {
      DriverInputs commands = market(driver);
      driver.createInputTopic(Topics.TRADES, Serdes.String().serializer(), Serdes.ByteArray().serializer())
          .pipeInput("BTC-USDT", "not a trade".getBytes(java.nio.charset.StandardCharsets.UTF_8), T0);
      trade(commands, "1", "100", "1", true, 1_000);

      var letters = driver.createOutputTopic(Topics.DEAD_LETTERS, Serdes.String().deserializer(),
          RecordSerdes.BINARY.serde(io.matchstream.schema.DeadLetter.class).deserializer()).readValuesToList();
      assertThat(letters).singleElement().satisfies(letter -> {
        assertThat(letter.getTopic()).isEqualTo(Topics.TRADES);
        assertThat(letter.getReason()).startsWith("undecodable");
      });
      Map<String, Kline> candles = new LinkedHashMap<>();
      driver.createOutputTopic(Topics.KLINES, Serdes.String().deserializer(),
              RecordSerdes.BINARY.serde(Kline.class).deserializer())
          .readKeyValuesToList().forEach(r -> candles.put(r.key, r.value));
      assertThat(describe(candles.get(KlineTopology.key("BTC-USDT", "1m", T0))))
          .isEqualTo("1m " + T0 + ".." + (T0 + 59_999) + " O100 H100 L100 C100 V1 Q100 n1 buyV1 buyQ100 ids1-1");
    }
  }

  @Test
  void intervalsAlignAsBinanceAlignsThem() {
    long wednesday = 1_700_000_000_000L; // 2023-11-14T22:13:20Z, a Tuesday
    assertThat(KlineInterval.W1.openTime(wednesday)).isEqualTo(1_699_833_600_000L); // Monday 2023-11-13
    assertThat(KlineInterval.MO1.openTime(wednesday)).isEqualTo(1_698_796_800_000L); // 2023-11-01
    assertThat(KlineInterval.MO1.closeTime(1_698_796_800_000L)).isEqualTo(1_701_388_799_999L); // 2023-11-30 end
    assertThat(KlineInterval.H4.openTime(wednesday)).isEqualTo(1_699_992_000_000L); // 20:00
    assertThat(KlineInterval.M15.source()).isEqualTo(KlineInterval.M1);
    assertThat(KlineInterval.H12.source()).isEqualTo(KlineInterval.H1);
    assertThat(KlineInterval.MO1.source()).isEqualTo(KlineInterval.D1);
    assertThat(KlineInterval.S1.source()).isEqualTo(KlineInterval.S1);
    assertThat(KlineInterval.of("1M")).contains(KlineInterval.MO1);
    assertThat(KlineInterval.of("2m")).isEmpty();
  }

  private static String describe(Kline k) {
    return k.getInterval() + " " + k.getOpenTime() + ".." + k.getCloseTime() + " O" + plain(k.getOpen())
        + " H" + plain(k.getHigh()) + " L" + plain(k.getLow()) + " C" + plain(k.getClose()) + " V"
        + plain(k.getVolume()) + " Q" + plain(k.getQuoteVolume()) + " n" + k.getTrades() + " buyV"
        + plain(k.getTakerBuyVolume()) + " buyQ" + plain(k.getTakerBuyQuoteVolume()) + " ids" + k.getFirstTradeId()
        + "-" + k.getLastTradeId();
  }

  private static String plain(java.math.BigDecimal d) {
    return d.stripTrailingZeros().toPlainString();
  }

  private DriverInputs market(TopologyTestDriver driver) {
    DriverInputs inputs = new DriverInputs(driver, RecordSerdes.BINARY);
    for (String line : List.of("{\"type\":\"asset\",\"asset\":\"BTC\",\"scale\":8}",
        "{\"type\":\"asset\",\"asset\":\"USDT\",\"scale\":6}",
        "{\"type\":\"symbol\",\"symbol\":\"BTC-USDT\",\"base\":\"BTC\",\"quote\":\"USDT\",\"tickSize\":\"0.01\","
            + "\"lotSize\":\"0.0001\",\"minNotional\":\"10\",\"makerFeeRate\":\"0.001\",\"takerFeeRate\":\"0.002\","
            + "\"status\":\"TRADING\"}")) {
      inputs.pipe(codec.readCommand(line), T0);
    }
    for (String user : List.of("seller", "buyer")) {
      for (String asset : List.of("BTC", "USDT")) {
        send(inputs, "{\"type\":\"deposit\",\"userId\":\"" + user + "\",\"asset\":\"" + asset
            + "\",\"amount\":\"100000\",\"txId\":\"" + user + asset + "\",\"ts\":" + T0 + "}");
      }
    }
    return inputs;
  }

  /** A trade of {@code quantity} at {@code price}, its taker's command stamped {@code T0 + at}. */
  private void trade(DriverInputs commands, String id, String price, String quantity,
      boolean takerBuys, long at) {
    String maker = takerBuys ? "seller" : "buyer";
    String taker = takerBuys ? "buyer" : "seller";
    send(commands, place(maker, "m" + id, takerBuys ? "SELL" : "BUY", price, quantity, T0 + at));
    send(commands, place(taker, "t" + id, takerBuys ? "BUY" : "SELL", price, quantity, T0 + at));
  }

  private static String place(String user, String orderId, String side, String price, String quantity, long ts) {
    return "{\"type\":\"place\",\"orderId\":\"" + orderId + "\",\"userId\":\"" + user
        + "\",\"symbol\":\"BTC-USDT\",\"side\":\"" + side + "\",\"orderType\":\"LIMIT\",\"timeInForce\":\"GTC\","
        + "\"price\":\"" + price + "\",\"quantity\":\"" + quantity + "\",\"ts\":" + ts + "}";
  }

  private void send(DriverInputs inputs, String line) {
    inputs.pipe(codec.readCommand(line));
  }

  private Properties props() {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "klines-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "test:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
    props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
    return props;
  }
}
