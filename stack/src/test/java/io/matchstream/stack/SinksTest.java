package io.matchstream.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.apicurio.registry.serde.SerdeConfig;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.matchstream.app.AppConfig;
import io.matchstream.app.RegistrySerdes;
import io.matchstream.replay.Replay;
import io.matchstream.schema.Side;
import io.matchstream.schema.Trade;
import io.matchstream.testdata.CandleScenario;
import io.matchstream.testdata.CommandGenerator;
import io.matchstream.topology.StoreOptions;
import io.matchstream.topology.Topics;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * The sinks of {@code connectors/sinks} on a real Connect worker, writing into a real MariaDB: the
 * tables end equal to the events, through a SIGKILL of the worker; the klines table holds the
 * candles of the trades; and a record the sink cannot
 * convert or the database refuses goes to the dead-letter topic while the sink runs on.
 */
class SinksTest {
  @Test
  void tablesEqualTheEventsThroughAConnectCrash() throws Exception {
    SharedStack stack = SharedStack.get();
    stack.resetTopics();
    String appId = "sinks";
    AppNode app = stack.app(appId, 1);  // one partition: the broker's events are the replay's
    app.start(Duration.ofSeconds(120));
    List<String> lines = CommandGenerator.advanced(11, 20_000, 3, 40, false).ordersAfterSetUp();
    Expected expected = Expected.replay(lines);
    AppConfig config = stack.clientConfig(appId);

    try (Sinks sinks = Sinks.start(stack, "sinks")) {
      int half = lines.size() / 2;
      Feeds.produce(config, lines.subList(0, half));
      awaitRows(sinks, "trades", 1);
      CompletableFuture<Void> rest = Feeds.produceInBackground(config, lines.subList(half, lines.size()), false);
      ConnectNode connect = stack.connect();
      connect.process().kill();  // mid-stream: the sinks were writing, the commands keep coming
      Thread.sleep(2000);
      connect.start(Duration.ofSeconds(180));
      rest.get();
      stack.awaitIdle(appId, Duration.ofSeconds(180));

      SinkTables tables = awaitTables(sinks, expected.tables(), Duration.ofSeconds(240));
      sinks.assertRunning();
      app.stop();

      assertThat(expected.tables().trades()).as("the stream trades").hasSizeGreaterThan(1000);
      assertThat(tables.firstDifference(expected.tables())).isNull();
      assertThat(tables.totals()).as("per asset, the balances sum to deposits minus withdrawals")
          .isEqualTo(expected.netTransfers());
    }
  }

  /**
   * Trades across second edges and a late one within grace: the klines table holds, per interval
   * the app aggregates, the candles the scenario's own grouping gives (the gateway's test checks
   * REST and the streams against the same).
   */
  @Test
  void theKlinesTableHoldsTheCandlesOfTheTrades() throws Exception {
    SharedStack stack = SharedStack.get();
    stack.resetTopics();
    String appId = "candles";
    AppNode app = stack.app(appId, 2);
    app.start(Duration.ofSeconds(120));
    // stamped now: trades stamped further back than the grace would be left out of their candles
    CandleScenario scenario = new CandleScenario("CNDL", System.currentTimeMillis() / 1000 * 1000);
    try (Sinks sinks = Sinks.start(stack, appId)) {
      Feeds.produce(stack.clientConfig(appId), scenario.setup());
      Feeds.produce(stack.clientConfig(appId), scenario.trades());
      stack.awaitIdle(appId, Duration.ofSeconds(120));
      Map<String, List<List<String>>> expected = new TreeMap<>();
      scenario.aggregated().forEach((interval, rows) -> expected.put(interval.code(), rows));
      Map<String, List<List<String>>> table = Map.of();
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (System.nanoTime() < deadline && !(table = klines(sinks, scenario.symbol())).equals(expected)) {
        Thread.sleep(300);
      }
      app.stop();
      assertThat(expected.get("1s")).as("the scenario spans seconds").hasSizeGreaterThanOrEqualTo(3);
      assertThat(table).isEqualTo(expected);
    }
  }

