package io.matchstream.testdata;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Writes a random but realistic command stream: reference data and deposits first, then about 60%
 * passive limit orders near each symbol's drifting mid, 25% cancels, 10% marketable orders and 5%
 * everything else (transfers, halts and resumes, and with {@code --bad} input SPEC must reject).
 * With {@code --advanced} SPEC-ADVANCED's orders join in: 10% stops (all four types, both sides),
 * a fifth of the passive orders icebergs (10% of the stream), amends and cancel-alls. The same
 * seed gives the same bytes.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, description = "Write a random command stream.")
public final class CommandGenerator implements Callable<Integer> {
  @Option(names = "--count", defaultValue = "100000", description = "commands after the set-up lines")
  long count;

  @Option(names = "--seed", defaultValue = "1")
  long seed;

  @Option(names = "--symbols", defaultValue = "4")
  int symbols;

  @Option(names = "--users", defaultValue = "50")
  int users;

  @Option(names = "--bad", description = "mix in malformed and invalid commands")
  boolean bad;

  @Option(names = "--advanced", description = "mix in stops, icebergs, amends and cancel-alls")
  boolean advanced;

  @Option(names = "--out", required = true, description = "file to write ('-' for standard output)")
  String out;

  private SplittableRandom random;
  private long[] mids;
  private final List<List<String>> openOrders = new ArrayList<>();
  private boolean[] halted;
  private long nextOrder;
  private long nextTx;
  private long ts;

  public static void main(String[] args) {
    System.exit(new CommandLine(new CommandGenerator()).execute(args));
  }

  /** A generator configured in code, for tests and benchmarks. */
  public static CommandGenerator of(long seed, long count, int symbols, int users, boolean bad) {
    CommandGenerator generator = new CommandGenerator();
    generator.seed = seed;
    generator.count = count;
    generator.symbols = symbols;
    generator.users = users;
    generator.bad = bad;
    return generator;
  }

  /** The same, with SPEC-ADVANCED's orders mixed in. */
  public static CommandGenerator advanced(long seed, long count, int symbols, int users, boolean bad) {
    CommandGenerator generator = of(seed, count, symbols, users, bad);
    generator.advanced = true;
    return generator;
  }

