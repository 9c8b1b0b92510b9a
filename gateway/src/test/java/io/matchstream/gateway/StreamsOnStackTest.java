package io.matchstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.matchstream.client.CommandProducer;
import io.matchstream.client.EventConsumer;
import io.matchstream.topology.Topics;
import java.math.BigDecimal;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Binance's WebSocket streams against the real stack: trades of REST orders on the trade stream
 * and on the users' data streams, a client that syncs depth by Binance's procedure while orders flow
 * ending with the topology's book, and a client that stops reading dropped while another gets
 * every trade.
 */
class StreamsOnStackTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static GatewayFixture stack;
  private static GatewayClient gateway;
  private static final AtomicLong ids = new AtomicLong();

  @BeforeAll
  static void start() throws Exception {
    stack = GatewayFixture.get();
    gateway = new GatewayClient(stack.base);
  }

  @Test
  void crossingRestOrdersAreSeenOnTheTradeStreamAndOnEachUsersStream() throws Exception {
    gateway.deposit("frank", "USDT", "1000", "s1");
    gateway.deposit("erin", "SOL", "50", "s2");
    String listenKey = GatewayClient.field(gateway.binance("frank", "POST", "/api/v3/userDataStream", "").body(),
        "listenKey");
    try (StreamClient market = new StreamClient(stack.base, "/stream?streams=solusdt@trade/solusdt@bookTicker");
        StreamClient frank = new StreamClient(stack.base, "/ws/" + listenKey);
        StreamClient stranger = new StreamClient(stack.base, "/ws/not-a-key")) {
      assertThat(stranger.closedWith.get(10, TimeUnit.SECONDS)).as("an unknown listen key").isEqualTo(1007);
      GatewayClient.awaitTrue(() -> account("erin").contains("\"asset\":\"SOL\""));
      GatewayClient.awaitTrue(() -> account("frank").contains("\"asset\":\"USDT\""));
      assertThat(gateway.binance("erin", "POST", "/api/v3/order", "symbol=SOLUSDT&side=SELL&type=LIMIT"
          + "&timeInForce=GTC&price=20.00&quantity=10&newOrderRespType=RESULT").body()).contains("\"status\":\"NEW\"");
      String buy = gateway.binance("frank", "POST", "/api/v3/order", "symbol=SOLUSDT&side=BUY&type=LIMIT"
          + "&timeInForce=GTC&price=20.00&quantity=4&newOrderRespType=RESULT").body();
      assertThat(buy).contains("\"status\":\"FILLED\"");

      assertThat(market.next("solusdt@trade")).contains("\"e\":\"trade\"", "\"s\":\"SOLUSDT\"", "\"t\":1,",
          "\"p\":\"20\"", "\"q\":\"4\"", "\"m\":false");
      assertThat(market.next("solusdt@bookTicker", "\"A\":\"6\"")).contains("\"a\":\"20\"", "\"b\":null");
      String orderId = GatewayClient.number(buy, "orderId");
      // Binance's executionReport: the fill (x TRADE), its order FILLED with 4 for 80 in all
      assertThat(frank.next("\"e\":\"executionReport\"", "\"i\":" + orderId + ",", "\"X\":\"FILLED\""))
          .contains("\"x\":\"TRADE\"", "\"z\":\"4\"", "\"Z\":\"80\"", "\"L\":\"20\"", "\"t\":1,");
      // 4 SOL less the 0.2% taker fee
      assertThat(frank.next("\"e\":\"outboundAccountPosition\"", "\"a\":\"SOL\"")).contains("\"f\":\"3.992\"");
      // a deposit and a withdrawal: Binance's balanceUpdate with the amount each moved (the
      // stream may also have seen the first deposit of 1,000, sent just before it opened)
      gateway.deposit("frank", "USDT", "5.5", "s3");
      assertThat(frank.next("\"e\":\"balanceUpdate\"", "\"d\":\"5.5\"")).contains("\"a\":\"USDT\"");
      assertThat(gateway.admin("POST", "/admin/v1/withdraw", "userId=frank&asset=USDT&amount=2&txId=s4")
          .statusCode()).isEqualTo(200);
      assertThat(frank.next("\"e\":\"balanceUpdate\"", "\"d\":\"-2\"")).contains("\"a\":\"USDT\"");

      market.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"nopeusdt@trade\"],\"id\":7}");
      assertThat(market.next("\"id\":7")).contains("\"error\"", "unknown symbol in 'nopeusdt@trade'");
      market.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":8}");
      assertThat(market.next("\"id\":8")).contains("solusdt@trade", "solusdt@bookTicker");
      market.send("not json");
      assertThat(market.next("\"error\"", "\"id\":null")).contains("Invalid JSON");
    }
  }

  @Test
  void aClientSyncingDepthByTheDocumentedProcedureWhileOrdersFlowEndsWithTheTopologysBook() throws Exception {
    List<String> users = List.of("ada1", "ada2", "ada3");
    try (CommandProducer producer = new CommandProducer(stack.client, CommandProducer.REFERENCE_GRACE)) {
      for (String user : users) {
        producer.send(deposit(user, "USDT", "1000000"));
        producer.send(deposit(user, "ADA", "1000000"));
      }
      Random random = new Random(42);
      List<String> placed = new ArrayList<>();
      Thread flow = new Thread(() -> {
        try {
          for (int i = 0; i < 1500; i++) {
            Thread.sleep(2); // a flow that lasts a few seconds: the client joins it midway
            String user = users.get(random.nextInt(users.size()));
            if (!placed.isEmpty() && random.nextInt(5) == 0) {
              String cancel = placed.get(random.nextInt(placed.size()));
              producer.send("{\"type\":\"cancel\",\"orderId\":\"" + cancel.split(" ")[1] + "\",\"userId\":\""
                  + cancel.split(" ")[0] + "\",\"symbol\":\"ADA-USDT\",\"ts\":" + System.currentTimeMillis() + "}");
              continue;
            }
            String orderId = "ada-" + i;
            placed.add(user + " " + orderId);
            String price = BigDecimal.valueOf(90 + random.nextInt(21), 2).toPlainString();
            producer.send("{\"type\":\"place\",\"orderId\":\"" + orderId + "\",\"userId\":\"" + user + "\","
                + "\"symbol\":\"ADA-USDT\",\"side\":\"" + (random.nextBoolean() ? "BUY" : "SELL") + "\","
                + "\"orderType\":\"LIMIT\",\"timeInForce\":\"GTC\",\"price\":\"" + price + "\",\"quantity\":\""
                + (1 + random.nextInt(50)) + "\",\"ts\":" + System.currentTimeMillis() + "}");
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      flow.start();
      Thread.sleep(1_000);
      DepthBook local = new DepthBook();
      try (StreamClient depth = new StreamClient(stack.base, "/stream?streams=adausdt@depth")) {
        // Binance's procedure: buffer the stream, take a snapshot, drop what it already holds, apply the rest
        GatewayClient.awaitTrue(() -> !depth.messages.isEmpty());
        JsonNode snapshot = JSON.readTree(gateway.publicGet("/api/v3/depth?symbol=ADAUSDT&limit=5000").body());
        local.load(snapshot);
        flow.join();
        producer.awaitProcessed();
        Map<String, BigDecimal> topology = topologyBook("ADA-USDT");
        long last = topology.remove("seq").longValue();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (local.lastUpdateId < last && System.nanoTime() < deadline) {
          String message = depth.messages.poll(100, TimeUnit.MILLISECONDS);
          if (message != null) {
            local.apply(JSON.readTree(message).get("data"));
          }
        }
        assertThat(local.lastUpdateId).isEqualTo(last);
        assertThat(local.diffsApplied).as("the client applied diffs, not only the snapshot").isPositive();
        assertThat(local.levels).isEqualTo(topology);
      }
    }
  }

  @Test
  void aClientThatStopsReadingIsDroppedWhileAnotherGetsEveryTrade() throws Exception {
    int trades = 1000;
    try (StreamClient fast = new StreamClient(stack.base, "/ws/xrpusdt@trade");
        Socket slow = StreamClient.nonReader(stack.base, "/ws/xrpusdt@trade")) {
      // and from here on the slow client reads nothing
      double droppedBefore = dropped();
      try (CommandProducer producer = new CommandProducer(stack.client, CommandProducer.REFERENCE_GRACE)) {
        producer.send(deposit("xrp-seller", "XRP", "100000"));
        producer.send(deposit("xrp-buyer", "USDT", "100000"));
        for (int i = 0; i < trades; i++) {
          Thread.sleep(3); // trades over seconds: the slow client's send stays unfinished past the limit
          producer.send(place("xrp-seller", "xs-" + i, "SELL"));
          producer.send(place("xrp-buyer", "xb-" + i, "BUY"));
        }
      }
      for (int id = 1; id <= trades; id++) {
        String trade = fast.next("\"e\":\"trade\"");
        assertThat(trade).as("trade %d, in order, none missing", id).contains("\"t\":" + id + ",");
      }
      GatewayClient.awaitTrue(() -> dropped() > droppedBefore);
    }
  }

  private static String account(String user) throws Exception {
    return gateway.binance(user, "GET", "/api/v3/account", "").body();
  }

  private static double dropped() throws Exception {
    String metrics = gateway.metrics();
    return metrics.lines().filter(l -> l.startsWith("matchstream_gateway_ws_dropped_total"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  private static String place(String user, String orderId, String side) {
    return "{\"type\":\"place\",\"orderId\":\"" + orderId + "\",\"userId\":\"" + user + "\",\"symbol\":\"XRP-USDT\","
        + "\"side\":\"" + side + "\",\"orderType\":\"LIMIT\",\"timeInForce\":\"GTC\",\"price\":\"1.00\","
        + "\"quantity\":\"1\",\"ts\":" + System.currentTimeMillis() + "}";
  }

  private static String deposit(String user, String asset, String amount) {
    return "{\"type\":\"deposit\",\"userId\":\"" + user + "\",\"asset\":\"" + asset + "\",\"amount\":\"" + amount
        + "\",\"txId\":\"t-" + ids.incrementAndGet() + "\",\"ts\":" + System.currentTimeMillis() + "}";
  }

  /**
   * The book the topology's book-deltas give for {@code symbol}: {@code SIDE price} to quantity,
   * plus {@code seq} to the last delta's seq.
   */
  private static Map<String, BigDecimal> topologyBook(String symbol) throws Exception {
    Map<String, BigDecimal> book = new TreeMap<>();
    try (EventConsumer consumer = new EventConsumer(stack.client, Topics.BOOK_DELTAS, true)) {
      consumer.read(0, Duration.ofSeconds(3), line -> {
        try {
          JsonNode delta = JSON.readTree(line);
          if (delta.get("symbol").asText().equals(symbol)) {
            String level = delta.get("side").asText() + " " + new BigDecimal(delta.get("price").asText())
                .stripTrailingZeros().toPlainString();
            BigDecimal quantity = new BigDecimal(delta.get("quantity").asText());
            if (quantity.signum() == 0) {
              book.remove(level);
            } else {
              book.put(level, quantity.stripTrailingZeros());
            }
            book.put("seq", BigDecimal.valueOf(delta.get("seq").asLong()));
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
    }
    return book;
  }

  /** The client's side of the depth procedure: a snapshot, then diffs that must follow on with no gap. */
  private static final class DepthBook {
    final Map<String, BigDecimal> levels = new TreeMap<>();
    long lastUpdateId = -1;
    int diffsApplied;
    private boolean first = true;

    void load(JsonNode snapshot) {
      lastUpdateId = snapshot.get("lastUpdateId").asLong();
      snapshot.get("bids").forEach(level -> set("BUY", level));
      snapshot.get("asks").forEach(level -> set("SELL", level));
    }

    void apply(JsonNode diff) {
      long firstId = diff.get("U").asLong();
      long lastId = diff.get("u").asLong();
      if (lastId <= lastUpdateId) {
        return;
      }
      if (first) {
        assertThat(firstId).as("the first diff after the snapshot spans it").isLessThanOrEqualTo(lastUpdateId + 1);
        first = false;
      } else {
        assertThat(firstId).as("diffs follow on with no gap").isEqualTo(lastUpdateId + 1);
      }
      diff.get("b").forEach(level -> set("BUY", level));
      diff.get("a").forEach(level -> set("SELL", level));
      lastUpdateId = lastId;
      diffsApplied++;
    }

    private void set(String side, JsonNode level) {
      String key = side + " " + new BigDecimal(level.get(0).asText()).stripTrailingZeros().toPlainString();
      BigDecimal quantity = new BigDecimal(level.get(1).asText());
      if (quantity.signum() == 0) {
        levels.remove(key);
      } else {
        levels.put(key, quantity.stripTrailingZeros());
      }
    }
  }
}