  /** Per interval, the klines table's rows of {@code symbol} in Binance's row order, oldest first. */
  private static Map<String, List<List<String>>> klines(Sinks sinks, String symbol) throws Exception {
    Map<String, List<List<String>>> rows = new TreeMap<>();
    try (Connection c = sinks.connection(); var query = c.prepareStatement("SELECT kline_interval, open_time, open, "
        + "high, low, close, volume, close_time, quote_volume, trades, taker_buy_volume, taker_buy_quote_volume "
        + "FROM klines WHERE symbol = ? ORDER BY kline_interval, open_time")) {
      query.setString(1, symbol);
      try (var result = query.executeQuery()) {
        while (result.next()) {
          List<String> row = new ArrayList<>();
          for (int column = 2; column <= 12; column++) {
            Object value = result.getObject(column);
            row.add(value instanceof BigDecimal d ? CandleScenario.plain(d) : String.valueOf(value));
          }
          rows.computeIfAbsent(result.getString(1), i -> new ArrayList<>()).add(row);
        }
      }
    }
    return rows;
  }

  @Test
  void aRecordTheSinkCannotWriteGoesToTheDeadLetterTopic() throws Exception {
    SharedStack stack = SharedStack.get();
    stack.resetTopics();
    String appId = "sink-dlq";
    AppNode app = stack.app(appId, 1);
    app.start(Duration.ofSeconds(120));
    AppConfig config = stack.clientConfig(appId);

    try (Sinks sinks = Sinks.start(stack, "dlq")) {
      String tooLong = "o".repeat(300);  // an order id longer than the orders table's column
      Feeds.produce(config, List.of(
          "{\"type\":\"asset\",\"asset\":\"USDT\",\"scale\":6}",
          "{\"type\":\"asset\",\"asset\":\"BTC\",\"scale\":8}",
          "{\"type\":\"symbol\",\"symbol\":\"BTC-USDT\",\"base\":\"BTC\",\"quote\":\"USDT\",\"tickSize\":\"0.01\","
              + "\"lotSize\":\"0.0001\",\"minNotional\":\"1\",\"makerFeeRate\":\"0.001\",\"takerFeeRate\":\"0.002\"}",
          "{\"type\":\"deposit\",\"userId\":\"u1\",\"asset\":\"USDT\",\"amount\":\"1000\",\"txId\":\"t1\",\"ts\":1}",
          place(tooLong, "90", 2)));
      try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(
          stack.superUser(Map.of()), new ByteArraySerializer(), new ByteArraySerializer())) {
        raw.send(new ProducerRecord<>(Topics.TRADES, "BTC-USDT".getBytes(StandardCharsets.UTF_8),
            "this is not avro".getBytes(StandardCharsets.UTF_8))).get();
        // during a move to Confluent's framing the sinks read both: a trade as earlier builds framed
        // it (Apicurio's default, an 8-byte global id) and one as this build frames it
        try (AvroKafkaSerializer<Trade> earlier = new AvroKafkaSerializer<>()) {
          earlier.configure(Map.of(SerdeConfig.REGISTRY_URL, stack.registry.url(),
              SerdeConfig.AUTO_REGISTER_ARTIFACT, true), false);
          raw.send(new ProducerRecord<>(Topics.TRADES, "BTC-USDT".getBytes(StandardCharsets.UTF_8),
              earlier.serialize(Topics.TRADES, trade(900_001)))).get();
        }
        raw.send(new ProducerRecord<>(Topics.TRADES, "BTC-USDT".getBytes(StandardCharsets.UTF_8),
            RegistrySerdes.of(config).serde(Trade.class).serializer().serialize(Topics.TRADES, trade(900_002)))).get();
      }
      Feeds.produce(config, List.of(place("o-after", "91", 3)));
      stack.awaitIdle(appId, Duration.ofSeconds(60));

      awaitRows(sinks, "orders", 1);
      List<ConsumerRecord<byte[], byte[]>> refused = awaitDeadLetters(stack, sinks.deadLetterTopic("orders"));
      List<ConsumerRecord<byte[], byte[]>> undecodable = awaitDeadLetters(stack, sinks.deadLetterTopic("trades"));
      sinks.assertRunning();
      awaitRows(sinks, "trades", 2);
      List<Long> trades = new ArrayList<>();
      try (Connection c = sinks.connection();
          var rows = c.createStatement().executeQuery("SELECT trade_id FROM trades ORDER BY trade_id")) {
        while (rows.next()) {
          trades.add(rows.getLong(1));
        }
      }
      List<String> orders = new ArrayList<>();
      try (Connection c = sinks.connection();
          var rows = c.createStatement().executeQuery("SELECT order_id FROM orders")) {
        while (rows.next()) {
          orders.add(rows.getString(1));
        }
      }
      app.stop();

      assertThat(orders).as("the order after the refused one is written").containsExactly("o-after");
      assertThat(refused).hasSize(1);
      assertThat(header(refused.get(0), "__connect.errors.exception.message")).contains("too long");
      assertThat(trades).as("both framings written").containsExactly(900_001L, 900_002L);
      assertThat(undecodable).hasSize(1);
      assertThat(new String(undecodable.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("this is not avro");
    }
  }

  private static Trade trade(long id) {
    BigDecimal one = BigDecimal.ONE.setScale(18);
    return Trade.newBuilder().setTradeId(id).setSymbol("BTC-USDT").setPrice(one).setQuantity(one)
        .setQuoteQuantity(one).setTakerSide(Side.BUY).setMakerOrderId("m").setTakerOrderId("t").setMakerUserId("u2")
        .setTakerUserId("u1").setBuyerFee(one).setSellerFee(one).setTs(id).build();
  }

  private static String place(String orderId, String price, long ts) {
    return "{\"type\":\"place\",\"orderId\":\"" + orderId + "\",\"userId\":\"u1\",\"symbol\":\"BTC-USDT\","
        + "\"side\":\"BUY\",\"orderType\":\"LIMIT\",\"timeInForce\":\"GTC\",\"price\":\"" + price + "\","
        + "\"quantity\":\"1\",\"ts\":" + ts + "}";
  }

  private static void awaitRows(Sinks sinks, String table, long atLeast) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      try (Connection c = sinks.connection(); var rows = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
        if (rows.next() && rows.getLong(1) >= atLeast) {
          return;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("fewer than " + atLeast + " rows in " + table + " after 120 s");
  }

  /** Reads the tables until they equal {@code expected} or time runs out; returns the last read. */
  private static SinkTables awaitTables(Sinks sinks, SinkTables expected, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    SinkTables tables;
    do {
      try (Connection c = sinks.connection()) {
        tables = SinkTables.fromDatabase(c);
      }
      if (tables.firstDifference(expected) == null) {
        return tables;
      }
      Thread.sleep(500);
    } while (System.nanoTime() < deadline);
    return tables;
  }

  private static List<ConsumerRecord<byte[], byte[]>> awaitDeadLetters(SharedStack stack, String topic) {
    List<ConsumerRecord<byte[], byte[]>> letters = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(stack.superUser(Map.of(
        ConsumerConfig.GROUP_ID_CONFIG, "dead-letter-reader-" + topic,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      long quietUntil = Long.MAX_VALUE;
      while (System.nanoTime() < Math.min(deadline, quietUntil)) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          letters.add(r);
          quietUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        }
      }
    }
    return letters;
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  /** The replay's events of a command file, and per asset what its accepted transfers brought in. */
  record Expected(SinkTables tables, Map<String, BigDecimal> netTransfers) {
    static Expected replay(List<String> lines) throws Exception {
      List<String> events = new ArrayList<>();
      Map<String, BigDecimal> net = new TreeMap<>();
      Map<String, JsonNode> placed = new HashMap<>();
      try (Replay replay = new Replay(StoreOptions.REPLAY)) {
        for (String line : lines) {
          StringWriter out = new StringWriter();
          replay.apply(line, out);
          List<String> produced = out.toString().lines().toList();
          events.addAll(produced);
          JsonNode command = Outcome.parse(line);
          String type = command.path("type").asText();
          boolean transfer = type.equals("deposit") || type.equals("withdraw");
          if (type.equals("place") && produced.stream().noneMatch(e -> e.contains("DUPLICATE_ORDER_ID"))) {
            placed.put(command.path("userId").asText() + " " + command.path("orderId").asText(), command);
          }
          if (transfer && produced.stream().noneMatch(e -> e.contains("\"type\":\"reject\""))) {
            BigDecimal amount = new BigDecimal(command.get("amount").asText());
            net.merge(command.get("asset").asText(), type.equals("deposit") ? amount : amount.negate(), BigDecimal::add);
          }
        }
      }
      net.replaceAll((asset, total) -> new BigDecimal(SinkTables.plain(total)));
      return new Expected(SinkTables.fromEvents(events, placed), net);
    }
  }
}
