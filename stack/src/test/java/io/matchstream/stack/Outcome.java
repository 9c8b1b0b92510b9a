package io.matchstream.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a run of commands came to, from its events in any interleaving of keys: the trades of each
 * symbol in tradeId order, the final book of each symbol (from its deltas), each account's final
 * balance, and each order's final state. Two runs that agree here traded identically.
 */
record Outcome(Map<String, List<String>> trades, Map<String, String> book, Map<String, String> balances,
    Map<String, String> finalOrders) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Outcome of(List<String> events) {
    Map<String, List<String>> trades = new TreeMap<>();
    Map<String, String> levels = new TreeMap<>();
    Map<String, String> balances = new TreeMap<>();
    Map<String, String> orders = new TreeMap<>();
    for (String line : events) {
      JsonNode e = parse(line);
      switch (e.get("type").asText()) {
        case "trade" -> trades.computeIfAbsent(e.get("symbol").asText(), s -> new ArrayList<>()).add(line);
        case "delta" -> {
          String level = e.get("symbol").asText() + " " + e.get("side").asText() + " "
              + new BigDecimal(e.get("price").asText()).toPlainString();
          levels.put(level, e.get("quantity").asText());
        }
        case "balance" -> balances.put(e.get("userId").asText() + " " + e.get("asset").asText(),
            e.get("available").asText() + " / " + e.get("locked").asText());
        case "order" -> orders.put(e.get("userId").asText() + " " + e.get("orderId").asText(),
            e.get("status").asText() + " " + e.get("filledQuantity").asText() + " " + e.get("filledQuote").asText());
        default -> { }
      }
    }
    trades.values().forEach(list -> list.sort((a, b) -> Long.compare(tradeId(a), tradeId(b))));
    levels.values().removeIf(q -> new BigDecimal(q).signum() == 0);
    return new Outcome(trades, levels, balances, orders);
  }

  static long tradeId(String tradeLine) {
    return parse(tradeLine).get("tradeId").asLong();
  }

  static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first difference between this outcome and {@code expected}, or null when they agree. */
  String firstDifference(Outcome expected) {
    for (String symbol : expected.trades.keySet()) {
      List<String> mine = trades.getOrDefault(symbol, List.of());
      List<String> theirs = expected.trades.get(symbol);
      for (int i = 0; i < Math.min(mine.size(), theirs.size()); i++) {
        if (!mine.get(i).equals(theirs.get(i))) {
          return symbol + " trade " + (i + 1) + ":\n  actual   " + mine.get(i) + "\n  expected " + theirs.get(i);
        }
      }
      if (mine.size() != theirs.size()) {
        return symbol + ": " + mine.size() + " trades, expected " + theirs.size();
      }
    }
    for (var part : List.of(List.of("book", book, expected.book), List.of("balance", balances, expected.balances),
        List.of("order", finalOrders, expected.finalOrders))) {
      @SuppressWarnings("unchecked") Map<String, String> a = (Map<String, String>) part.get(1);
      @SuppressWarnings("unchecked") Map<String, String> e = (Map<String, String>) part.get(2);
      for (String key : new java.util.TreeSet<>(java.util.stream.Stream.concat(a.keySet().stream(), e.keySet().stream())
          .toList())) {
        if (!java.util.Objects.equals(a.get(key), e.get(key))) {
          return part.get(0) + " " + key + ": actual " + a.get(key) + ", expected " + e.get(key);
        }
      }
    }
    return null;
  }

  int tradeCount() {
    return trades.values().stream().mapToInt(List::size).sum();
  }
}
