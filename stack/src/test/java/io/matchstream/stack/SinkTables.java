package io.matchstream.stack;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The four tables the sinks keep, as rows of text by primary key (decimals compared by value), read
 * either from the database or derived from SPEC's events: every trade; each order's latest state
 * (a DUPLICATE_ORDER_ID rejection leaves the order that owns the id alone) with the ts of its first
 * event; each account's latest balance; each non-empty level of the book.
 */
record SinkTables(Map<String, List<String>> trades, Map<String, List<String>> orders,
    Map<String, List<String>> balances, Map<String, List<String>> bookLevels) {

  /**
   * {@code placed} holds the place command of each order by {@code userId orderId}: the order
   * type, stop price and iceberg slice the orders table keeps are not in SPEC's events.
   */
  static SinkTables fromEvents(List<String> events, Map<String, JsonNode> placed) {
    SinkTables t = new SinkTables(new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
    for (String line : events) {
      JsonNode e = Outcome.parse(line);
      switch (e.get("type").asText()) {
        case "trade" -> t.trades.put(key(e, "symbol", "tradeId"), row(e, "price", "quantity", "quoteQuantity",
            "takerSide", "makerOrderId", "takerOrderId", "makerUserId", "takerUserId", "buyerFee", "sellerFee", "ts"));
        case "order" -> {
          if (!"DUPLICATE_ORDER_ID".equals(text(e, "reason"))) {
            String key = key(e, "userId", "orderId");
            List<String> previous = t.orders.get(key);
            List<String> row = row(e, "clientOrderId", "symbol", "side", "status", "filledQuantity", "filledQuote",
                "reason", "ts", "quantity", "triggered");
            JsonNode place = placed.get(key);
            // the risk stage's rejections were never read whole; the book's (a stop that would trigger at once) were
            boolean unread = "REJECTED".equals(text(e, "status")) && !BOOK_REJECTIONS.contains(text(e, "reason"));
            String type = place == null ? null : text(place, "orderType");
            row.add(type != null && ORDER_TYPES.contains(type) ? type : null);
            row.addAll(unread || place == null ? Arrays.asList(null, null) : row(place, "stopPrice", "icebergQuantity"));
            row.add(previous == null ? text(e, "ts") : previous.get(previous.size() - 1));
            t.orders.put(key, row);
          }
        }
        case "balance" -> t.balances.put(key(e, "userId", "asset"), row(e, "available", "locked"));
        case "delta" -> {
          String level = key(e, "symbol", "side", "price");
          if (new BigDecimal(e.get("quantity").asText()).signum() == 0) {
            t.bookLevels.remove(level);
          } else {
            t.bookLevels.put(level, row(e, "quantity", "seq"));
          }
        }
        default -> { }
      }
    }
    return t;
  }

  static SinkTables fromDatabase(Connection c) throws SQLException {
    return new SinkTables(
        read(c, "SELECT symbol, trade_id, price, quantity, quote_quantity, taker_side, maker_order_id, taker_order_id,"
            + " maker_user_id, taker_user_id, buyer_fee, seller_fee, ts FROM trades", 2),
        read(c, "SELECT user_id, order_id, client_order_id, symbol, side, status, filled_quantity, filled_quote,"
            + " reason, ts, quantity, triggered, order_type, stop_price, iceberg_quantity, created_ts FROM orders", 2),
        read(c, "SELECT user_id, asset, available, locked FROM balances", 2),
        read(c, "SELECT symbol, side, price, quantity, seq FROM book_levels", 3));
  }

  private static Map<String, List<String>> read(Connection c, String query, int keyColumns) throws SQLException {
    Map<String, List<String>> rows = new TreeMap<>();
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
      int columns = r.getMetaData().getColumnCount();
      while (r.next()) {
        List<String> key = new ArrayList<>();
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          Object value = r.getObject(i);
          String text = value instanceof BigDecimal d ? plain(d) : value == null ? null : value.toString();
          if (r.getMetaData().getColumnName(i).equals("triggered") && value != null) {
            text = String.valueOf(r.getBoolean(i));
          }
          (i <= keyColumns ? key : row).add(text);
        }
        if (rows.put(String.join(" ", key), row) != null) {
          throw new IllegalStateException("two rows with key " + key + " in: " + query);
        }
      }
    }
    return rows;
  }

  /** Per asset, the sum of available and locked over every account of the balances table. */
  Map<String, BigDecimal> totals() {
    Map<String, BigDecimal> totals = new TreeMap<>();
    balances.forEach((key, row) -> totals.merge(key.substring(key.lastIndexOf(' ') + 1),
        new BigDecimal(row.get(0)).add(new BigDecimal(row.get(1))), BigDecimal::add));
    totals.replaceAll((asset, total) -> new BigDecimal(plain(total)));
    return totals;
  }

  /** The first table and key where this differs from {@code expected}, or null when they are equal. */
  String firstDifference(SinkTables expected) {
    String[] names = {"trades", "orders", "balances", "book_levels"};
    List<List<Map<String, List<String>>>> pairs = List.of(List.of(trades, expected.trades),
        List.of(orders, expected.orders), List.of(balances, expected.balances), List.of(bookLevels, expected.bookLevels));
    for (int i = 0; i < names.length; i++) {
      Map<String, List<String>> actual = pairs.get(i).get(0);
      Map<String, List<String>> wanted = pairs.get(i).get(1);
      if (actual.size() != wanted.size()) {
        return names[i] + ": " + actual.size() + " rows, expected " + wanted.size();
      }
      for (Map.Entry<String, List<String>> row : wanted.entrySet()) {
        if (!Objects.equals(actual.get(row.getKey()), row.getValue())) {
          return names[i] + " " + row.getKey() + ": " + actual.get(row.getKey()) + ", expected " + row.getValue();
        }
      }
    }
    return null;
  }

  private static final List<String> BOOK_REJECTIONS = List.of("WOULD_TRIGGER_IMMEDIATELY", "POST_ONLY_WOULD_TAKE");
  private static final List<String> ORDER_TYPES =
      List.of("LIMIT", "MARKET", "STOP_LOSS", "STOP_LOSS_LIMIT", "TAKE_PROFIT", "TAKE_PROFIT_LIMIT");

  private static String key(JsonNode e, String... fields) {
    return String.join(" ", row(e, fields));
  }

  private static List<String> row(JsonNode e, String... fields) {
    List<String> row = new ArrayList<>();
    for (String field : fields) {
      String text = text(e, field);
      row.add(text != null && looksDecimal(field) ? plain(new BigDecimal(text)) : text);
    }
    return row;
  }

  private static boolean looksDecimal(String field) {
    return List.of("price", "quantity", "quoteQuantity", "buyerFee", "sellerFee", "filledQuantity", "filledQuote",
        "available", "locked", "stopPrice", "icebergQuantity").contains(field);
  }

  private static String text(JsonNode e, String field) {
    JsonNode value = e.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  static String plain(BigDecimal d) {
    return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
  }
}
