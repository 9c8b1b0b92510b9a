package io.matchstream.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.app.AppConfig;
import io.matchstream.client.CommandProducer;
import io.matchstream.codec.JsonCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

/**
 * A symbol listed and traded at once, on two instances whose global stores learn the listing each
 * on its own schedule: whatever the book's instance knew when an order reached it, every order
 * gets an answer, every lock is released or held by an open order, and no money appears or
 * vanishes. The commands follow the listing with no wait, as a client sending both would.
 */
class ListAndTradeAtOnceTest {
  private static final int SYMBOLS = 6;
  private static final int USERS = 24;

  @Test
  void ordersRightAfterAListingAreAnsweredAndSettled() throws Exception {
    SharedStack stack = SharedStack.get();
    stack.resetTopics();
    String appId = "list-at-once";
    List<AppNode> apps = List.of(stack.app(appId, 4), stack.app(appId, 4));
    for (AppNode app : apps) {
      app.start(Duration.ofSeconds(120));
    }
    AppConfig config = stack.clientConfig(appId);
    List<String> setUp = new ArrayList<>();
    setUp.add("{\"type\":\"asset\",\"asset\":\"USDT\",\"scale\":6}");
    for (int s = 0; s < SYMBOLS; s++) {
      setUp.add("{\"type\":\"asset\",\"asset\":\"N" + s + "\",\"scale\":8}");
    }
    for (int u = 0; u < USERS; u++) {
      setUp.add(deposit(u, "USDT", "100000"));
      for (int s = 0; s < SYMBOLS; s++) {
        setUp.add(deposit(u, "N" + s, "100"));
      }
    }
    Feeds.produce(config, setUp);

    List<String> rush = new ArrayList<>();
    JsonCodec codec = new JsonCodec();
    try (KafkaProducer<String, SpecificRecord> producer = CommandProducer.kafkaProducer(config, Map.of())) {
      for (int s = 0; s < SYMBOLS; s++) {
        rush.add("{\"type\":\"symbol\",\"symbol\":\"N" + s + "-USDT\",\"base\":\"N" + s + "\",\"quote\":\"USDT\","
            + "\"tickSize\":\"0.01\",\"lotSize\":\"0.001\",\"minNotional\":\"1\",\"makerFeeRate\":\"0.001\","
            + "\"takerFeeRate\":\"0.002\",\"status\":\"TRADING\"}");
        for (int u = 0; u < USERS; u++) {
          String side = u % 2 == 0 ? "SELL" : "BUY";
          String price = u % 2 == 0 ? "10.00" : "10.05";
          rush.add("{\"type\":\"place\",\"orderId\":\"o" + s + "-" + u + "\",\"userId\":\"u" + u + "\",\"symbol\":\"N" + s
              + "-USDT\",\"side\":\"" + side + "\",\"orderType\":\"LIMIT\",\"timeInForce\":\"GTC\",\"price\":\""
              + price + "\",\"quantity\":\"1.5\",\"ts\":" + (1000 + s * USERS + u) + "}");
        }
      }
      for (String line : rush) {
        producer.send(CommandProducer.record(codec.readCommand(line)));
      }
      producer.flush();
    }
    stack.awaitIdle(appId, Duration.ofSeconds(120));
    List<String> events = Feeds.readAll(config);
    apps.forEach(AppNode::stop);

    List<String> all = new ArrayList<>(setUp);
    all.addAll(rush);
    long unknown = events.stream().filter(e -> e.contains("UNKNOWN_SYMBOL")).count();
    long notReady = events.stream().filter(e -> e.contains("MARKET_NOT_READY")).count();
    long traded = events.stream().filter(e -> e.contains("\"type\":\"trade\"")).count();
    System.out.printf("list and trade at once: %d trades; refused before the listing reached the risk stage's "
        + "instance: %d, the book's (after its wait): %d%n", traded, unknown, notReady);
    assertThat(traded).as("orders traded once the listing was known").isPositive();
    Invariants.check(all, events);
  }

  private static String deposit(int user, String asset, String amount) {
    return "{\"type\":\"deposit\",\"userId\":\"u" + user + "\",\"asset\":\"" + asset + "\",\"amount\":\"" + amount
        + "\",\"txId\":\"d-" + asset + "\",\"ts\":1}";
  }
}
