package io.matchstream.loadgen;

import io.matchstream.schema.Cancel;
import io.matchstream.schema.Command;
import io.matchstream.schema.Place;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A realistic order flow: about 65% passive limit orders near each symbol's drifting mid, 25%
 * cancels of the user's own open orders, 10% marketable IOC limits that cross the spread. Ids
 * carry the run's prefix, so runs never collide. The set-up is SPEC's JSON lines; the flow itself
 * is built as Avro commands, so the generator spends its share of the machine's two cores on
 * sending rather than on writing and parsing JSON.
 */
final class OrderFlow {
  static final long TICKS_PER_UNIT = 100;  // tick 0.01
  /** The scale of the command schema's decimals. */
  private static final int WIRE_SCALE = 20;
  private final String prefix;
  private final int symbols;
  private final int users;
  private final SplittableRandom random;
  private final long[] mids;
  private final List<List<String>> open = new ArrayList<>();
  private long nextOrder;
  private String lastOrderId;

  OrderFlow(String prefix, int symbols, int users, long seed) {
    this.prefix = prefix;
    this.symbols = symbols;
    this.users = users;
    this.random = new SplittableRandom(seed);
    this.mids = new long[symbols];
    for (int s = 0; s < symbols; s++) {
      mids[s] = 1000 * TICKS_PER_UNIT;
      open.add(new ArrayList<>());
    }
  }

  /** Reference data and deposits that fund every user far beyond what the flow trades. */
  List<String> setup() {
    List<String> lines = new ArrayList<>();
    lines.add("{\"type\":\"asset\",\"asset\":\"USDT\",\"scale\":6}");
    for (int s = 0; s < symbols; s++) {
      lines.add("{\"type\":\"asset\",\"asset\":\"" + base(s) + "\",\"scale\":8}");
      lines.add("{\"type\":\"symbol\",\"symbol\":\"" + symbol(s) + "\",\"base\":\"" + base(s)
          + "\",\"quote\":\"USDT\",\"tickSize\":\"0.01\",\"lotSize\":\"0.001\",\"minNotional\":\"0.01\","
          + "\"makerFeeRate\":\"0.001\",\"takerFeeRate\":\"0.002\",\"status\":\"TRADING\"}");
    }
    for (int u = 0; u < users; u++) {
      lines.add(deposit(u, "USDT", "1000000000", "usdt"));
      for (int s = 0; s < symbols; s++) {
        lines.add(deposit(u, base(s), "1000000", "b" + s));
      }
    }
    return lines;
  }

  /** The next command; {@link #lastOrderId()} is the new order's id when it was a place, else null. */
  Command next(long ts) {
    int s = random.nextInt(symbols);
    int u = random.nextInt(users);
    mids[s] = Math.max(10 * TICKS_PER_UNIT, mids[s] + random.nextInt(-2, 3));
    int roll = random.nextInt(100);
    lastOrderId = null;
    if (roll < 25 && !open.get(s).isEmpty()) {
      List<String> orders = open.get(s);
      String order = orders.remove(random.nextInt(orders.size()));
      int space = order.indexOf(' ');
      return new Command(new Cancel(order.substring(space + 1), order.substring(0, space), symbol(s), ts));
    }
    boolean buy = random.nextBoolean();
    boolean marketable = roll >= 90;
    long offset = marketable ? -random.nextInt(1, 10) : random.nextInt(0, 20);
    long price = mids[s] + (buy ? -offset : offset);
    String id = prefix + "o" + (++nextOrder);
    lastOrderId = id;
    if (!marketable) {
      List<String> orders = open.get(s);
      if (orders.size() > 5000) {
        orders.remove(0);  // long-lived orders stay in the book; the flow just stops tracking them
      }
      orders.add(user(u) + " " + id);
    }
    BigDecimal limit = BigDecimal.valueOf(price, 2).setScale(WIRE_SCALE);
    BigDecimal quantity = BigDecimal.valueOf(1 + random.nextInt(999), 3).setScale(WIRE_SCALE);
    return new Command(new Place(id, null, user(u), symbol(s), buy ? "BUY" : "SELL", "LIMIT", marketable ? "IOC" : "GTC",
        limit, quantity, null, "NONE", ts, null, null));
  }

  /**
   * A GTC limit order that rests: 1 to 2,000 ticks away from the symbol's starting mid, on its own
   * side, so no two of them ever cross (the mids do not move unless {@link #next} is called).
   */
  Command resting(long ts) {
    int s = random.nextInt(symbols);
    boolean buy = random.nextBoolean();
    long offset = random.nextInt(1, 2001);
    long price = mids[s] + (buy ? -offset : offset);
    BigDecimal limit = BigDecimal.valueOf(price, 2).setScale(WIRE_SCALE);
    BigDecimal quantity = BigDecimal.valueOf(1 + random.nextInt(999), 3).setScale(WIRE_SCALE);
    return new Command(new Place(prefix + "r" + (++nextOrder), null, user(random.nextInt(users)), symbol(s),
        buy ? "BUY" : "SELL", "LIMIT", "GTC", limit, quantity, null, "NONE", ts, null, null));
  }

  String lastOrderId() {
    return lastOrderId;
  }

  private String deposit(int u, String asset, String amount, String tx) {
    return "{\"type\":\"deposit\",\"userId\":\"" + user(u) + "\",\"asset\":\"" + asset + "\",\"amount\":\"" + amount
        + "\",\"txId\":\"" + prefix + tx + "\",\"ts\":0}";
  }

  private String user(int u) {
    return prefix + "u" + u;
  }

  private static String base(int s) {
    return "LG" + s;
  }

  static String symbol(int s) {
    return base(s) + "-USDT";
  }
}
