package io.matchstream.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
 * order at most one final state and nothing after it, delta seq contiguous per symbol, and per
 * asset the balances sum to the deposits minus the withdrawals that were accepted.
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
          if (finals.containsKey(order)) {
            afterFinal.add(line);
          }
          if (FINAL.contains(e.get("status").asText())) {
            finals.merge(order, 1, Integer::sum);
          }
        }
        case "balance" -> balances.put(e.get("userId").asText() + " " + e.get("asset").asText(),
            new BigDecimal(e.get("available").asText()).add(new BigDecimal(e.get("locked").asText())));
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

  private static List<Long> oneTo(int n) {
    List<Long> all = new ArrayList<>(n);
    for (long i = 1; i <= n; i++) {
      all.add(i);
    }
    return all;
  }
}
