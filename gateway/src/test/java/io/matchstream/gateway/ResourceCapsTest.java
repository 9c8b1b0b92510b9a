package io.matchstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.matchstream.client.CommandProducer;
import io.matchstream.client.RequestSigning;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The gateway's bounds on what one client may hold, on a gateway of its own with low caps: 5
 * WebSocket connections per IP, 2 per user, 10 streams per connection, 3 listen keys per user, 64
 * KiB queued per client, 4 Tomcat threads, a 2 s read timeout and a 4 s body deadline. Each cap is
 * passed and refused, and what was open before keeps working. Markets BNDA-USDT (depth), BNDB-USDT
 * (orders, streams) and BNDC-USDT (a slow reader) are this class's own; users {@code bounded1} and
 * {@code bounded2}.
 */
class ResourceCapsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicLong ids = new AtomicLong();
  private static GatewayFixture stack;
  private static ConfigurableApplicationContext capped;
  private static String base;
  private static GatewayClient gateway;

  @BeforeAll
  static void start() throws Exception {
    stack = GatewayFixture.get();
    capped = stack.startGateway(
        "--matchstream.gateway.ip-requests-per-second=100000",
        "--matchstream.gateway.ws-connections-per-ip=5", "--matchstream.gateway.ws-connections-per-user=2",
        "--matchstream.gateway.streams-per-connection=10", "--matchstream.gateway.listen-keys-per-user=3",
        "--matchstream.gateway.stream-buffer-limit-bytes=65536",
        // only the byte cap drops a slow reader here
        "--matchstream.gateway.stream-send-time-limit-ms=600000",
        "--matchstream.gateway.result-timeout-ms=4000", "--matchstream.gateway.history=1",
        "--matchstream.gateway.body-timeout-ms=4000",
        "--server.tomcat.threads.max=4", "--server.tomcat.threads.min-spare=1",
        "--server.tomcat.connection-timeout=2s");
    base = GatewayFixture.base(capped);
    gateway = new GatewayClient(base, GatewayFixture.adminBase(capped));
    try (CommandProducer producer = new CommandProducer(stack.client, CommandProducer.REFERENCE_GRACE)) {
      for (String asset : List.of("BNDA", "BNDB", "BNDC")) {
        producer.send("{\"type\":\"asset\",\"asset\":\"" + asset + "\",\"scale\":8}");
        producer.send("{\"type\":\"symbol\",\"symbol\":\"" + asset + "-USDT\",\"base\":\"" + asset + "\",\"quote\":"
            + "\"USDT\",\"tickSize\":\"0.01\",\"lotSize\":\"1\",\"minNotional\":\"1\",\"makerFeeRate\":\"0.001\","
            + "\"takerFeeRate\":\"0.002\"}");
      }
      producer.awaitProcessed();
    }
    GatewayClient.awaitTrue(() -> gateway.publicGet("/api/v3/exchangeInfo?symbol=BNDBUSDT").statusCode() == 200
        && gateway.publicGet("/api/v3/exchangeInfo?symbol=BNDAUSDT").statusCode() == 200);
  }

  @AfterAll
  static void stop() {
    capped.close();
  }

  /** Each test starts with no WebSocket open: the caps count what earlier tests closed only once the server saw it. */
  @BeforeEach
  void noSessionsOpen() throws Exception {
    GatewayClient.awaitTrue(() -> sessions() == 0);
  }

  @Test
  void connectionsPerIpAreCappedAndCountDownOnClose() throws Exception {
    List<StreamClient> open = new ArrayList<>();
    try {
      for (int i = 0; i < 5; i++) {
        open.add(new StreamClient(base, "/ws/" + i));
      }
      assertThat(handshake("/ws/5")).as("the 6th connection from one IP").isEqualTo(429);
      assertThat(handshake("/ws-api/v3")).as("the WebSocket API counts too").isEqualTo(429);
      for (int i = 0; i < open.size(); i++) {
        open.get(i).send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":" + i + "}");
        assertThat(open.get(i).next("\"id\":" + i)).as("the earlier ones still work").contains("\"result\":[]");
      }
      open.remove(0).close();
      open.remove(0).close();
      GatewayClient.awaitTrue(() -> sessions() == 3);
      open.add(new StreamClient(base, "/ws/6"));
      open.add(new StreamClient(base, "/ws/7"));
      open.get(4).send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":70}");
      assertThat(open.get(4).next("\"id\":70")).contains("\"result\":[]");
      assertThat(handshake("/ws/8")).as("full again").isEqualTo(429);
      assertThat(metrics()).containsPattern("matchstream_gateway_ws_refused_total [1-9]");
    } finally {
      open.forEach(StreamClient::close);
    }
  }

  @Test
  void connectionsPerUserAreCappedOnListenKeyStreamsAndTheWebSocketApi() throws Exception {
    String listenKey = GatewayClient.field(gateway.binance("bounded1", "POST", "/api/v3/userDataStream", "").body(),
        "listenKey");
    StreamClient first = new StreamClient(base, "/ws/" + listenKey);
    try (StreamClient second = new StreamClient(base, "/ws/" + listenKey);
        StreamClient api = new StreamClient(base, "/ws-api/v3")) {
      assertThat(handshake("/ws/" + listenKey)).as("a third stream of the user's").isEqualTo(429);
      api.send(subscribeUser("bounded1", "s1"));
      assertThat(api.next("\"id\":\"s1\"")).as("a WebSocket API session as the same user")
          .contains("\"status\":429", "\"code\":-1034");
      api.send(subscribeUser("bounded2", "s2"));
      assertThat(api.next("\"id\":\"s2\"")).as("another user on the same session").contains("\"status\":200");
      second.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":1}");
      assertThat(second.next("\"id\":1")).as("the user's open streams still work").contains("\"result\":[]");
      first.close();
      GatewayClient.awaitTrue(() -> sessions() == 2);
      api.send(subscribeUser("bounded1", "s3"));
      assertThat(api.next("\"id\":\"s3\"")).as("room again once one closed").contains("\"status\":200");
      assertThat(handshake("/ws/" + listenKey)).as("and the user is full again").isEqualTo(429);
    } finally {
      first.close();
    }
  }

  @Test
  void subscriptionsPerConnectionAreCapped() throws Exception {
    List<String> ten = List.of("bndbusdt@trade", "bndbusdt@aggTrade", "bndbusdt@bookTicker", "bndbusdt@depth",
        "bndbusdt@depth5", "bndbusdt@depth10", "bndbusdt@depth20", "bndbusdt@ticker", "bndbusdt@miniTicker",
        "bndbusdt@kline_1m");
    try (StreamClient client = new StreamClient(base, "/ws")) {
      client.send("{\"method\":\"SUBSCRIBE\",\"params\":" + JSON.writeValueAsString(ten) + ",\"id\":1}");
      assertThat(client.next("\"id\":1")).isEqualTo("{\"result\":null,\"id\":1}");
      client.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"bndbusdt@trade\"],\"id\":2}");
      assertThat(client.next("\"id\":2")).as("one already held is no new stream").isEqualTo("{\"result\":null,\"id\":2}");
      client.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"bndbusdt@kline_5m\",\"bndbusdt@kline_1h\"],\"id\":3}");
      assertThat(client.next("\"id\":3")).contains("\"error\":{", "\"code\":2", "at most 10 streams per connection");
      client.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":4}");
      JsonNode listed = JSON.readTree(client.next("\"id\":4")).get("result");
      assertThat(listed).hasSize(10);
      assertThat(listed.toString()).doesNotContain("kline_5m", "kline_1h");
    }
    List<String> eleven = new ArrayList<>();
    for (int i = 1; i <= 11; i++) {
      eleven.add("bndbusdt@kline_" + List.of("1s", "1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h").get(i - 1));
    }
    assertThat(handshake("/stream?streams=" + String.join("/", eleven))).as("a combined URL of 11").isEqualTo(400);
    assertThat(handshake("/ws/" + String.join("/", eleven))).as("a raw URL of 11").isEqualTo(400);
    assertThat(handshake("/stream?streams=" + String.join("/", eleven.subList(0, 10)))).as("10 are fine")
        .isEqualTo(101);
    // the WebSocket API: subscriptions per session
    GatewayClient.awaitTrue(() -> sessions() == 0);
    try (StreamClient api = new StreamClient(base, "/ws-api/v3")) {
      for (int i = 0; i < 10; i++) {
        api.send(subscribeUser("bounded2", "a" + i));
        assertThat(api.next("\"id\":\"a" + i + "\"")).contains("\"status\":200");
      }
      api.send(subscribeUser("bounded2", "a10"));
      assertThat(api.next("\"id\":\"a10\"")).contains("\"status\":400", "\"code\":-1101");
    }
  }

  @Test
  void listenKeysPerUserAreCappedAndNoneIsDroppedToMakeRoom() throws Exception {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> created = gateway.binance("bounded2", "POST", "/api/v3/userDataStream", "");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
      keys.add(GatewayClient.field(created.body(), "listenKey"));
    }
    HttpResponse<String> refused = gateway.binance("bounded2", "POST", "/api/v3/userDataStream", "");
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("\"code\":-1034", "current limit is 3");
    for (String key : keys) {
      assertThat(gateway.binance("bounded2", "PUT", "/api/v3/userDataStream", "listenKey=" + key).statusCode())
          .as("every earlier key still lives").isEqualTo(200);
    }
    assertThat(gateway.binance("bounded1", "POST", "/api/v3/userDataStream", "").statusCode()).as("another user")
        .isEqualTo(200);
    assertThat(gateway.binance("bounded2", "DELETE", "/api/v3/userDataStream", "listenKey=" + keys.get(0))
        .statusCode()).isEqualTo(200);
    assertThat(gateway.binance("bounded2", "POST", "/api/v3/userDataStream", "").statusCode()).as("room again")
        .isEqualTo(200);
  }

  @Test
  void aClientThatDoesNotReadIsCutOffAtTheByteCapWhileAnotherKeepsReceiving() throws Exception {
    String overBytes = "matchstream_gateway_ws_dropped_total{reason=\"queue-bytes\"}";
    double droppedBefore = counter(overBytes);
    double otherDropsBefore = counter("matchstream_gateway_ws_dropped_total") - droppedBefore;
    String streams = "bndcusdt@trade/bndcusdt@aggTrade/bndcusdt@depth/bndcusdt@bookTicker";
    try (StreamClient fast = new StreamClient(base, "/ws/bndcusdt@trade");
        Socket slow = StreamClient.nonReader(base, "/ws/" + streams);
        CommandProducer producer = new CommandProducer(stack.client, CommandProducer.REFERENCE_GRACE)) {
      InputStream in = slow.getInputStream();
      // from here on the slow client reads nothing, and trades come: each ~700 bytes of its streams,
      // so a few hundred pass 64 KiB and the few kilobytes the sockets buffer
      producer.send(deposit("bndc-seller", "BNDC", "100000"));
      producer.send(deposit("bndc-buyer", "USDT", "100000"));
      int trades = 0;
      while (trades < 2000 && counter(overBytes) == droppedBefore) {
        for (int i = 0; i < 50; i++, trades++) {
          producer.send(place("bndc-seller", "cs-" + trades, "BNDC-USDT", "SELL", "1.00", "1"));
          producer.send(place("bndc-buyer", "cb-" + trades, "BNDC-USDT", "BUY", "1.00", "1"));
        }
        producer.awaitProcessed();
      }
      GatewayClient.awaitTrue(() -> counter(overBytes) > droppedBefore);
      assertThat(counter("matchstream_gateway_ws_dropped_total") - counter(overBytes)).as("no other drop")
          .isEqualTo(otherDropsBefore);
      for (int i = 0; i < 50; i++, trades++) {  // and trades go on after the drop
        producer.send(place("bndc-seller", "cs-" + trades, "BNDC-USDT", "SELL", "1.00", "1"));
        producer.send(place("bndc-buyer", "cb-" + trades, "BNDC-USDT", "BUY", "1.00", "1"));
      }
      for (int id = 1; id <= trades; id++) {
        assertThat(fast.next("\"e\":\"trade\"")).as("the other client gets trade %d, in order", id)
            .contains("\"t\":" + id + ",");
      }
      // the slow one, read now: what the sockets held, then the end (a client that reads nothing
      // cannot count on the close frame: its connection is cut)
      slow.setSoTimeout(30_000);
      ByteArrayOutputStream rest = new ByteArrayOutputStream();
      try {
        in.transferTo(rest);
      } catch (SocketTimeoutException e) {
        throw new AssertionError("the slow client's connection is still open", e);
      } catch (IOException e) {
        // reset: cut off
      }
      assertThat(rest.size()).as("the slow client got a fraction of the %d trades' messages", trades)
          .isLessThan(trades * 300);
    }
  }

  @Test
  void resultOrdersWaitWithoutHoldingServletThreads() throws Exception {
    gateway.deposit("bounded1", "USDT", "100000", "bounded-u1");
    gateway.deposit("bounded2", "BNDB", "100", "bounded-b1");
    GatewayClient.awaitTrue(() -> account("bounded2").contains("\"asset\":\"BNDB\""));
    GatewayClient.awaitTrue(() -> account("bounded1").contains("\"asset\":\"USDT\""));
    // a FULL order waits for its fills without a thread, and the filters' attributes reach it
    HttpResponse<String> sell = gateway.binance("bounded2", "POST", "/api/v3/order",
        "symbol=BNDBUSDT&side=SELL&type=LIMIT&timeInForce=GTC&price=5.00&quantity=2&newOrderRespType=RESULT");
    assertThat(sell.body()).contains("\"status\":\"NEW\"");
    HttpResponse<String> buy = gateway.binance("bounded1", "POST", "/api/v3/order",
        "symbol=BNDBUSDT&side=BUY&type=LIMIT&timeInForce=GTC&price=5.00&quantity=2&newOrderRespType=FULL");
    assertThat(buy.statusCode()).as(buy.body()).isEqualTo(200);
    assertThat(buy.headers().firstValue("X-MBX-USED-WEIGHT-1M")).isPresent();
    assertThat(buy.body()).contains("\"status\":\"FILLED\"", "\"fills\":[{\"price\":\"5\",\"qty\":\"2\"");
    HttpResponse<String> refused = gateway.binance("bounded1", "POST", "/api/v3/order",
        "symbol=BNDBUSDT&side=BUY&type=LIMIT&timeInForce=GTC&price=5.00&quantity=100000&newOrderRespType=RESULT");
    assertThat(refused.statusCode()).as("the engine's refusal, from the async answer").isEqualTo(400);
    assertThat(refused.body()).contains("\"code\":-2010");

    // dup-1 ends, then dup-2 ends and pushes it out of the view (history 1): a new order with the
    // client id dup-1 is sent, the engine refuses it as a duplicate, and the view (rightly) shows
    // nothing of that: each such RESULT order waits its whole result-timeout-ms
    for (String id : List.of("dup-1", "dup-2")) {
      assertThat(gateway.binance("bounded1", "POST", "/api/v3/order", "symbol=BNDBUSDT&side=BUY&type=LIMIT"
          + "&timeInForce=IOC&price=1.00&quantity=1&newOrderRespType=RESULT&newClientOrderId=" + id).body())
          .containsPattern("\"status\":\"(EXPIRED|CANCELED)\"");
    }
    assertThat(gateway.binance("bounded1", "GET", "/api/v3/order", "symbol=BNDBUSDT&origClientOrderId=dup-1")
        .body()).as("dup-1 is out of the view").contains("\"code\":-2013");
    HttpClient http = HttpClient.newHttpClient();
    List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
    long now = System.currentTimeMillis();
    for (int i = 0; i < 12; i++) {  // three times Tomcat's 4 threads
      waiting.add(http.sendAsync(gateway.binanceRequest("bounded1-key", "bounded1-secret", "POST", "/api/v3/order",
          "symbol=BNDBUSDT&side=BUY&type=LIMIT&timeInForce=IOC&price=1.00&quantity=1&newOrderRespType=RESULT"
              + "&newClientOrderId=dup-1&recvWindow=" + (10_000 + i), now), HttpResponse.BodyHandlers.ofString()));
    }
    Thread.sleep(1_000);  // let them all reach the gateway
    HttpResponse<String> ping = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v3/ping"))
        .timeout(java.time.Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    List<Boolean> doneAtPing = waiting.stream().map(CompletableFuture::isDone).toList();
    assertThat(ping.statusCode()).isEqualTo(200);
    assertThat(doneAtPing).as("ping answered while all 12 orders still waited").containsOnly(false);
    for (CompletableFuture<HttpResponse<String>> order : waiting) {
      HttpResponse<String> timedOut = order.get(30, TimeUnit.SECONDS);
      assertThat(timedOut.statusCode()).as(timedOut.body()).isEqualTo(503);
      assertThat(timedOut.body()).contains("\"code\":-1007", "Timeout waiting for response from backend server");
    }
  }

  @Test
  void depthReadsOfFiveThousandLevelsDoNotHoldUpTheFeedAndEachIsConsistent() throws Exception {
    List<String> users = List.of("bnda-1", "bnda-2");
    try (StreamClient diffs = new StreamClient(base, "/ws/bndausdt@depth");
        CommandProducer producer = new CommandProducer(stack.client, CommandProducer.REFERENCE_GRACE)) {
      JsonNode before = JSON.readTree(gateway.publicGet("/api/v3/depth?symbol=BNDAUSDT&limit=5000").body());
      long start = before.get("lastUpdateId").asLong();
      Book book = new Book();
      book.load(before);
      for (String user : users) {
        producer.send(deposit(user, "USDT", "1000000000"));
        producer.send(deposit(user, "BNDA", "1000000000"));
      }
      AtomicBoolean flowing = new AtomicBoolean(true);
      // snapshots by lastUpdateId, each checked for order as it comes
      Map<Long, Map<String, BigDecimal>> snapshots = new ConcurrentHashMap<>();
      List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
      AtomicLong reads = new AtomicLong();
      List<Thread> readers = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        Thread reader = new Thread(() -> {
          GatewayClient client = new GatewayClient(base);
          long last = -1;
          try {
            while (flowing.get()) {
              JsonNode depth = JSON.readTree(client.publicGet("/api/v3/depth?symbol=BNDAUSDT&limit=5000").body());
              long id = depth.get("lastUpdateId").asLong();
              assertThat(id).as("lastUpdateId never goes back").isGreaterThanOrEqualTo(last);
              last = id;
              List<BigDecimal> bids = prices(depth.get("bids"));
              List<BigDecimal> asks = prices(depth.get("asks"));
              assertThat(bids).as("bids best first").isSortedAccordingTo(Collections.reverseOrder());
              assertThat(asks).as("asks best first").isSortedAccordingTo(BigDecimal::compareTo);
              assertThat(bids).doesNotHaveDuplicates();
              assertThat(asks).doesNotHaveDuplicates();
              if (!bids.isEmpty() && !asks.isEmpty()) {
                assertThat(bids.get(0)).as("the book is not crossed").isLessThan(asks.get(0));
              }
              if (snapshots.size() < 200) {
                Book seen = new Book();
                seen.load(depth);
                snapshots.putIfAbsent(id, seen.levels);
              }
              reads.incrementAndGet();
            }
          } catch (Throwable e) {
            failures.add(e);
          }
        });
        reader.start();
        readers.add(reader);
      }
      // resting orders over 3,000 price levels on each side (bids 1.00-29.99, asks 30.00-59.99), a fifth canceled
      Random random = new Random(7);
      List<String> placed = new ArrayList<>();
      int diffsDuringReads;
      try {
        for (int i = 0; i < 3000; i++) {
          String user = users.get(random.nextInt(users.size()));
          if (!placed.isEmpty() && random.nextInt(5) == 0) {
            String[] cancel = placed.remove(random.nextInt(placed.size())).split(" ");
            producer.send("{\"type\":\"cancel\",\"orderId\":\"" + cancel[1] + "\",\"userId\":\"" + cancel[0]
                + "\",\"symbol\":\"BNDA-USDT\",\"ts\":" + System.currentTimeMillis() + "}");
            continue;
          }
          boolean buy = random.nextBoolean();
          String price = BigDecimal.valueOf((buy ? 100 : 3000) + random.nextInt(2900), 2).toPlainString();
          String orderId = "bnda-" + i;
          placed.add(user + " " + orderId);
          producer.send(place(user, orderId, "BNDA-USDT", buy ? "BUY" : "SELL", price, "" + (1 + random.nextInt(9))));
        }
        producer.awaitProcessed();
        diffsDuringReads = diffs.messages.size();
      } finally {
        flowing.set(false);
        for (Thread reader : readers) {
          reader.join(30_000);
        }
      }
      assertThat(failures).isEmpty();
      assertThat(reads.get()).as("depth reads ran all along").isGreaterThan(10);
      assertThat(diffsDuringReads).as("the feed went on applying: its diffs arrived while reads ran").isPositive();

      JsonNode after = JSON.readTree(gateway.publicGet("/api/v3/depth?symbol=BNDAUSDT&limit=5000").body());
      Book last = new Book();
      last.load(after);
      snapshots.put(after.get("lastUpdateId").asLong(), last.levels);
      assertThat(last.levels.size()).as("a deep book").isGreaterThan(1000);
      // every snapshot taken where a diff ends holds exactly the levels the diffs make up to it
      long end = after.get("lastUpdateId").asLong();
      int compared = 0;
      book.lastUpdateId = start;
      while (book.lastUpdateId < end) {
        String message = diffs.messages.poll(30, TimeUnit.SECONDS);
        assertThat(message).as("diffs up to " + end).isNotNull();
        JsonNode diff = JSON.readTree(message);
        assertThat(diff.get("U").asLong()).as("diffs follow on with no gap").isEqualTo(book.lastUpdateId + 1);
        book.apply(diff);
        Map<String, BigDecimal> snapshot = snapshots.get(book.lastUpdateId);
        if (snapshot != null) {
          assertThat(snapshot).as("the snapshot of lastUpdateId " + book.lastUpdateId).isEqualTo(book.levels);
          compared++;
        }
      }
      assertThat(compared).as("snapshots compared with the diffs' book").isPositive();
    }
  }

  @Test
  void oversizedAndSlowRequestsAreCutOff() throws Exception {
    String big = "symbol=BNDBUSDT&pad=" + "x".repeat(70_000);
    HttpResponse<String> oversized = gateway.send(HttpRequest.newBuilder(URI.create(base + "/api/v3/order"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(big)).build());
    assertThat(oversized.statusCode()).isEqualTo(413);
    assertThat(oversized.body()).contains("\"code\":-1000");
    HttpResponse<String> chunked = gateway.send(HttpRequest.newBuilder(URI.create(base + "/api/v3/order"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
            big.getBytes(StandardCharsets.US_ASCII)))).build());
    assertThat(chunked.statusCode()).as("a chunked body with no length").isEqualTo(413);
    HttpResponse<String> header = gateway.send(HttpRequest.newBuilder(URI.create(base + "/api/v3/ping"))
        .header("X-Padding", "y".repeat(10_000)).build());
    assertThat(header.statusCode()).as("a header over 8 KB").isEqualTo(400);
    assertThat(gateway.publicGet("/api/v3/ping").statusCode()).isEqualTo(200);

    URI uri = URI.create(base);
    // headers that stop halfway: the connection is closed after the 2 s read timeout
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write(("GET /api/v3/ping HTTP/1.1\r\nHost: " + uri.getHost() + "\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      assertThat(readToEnd(socket)).as("no answer to half a request").doesNotContain("200");
    }
    // a body that stops: 408 once Tomcat's read times out (Tomcat answers it, in Spring's error form)
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write(bodyHead(uri, 100).concat("symbol=BNDB").getBytes(StandardCharsets.US_ASCII));
      assertThat(readToEnd(socket)).as("Tomcat's own 408 for a read timeout").startsWith("HTTP/1.1 408");
    }
    // a body that trickles in, a byte every 500 ms (each under the read timeout): 408 at the 4 s deadline
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(bodyHead(uri, 100).getBytes(StandardCharsets.US_ASCII));
      Thread trickle = new Thread(() -> {
        try {
          for (int i = 0; i < 60; i++) {
            out.write('a');
            out.flush();
            Thread.sleep(500);
          }
        } catch (IOException | InterruptedException e) {
          // the gateway gave up on it: expected
        }
      });
      trickle.setDaemon(true);
      trickle.start();
      assertThat(readToEnd(socket)).startsWith("HTTP/1.1 408").contains("\"code\":-1000", "within 4000 ms");
      trickle.interrupt();
    }
    assertThat(gateway.publicGet("/api/v3/ping").statusCode()).isEqualTo(200);
  }

  private static String bodyHead(URI uri, int length) {
    return "POST /api/v3/order HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nX-MBX-APIKEY: bounded1-key\r\n"
        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + length + "\r\n\r\n";
  }

  /** What the server sends until it closes; fails on the socket's timeout (the server never cut it off). */
  private static String readToEnd(Socket socket) throws IOException {
    ByteArrayOutputStream read = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    try {
      for (int n; (n = socket.getInputStream().read(buffer)) >= 0; ) {
        read.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the server kept the connection open 30 s; read: " + read, e);
    } catch (IOException e) {
      // reset by the server: it cut the connection
    }
    return read.toString(StandardCharsets.ISO_8859_1);
  }

  /** The status of a WebSocket handshake on {@code path}: 101 when it opened (then closed at once). */
  private static int handshake(String path) throws Exception {
    try {
      WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
          .buildAsync(URI.create(base.replaceFirst("^http", "ws") + path), new WebSocket.Listener() {})
          .get(10, TimeUnit.SECONDS);
      socket.abort();
      return 101;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException refused) {
        return refused.getResponse().statusCode();
      }
      throw e;
    }
  }

  /** userDataStream.subscribe.signature as {@code user}, signed as Binance's WebSocket API signs. */
  private static String subscribeUser(String user, String id) {
    long timestamp = System.currentTimeMillis();
    String signature = RequestSigning.sign(user + "-secret", "apiKey=" + user + "-key&timestamp=" + timestamp);
    return "{\"id\":\"" + id + "\",\"method\":\"userDataStream.subscribe.signature\",\"params\":{\"apiKey\":\""
        + user + "-key\",\"timestamp\":" + timestamp + ",\"signature\":\"" + signature + "\"}}";
  }

  private static List<BigDecimal> prices(JsonNode levels) {
    List<BigDecimal> prices = new ArrayList<>();
    levels.forEach(level -> prices.add(new BigDecimal(level.get(0).asText())));
    return prices;
  }

  private static String account(String user) throws Exception {
    return gateway.binance(user, "GET", "/api/v3/account", "").body();
  }

  private static String metrics() throws Exception {
    return gateway.metrics();
  }

  private static double counter(String name) throws Exception {
    return metrics().lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  private static int sessions() throws Exception {
    return (int) counter("matchstream_gateway_ws_sessions");
  }

  private static String place(String user, String orderId, String symbol, String side, String price, String qty) {
    return "{\"type\":\"place\",\"orderId\":\"" + orderId + "\",\"userId\":\"" + user + "\",\"symbol\":\"" + symbol
        + "\",\"side\":\"" + side + "\",\"orderType\":\"LIMIT\",\"timeInForce\":\"GTC\",\"price\":\"" + price
        + "\",\"quantity\":\"" + qty + "\",\"ts\":" + System.currentTimeMillis() + "}";
  }

  private static String deposit(String user, String asset, String amount) {
    return "{\"type\":\"deposit\",\"userId\":\"" + user + "\",\"asset\":\"" + asset + "\",\"amount\":\"" + amount
        + "\",\"txId\":\"caps-" + ids.incrementAndGet() + "-" + System.nanoTime() + "\",\"ts\":"
        + System.currentTimeMillis() + "}";
  }

  /** A client's book: level ({@code SIDE price}) to quantity, and the last update applied. */
  private static final class Book {
    final Map<String, BigDecimal> levels = new TreeMap<>();
    long lastUpdateId;

    void load(JsonNode snapshot) {
      lastUpdateId = snapshot.get("lastUpdateId").asLong();
      snapshot.get("bids").forEach(level -> set("BUY", level));
      snapshot.get("asks").forEach(level -> set("SELL", level));
    }

    void apply(JsonNode diff) {
      diff.get("b").forEach(level -> set("BUY", level));
      diff.get("a").forEach(level -> set("SELL", level));
      lastUpdateId = diff.get("u").asLong();
    }

    private void set(String side, JsonNode level) {
      String key = side + " " + new BigDecimal(level.get(0).asText()).stripTrailingZeros().toPlainString();
      BigDecimal quantity = new BigDecimal(level.get(1).asText()).stripTrailingZeros();
      if (quantity.signum() == 0) {
        levels.remove(key);
      } else {
        levels.put(key, quantity);
      }
    }
  }
}