  @Override
  public Integer call() throws IOException {
    try (Writer writer = "-".equals(out)
        ? new BufferedWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16)
        : Files.newBufferedWriter(Path.of(out), StandardCharsets.UTF_8)) {
      write(writer);
    }
    return 0;
  }

  /** All the lines, in memory: for small streams in tests. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    generate(lines::add);
    return lines;
  }

  /**
   * The set-up lines (assets, symbols, the users' funding), then the orders, cancels and amends
   * only: the later transfers and market changes left out. A producer waits for the app at each
   * switch to transfers or reference data (CommandProducer), which makes a stream with them
   * scattered through it many times slower to send; without them it flows at the app's pace.
   */
  public List<String> ordersAfterSetUp() {
    List<String> lines = new ArrayList<>();
    boolean setUp = true;
    for (String line : lines()) {
      boolean aside = line.matches(".*\"type\":\"(deposit|withdraw|asset|symbol)\".*");
      setUp &= aside;
      if (setUp || !aside) {
        lines.add(line);
      }
    }
    return lines;
  }

  public void write(Writer writer) throws IOException {
    try {
      generate(line -> {
        try {
          writer.write(line);
          writer.write('\n');
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private void generate(java.util.function.Consumer<String> sink) {
    random = new SplittableRandom(seed);
    mids = new long[symbols];
    halted = new boolean[symbols];
    openOrders.clear();
    nextOrder = 0;
    nextTx = 0;
    ts = 1_700_000_000_000L;
    sink.accept("{\"type\":\"asset\",\"asset\":\"USDT\",\"scale\":6}");
    for (int s = 0; s < symbols; s++) {
      sink.accept("{\"type\":\"asset\",\"asset\":\"" + base(s) + "\",\"scale\":8}");
      sink.accept(symbolLine(s, "TRADING"));
      mids[s] = 10_000 + random.nextInt(90_000); // price in cents
    }
    for (int u = 0; u < users; u++) {
      openOrders.add(new ArrayList<>());
      sink.accept(transfer("deposit", u, "USDT", "1000000"));
      for (int s = 0; s < symbols; s++) {
        sink.accept(transfer("deposit", u, base(s), "10000"));
      }
    }
    for (long i = 0; i < count; i++) {
      ts += random.nextInt(3);
      sink.accept(next());
    }
  }

  private String next() {
    int s = random.nextInt(symbols);
    int u = random.nextInt(users);
    mids[s] = Math.max(100, mids[s] + random.nextInt(-3, 4));
    int roll = random.nextInt(100);
    if (advanced) {
      return nextAdvanced(s, u, roll);
    }
    if (roll < 60) {
      return passiveLimit(s, u);
    } else if (roll < 85) {
      return cancel(s, u);
    } else if (roll < 95) {
      return marketable(s, u);
    }
    return other(s, u);
  }

  private String nextAdvanced(int s, int u, int roll) {
    if (roll < 50) {
      return passiveLimit(s, u);
    } else if (roll < 60) {
      return stop(s, u);
    } else if (roll < 74) {
      return cancel(s, u);
    } else if (roll < 79) {
      return amend(s, u);
    } else if (roll < 80) {
      return cancelAll(s, u);
    } else if (roll < 95) {
      return marketable(s, u);
    }
    return other(s, u);
  }

  /** A stop of any type and side, its stop price either side of the mid (some would fire at once). */
  private String stop(int s, int u) {
    boolean buy = random.nextBoolean();
    boolean takeProfit = random.nextBoolean();
    boolean limit = random.nextBoolean();
    String type = (takeProfit ? "TAKE_PROFIT" : "STOP_LOSS") + (limit ? "_LIMIT" : "");
    // a stop mostly waits: a stop-loss buy above the market, a take-profit buy below it
    boolean above = buy != takeProfit;
    long stopPrice = Math.max(1, mids[s] + (above ? 1 : -1) * random.nextInt(-5, 60));
    String id = orderId();
    openOrders.get(u).add(symbol(s) + " " + id);
    String line;
    if (limit) {
      long price = Math.max(1, stopPrice + (buy ? 1 : -1) * random.nextInt(-5, 20));
      int tifRoll = random.nextInt(10);
      String tif = tifRoll < 7 ? "GTC" : tifRoll < 9 ? "IOC" : "FOK";
      line = place(id, u, s, buy ? "BUY" : "SELL", type, tif, cents(price), lots(1 + random.nextInt(1000)), null,
          stp());
    } else {
      line = buy
          ? place(id, u, s, "BUY", type, null, null, null, (10 + random.nextInt(500)) + "", stp())
          : place(id, u, s, "SELL", type, null, null, lots(1 + random.nextInt(1000)), null, stp());
    }
    return withField(line, "stopPrice", cents(stopPrice));
  }

  /** Lowers an open order's quantity; the new one is sometimes not below it, or above what filled. */
  private String amend(int s, int u) {
    List<String> open = openOrders.get(u);
    String[] order = open.isEmpty() ? new String[] {symbol(s), "o" + random.nextLong(Math.max(1, nextOrder))}
        : open.get(random.nextInt(open.size())).split(" ");
    return "{\"type\":\"amend\",\"orderId\":\"" + order[1] + "\",\"userId\":\"" + user(u) + "\",\"symbol\":\""
        + order[0] + "\",\"newQuantity\":\"" + lots(1 + random.nextInt(600)) + "\",\"ts\":" + ts + "}";
  }

  private String cancelAll(int s, int u) {
    openOrders.get(u).removeIf(order -> order.startsWith(symbol(s) + " "));
    return "{\"type\":\"cancelAll\",\"userId\":\"" + user(u) + "\",\"symbol\":\"" + symbol(s) + "\",\"ts\":" + ts
        + "}";
  }

  private String passiveLimit(int s, int u) {
    boolean buy = random.nextBoolean();
    long price = mids[s] + (buy ? -1 : 1) * random.nextInt(0, 25);
    int tifRoll = random.nextInt(100);
    String tif = tifRoll < 85 ? "GTC" : tifRoll < 90 ? "IOC" : tifRoll < 95 ? "FOK" : "POST_ONLY";
    String id = orderId();
    if (tif.equals("GTC") || tif.equals("POST_ONLY")) {
      openOrders.get(u).add(symbol(s) + " " + id);
    }
    int lots = 1 + random.nextInt(1000);
    String line = place(id, u, s, buy ? "BUY" : "SELL", "LIMIT", tif, cents(price), lots(lots), null, stp());
    if (advanced && lots > 1 && random.nextInt(5) == 0) {
      // an iceberg; now and then on a time in force that may not carry one
      String tifOk = tif.equals("GTC") || random.nextInt(10) == 0 ? tif : "GTC";
      line = place(id, u, s, buy ? "BUY" : "SELL", "LIMIT", tifOk, cents(price), lots(lots), null, stp());
      line = withField(line, "icebergQuantity", lots(1 + random.nextInt(lots - 1)));
    }
    return line;
  }

  private String marketable(int s, int u) {
    boolean buy = random.nextBoolean();
    if (random.nextBoolean()) {
      return buy
          ? place(orderId(), u, s, "BUY", "MARKET", null, null, null, (10 + random.nextInt(500)) + "", stp())
          : place(orderId(), u, s, "SELL", "MARKET", null, null, lots(1 + random.nextInt(2000)), null, stp());
    }
    long price = mids[s] + (buy ? 1 : -1) * random.nextInt(1, 40);
    String tif = random.nextInt(4) == 0 ? "IOC" : "GTC";
    String id = orderId();
    if (tif.equals("GTC")) {
      openOrders.get(u).add(symbol(s) + " " + id);
    }
    return place(id, u, s, buy ? "BUY" : "SELL", "LIMIT", tif, cents(price), lots(1 + random.nextInt(2000)),
        null, stp());
  }

  private String cancel(int s, int u) {
    List<String> open = openOrders.get(u);
    if (open.isEmpty() || random.nextInt(10) == 0) {
      return "{\"type\":\"cancel\",\"orderId\":\"o" + random.nextLong(Math.max(1, nextOrder + 5))
          + "\",\"userId\":\"" + user(u) + "\",\"symbol\":\"" + symbol(s) + "\",\"ts\":" + ts + "}";
    }
    String[] order = open.remove(random.nextInt(open.size())).split(" ");
    return "{\"type\":\"cancel\",\"orderId\":\"" + order[1] + "\",\"userId\":\"" + user(u) + "\",\"symbol\":\""
        + order[0] + "\",\"ts\":" + ts + "}";
  }

  private String other(int s, int u) {
    int roll = random.nextInt(bad ? 100 : 60);
    if (roll < 25) {
      return transfer("deposit", u, random.nextBoolean() ? "USDT" : base(s), (1 + random.nextInt(5000)) + "");
    } else if (roll < 45) {
      return transfer("withdraw", u, random.nextBoolean() ? "USDT" : base(s), (1 + random.nextInt(20000)) + "");
    } else if (roll < 60) {
      halted[s] = !halted[s];
      return symbolLine(s, halted[s] ? "HALTED" : "TRADING");
    }
    return badLine(s, u, roll);
  }

  private String badLine(int s, int u, int roll) {
    return switch (roll % 10) {
      case 0 -> "{not json";
      case 1 -> "{\"type\":\"teleport\",\"userId\":\"" + user(u) + "\"}";
      case 2 -> "{\"type\":\"place\",\"orderId\":\"" + orderId() + "\",\"symbol\":\"" + symbol(s) + "\"}";
      case 3 -> place(orderId(), u, s, "BUY", "LIMIT", "GTC", "abc", "1", null, null);
      case 4 -> place(orderId(), u, s, "BUY", "LIMIT", "GTC", "0.333333333333333333333", "1", null, null);
      case 5 -> place(orderId(), u, s, "SIDEWAYS", "LIMIT", "GTC", cents(mids[s]), "1", null, null);
      case 6 -> place("o" + random.nextLong(Math.max(1, nextOrder)), u, s, "SELL", "LIMIT", "GTC",
          cents(mids[s] + 50), "0.01", null, null);
      case 7 -> place(orderId(), u, s, "BUY", "MARKET", "GTC", null, null, "100", null);
      case 8 -> "{\"type\":\"deposit\",\"userId\":\"" + user(u) + "\",\"asset\":\"USDT\",\"amount\":\"5\",\"txId\":\"t"
          + random.nextLong(Math.max(1, nextTx)) + "\",\"ts\":" + ts + "}";
      default -> place(orderId(), u, s, "BUY", "LIMIT", "GTC", cents(mids[s]), "-1", null, null);
    };
  }

  private String place(
      String id, int u, int s, String side, String type, String tif, String price, String quantity,
      String quoteQuantity, String stp) {
    StringBuilder line = new StringBuilder(200).append("{\"type\":\"place\",\"orderId\":\"").append(id)
        .append("\",\"userId\":\"").append(user(u)).append("\",\"symbol\":\"").append(symbol(s))
        .append("\",\"side\":\"").append(side).append("\",\"orderType\":\"").append(type).append('"');
    field(line, "timeInForce", tif);
    field(line, "price", price);
    field(line, "quantity", quantity);
    field(line, "quoteQuantity", quoteQuantity);
    field(line, "stp", stp);
    return line.append(",\"ts\":").append(ts).append('}').toString();
  }

  /** A command line with one more string field at its end. */
  private static String withField(String line, String name, String value) {
    StringBuilder longer = new StringBuilder(line.length() + 40).append(line, 0, line.length() - 1);
    field(longer, name, value);
    return longer.append('}').toString();
  }

  private static void field(StringBuilder line, String name, String value) {
    if (value != null) {
      line.append(",\"").append(name).append("\":\"").append(value).append('"');
    }
  }

  private String stp() {
    int roll = random.nextInt(20);
    return roll < 14 ? null : roll < 16 ? "NONE" : roll < 18 ? "EXPIRE_TAKER" : roll < 19 ? "EXPIRE_MAKER" : "EXPIRE_BOTH";
  }

  private String transfer(String type, int u, String asset, String amount) {
    return "{\"type\":\"" + type + "\",\"userId\":\"" + user(u) + "\",\"asset\":\"" + asset + "\",\"amount\":\""
        + amount + "\",\"txId\":\"t" + (nextTx++) + "\",\"ts\":" + ts + "}";
  }

  private String symbolLine(int s, String status) {
    return "{\"type\":\"symbol\",\"symbol\":\"" + symbol(s) + "\",\"base\":\"" + base(s)
        + "\",\"quote\":\"USDT\",\"tickSize\":\"0.01\",\"lotSize\":\"0.001\",\"minNotional\":\"1\","
        + "\"makerFeeRate\":\"0.001\",\"takerFeeRate\":\"0.002\",\"status\":\"" + status + "\"}";
  }

  private String orderId() {
    return "o" + (nextOrder++);
  }

  private static String user(int u) {
    return "u" + u;
  }

  private static String base(int s) {
    return "B" + s;
  }

  private static String symbol(int s) {
    return "B" + s + "-USDT";
  }

  private static String cents(long cents) {
    return (cents / 100) + "." + String.format("%02d", cents % 100);
  }

  private static String lots(long lots) {
    return (lots / 1000) + "." + String.format("%03d", lots % 1000);
  }
}
