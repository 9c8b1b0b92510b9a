package io.matchstream.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.matchstream.codec.JsonCodec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What must hold of a run's committed events however it was interrupted: each trade once, each
 * order that the exchange could read an event and at most one final state and nothing after it,
 * delta seq contiguous per symbol, per user and asset the locked balance equal to what the user's
 * open orders still hold, and per asset the balances (the markets' fee accounts included) sum to
 * the deposits minus the withdrawals that were accepted.
 */
final class Invariants {
  private static final Set<String> FINAL = Set.of("FILLED", "CANCELED", "EXPIRED", "REJECTED");

  private Invariants() {}

  static void check(List<String> commands, List<String> events) {
    Map<String, List<Long>> tradeIds = new TreeMap<>();
    Map<String, List<Long>> deltaSeqs = new TreeMap<>();
    Map<String, Integer> finals = new HashMap<>();
    List<String> afterFinal = new ArrayList<>();
    Map<String, BigDecimal> balances = new HashMap<>();
    Map<String, BigDecimal> locked = new TreeMap<>();
    Map<String, JsonNode> lastOrderEvent = new HashMap<>();
    Set<String> rejectedTransfers = new HashSet<>();
    for (String line : events) {
      JsonNode e = Outcome.parse(line);
      switch (e.get("type").asText()) {
        case "trade" -> tradeIds.computeIfAbsent(e.get("symbol").asText(), s -> new ArrayList<>())
            .add(e.get("tradeId").asLong());
        case "delta" -> deltaSeqs.computeIfAbsent(e.get("symbol").asText(), s -> new ArrayList<>())
            .add(e.get("seq").asLong());
        case "order" -> {
          String order = e.get("userId").asText() + " " + e.get("orderId").asText();
          lastOrderEvent.put(order, e);
          if (finals.containsKey(order)) {
            afterFinal.add(line);
          }
          if (FINAL.contains(e.get("status").asText())) {
            finals.merge(order, 1, Integer::sum);
          }
        }
        case "balance" -> {
          String key = e.get("userId").asText() + " " + e.get("asset").asText();
          balances.put(key, new BigDecimal(e.get("available").asText()).add(new BigDecimal(e.get("locked").asText())));
          locked.put(key, new BigDecimal(e.get("locked").asText()));
        }
        case "reject" -> {
          if (!e.get("txId").isNull()) {
            rejectedTransfers.add(e.get("userId").asText() + " " + e.get("txId").asText());
          }
        }
        default -> { }
      }
    }
    tradeIds.forEach((symbol, ids) -> assertThat(ids).as("trade ids of " + symbol).isEqualTo(oneTo(ids.size())));
    deltaSeqs.forEach((symbol, seqs) -> assertThat(seqs).as("delta seq of " + symbol).isEqualTo(oneTo(seqs.size())));
    assertThat(afterFinal).as("order events after a final state").isEmpty();
    assertThat(finals.values()).as("final states per order").allMatch(n -> n == 1);

    checkOrdersAndLocks(commands, lastOrderEvent, locked);

    // each transfer of the stream has its own txId: it was applied unless it was rejected
    Map<String, BigDecimal> expected = new TreeMap<>();
    Set<String> seenTx = new HashSet<>();
    for (String line : commands) {
      JsonNode c = Outcome.parse(line);
      String type = c.get("type").asText();
      if (type.equals("deposit") || type.equals("withdraw")) {
        String tx = c.get("userId").asText() + " " + c.get("txId").asText();
        assertThat(seenTx.add(tx)).as("txId used once in the stream: " + tx).isTrue();
        if (!rejectedTransfers.contains(tx)) {
          BigDecimal amount = new BigDecimal(c.get("amount").asText());
          expected.merge(c.get("asset").asText(), type.equals("deposit") ? amount : amount.negate(), BigDecimal::add);
        }
      }
    }
    Map<String, BigDecimal> actual = new TreeMap<>();
    balances.forEach((key, total) -> actual.merge(key.substring(key.indexOf(' ') + 1), total, BigDecimal::add));
    expected.forEach((asset, total) -> assertThat(actual.getOrDefault(asset, BigDecimal.ZERO))
        .as("sum of balances of " + asset).isEqualByComparingTo(total));
  }

  /**
   * Every place the exchange could read (not MALFORMED) got an order event, and per user and asset
   * the locked balance is what the user's open orders still hold: a limit buy its price times what
   * is left, a market buy its quote, a sell what is left.
   */
  private static void checkOrdersAndLocks(
      List<String> commands, Map<String, JsonNode> lastOrderEvent, Map<String, BigDecimal> locked) {
    JsonCodec codec = new JsonCodec();
    Map<String, String[]> assetsOf = new HashMap<>();
    Map<String, JsonNode> places = new HashMap<>();
    List<String> withoutEvent = new ArrayList<>();
    for (String line : commands) {
      JsonNode c = Outcome.parse(line);
      String type = c.path("type").asText();
      if (type.equals("symbol")) {
        assetsOf.put(c.get("symbol").asText(), new String[] {c.get("base").asText(), c.get("quote").asText()});
      } else if (type.equals("place")
          && ((io.matchstream.schema.Command) codec.readCommand(line)).getBody() instanceof io.matchstream.schema.Place) {
        String order = c.get("userId").asText() + " " + c.get("orderId").asText();
        places.putIfAbsent(order, c);
        if (!lastOrderEvent.containsKey(order)) {
          withoutEvent.add(line);
        }
      }
    }
    assertThat(withoutEvent).as("orders that never got an event").isEmpty();
    Map<String, BigDecimal> held = new TreeMap<>();
    lastOrderEvent.forEach((order, e) -> {
      String status = e.get("status").asText();
      if (!status.equals("NEW") && !status.equals("PARTIALLY_FILLED")) {
        return;
      }
      JsonNode place = places.get(order);
      String[] assets = assetsOf.get(e.get("symbol").asText());
      BigDecimal quantity = new BigDecimal((e.hasNonNull("quantity") ? e : place).get("quantity").asText());
      BigDecimal left = quantity.subtract(new BigDecimal(e.get("filledQuantity").asText()));
      boolean buy = e.get("side").asText().equals("BUY");
      BigDecimal amount = !buy ? left
          : place.hasNonNull("quoteQuantity") ? new BigDecimal(place.get("quoteQuantity").asText())
          : new BigDecimal(place.get("price").asText()).multiply(left);
      held.merge(e.get("userId").asText() + " " + assets[buy ? 1 : 0], amount, BigDecimal::add);
    });
    for (String key : new java.util.TreeSet<>(java.util.stream.Stream.concat(held.keySet().stream(),
        locked.keySet().stream()).toList())) {
      assertThat(locked.getOrDefault(key, BigDecimal.ZERO)).as("locked of " + key)
          .isEqualByComparingTo(held.getOrDefault(key, BigDecimal.ZERO));
    }
  }

  private static List<Long> oneTo(int n) {
    List<Long> all = new ArrayList<>(n);
    for (long i = 1; i <= n; i++) {
      all.add(i);
    }
    return all;
  }
}
