package io.matchstream.stack;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A funded stream that defines its own markets, BTC-USDT among them (with a {@code minNotional} of
 * 5 where the demo market has 10), and walks the reference-data rules to their limits: an asset
 * at every scale from 0 to 18 and one past it, an asset sent again with another scale, symbols
 * whose tick and lot decimals just fit their quote scale and one past it, a lot finer than its
 * base, and limit orders whose notional is just above, at and just below each market's minimum.
 * Every user is funded far beyond what it trades and nothing is withdrawn, so no answer depends on
 * when a settlement arrives: a broker run and the replay must agree.
 */
final class ReferenceLimitsStream {
  private record Listed(String symbol, String base, int baseScale, String tick, String lot, String minNotional) {}

  private final SplittableRandom random;
  private final List<String> first = new ArrayList<>();
  private final List<String> second = new ArrayList<>();
  private final List<Listed> markets = new ArrayList<>();
  private long ts = 1;
  private int orders;

  private ReferenceLimitsStream(long seed) {
    random = new SplittableRandom(seed);
  }

  /** The stream in two halves: definitions, funds and trading, then more trading. */
  static List<List<String>> halves(long seed) {
    ReferenceLimitsStream stream = new ReferenceLimitsStream(seed);
    stream.build();
    return List.of(stream.first, stream.second);
  }

  private void build() {
    first.add(asset("USDT", 6));
    first.add(asset("BTC", 8));
    for (int scale = 0; scale <= 18; scale++) {
      first.add(asset("S" + scale, scale));
    }
    first.add(asset("S19", 19));
    first.add(asset("S5", 6));
    list(new Listed("BTC-USDT", "BTC", 8, "0.01", "0.0001", "5"), "USDT");
    for (int scale = 0; scale <= 18; scale++) {
      list(new Listed("S" + scale + "-USDT", "S" + scale, scale, "0.001", lot(Math.min(scale, 3)), "1"), "USDT");
    }
    list(new Listed("L1-USDT", "S10", 10, "0.0001", "0.01", "0.5"), "USDT");
    first.add(symbol("L2-USDT", "S10", "USDT", "0.0001", "0.001", "0.5"));
    first.add(symbol("L3-USDT", "S2", "USDT", "0.01", "0.001", "0.5"));
    list(new Listed("S18-S12", "S18", 18, "0.000001", "0.000001", "0.0001"), "S12");
    list(new Listed("S0-S18", "S0", 0, "0.000000000000000001", "1", "0.000000000000000005"), "S18");
    for (int u = 1; u <= 6; u++) {
      fund(first, "u" + u);
    }
    first.add(place("u1", "BTC-USDT", "SELL", "30000", "0.0002"));
    first.add(place("u2", "BTC-USDT", "BUY", "49999.99", "0.0001"));
    first.add(place("u2", "BTC-USDT", "BUY", "50000", "0.0001"));
    trade(first, 300);
    // what a redefinition by the demo market (minNotional 10) would refuse
    second.add(place("u3", "BTC-USDT", "SELL", "30000", "0.0002"));
    second.add(place("u4", "BTC-USDT", "BUY", "30000", "0.0002"));
    trade(second, 300);
  }

  private void list(Listed market, String quote) {
    markets.add(market);
    first.add(symbol(market.symbol(), market.base(), quote, market.tick(), market.lot(), market.minNotional()));
  }

  private void fund(List<String> out, String user) {
    out.add(deposit(user, "USDT", "10000000"));
    out.add(deposit(user, "BTC", "100"));
    for (int scale = 0; scale <= 18; scale++) {
      // a balance is a long of units: 18 decimals hold a little over 9 coins
      out.add(deposit(user, "S" + scale, scale >= 16 ? "5" : scale == 12 ? "100000" : "1000"));
    }
  }

  /** Limit orders on random markets whose notional is a step above, at, or a step below the minimum. */
  private void trade(List<String> out, int count) {
    for (int i = 0; i < count; i++) {
      Listed m = markets.get(random.nextInt(markets.size()));
      BigDecimal tick = new BigDecimal(m.tick());
      BigDecimal lot = new BigDecimal(m.lot());
      BigDecimal price = tick.multiply(BigDecimal.valueOf(1000 + random.nextInt(40)));
      BigDecimal min = new BigDecimal(m.minNotional());
      // the fewest lots that reach the minimum at this price, then one lot more or less
      BigDecimal lots = min.divide(price.multiply(lot), 0, java.math.RoundingMode.CEILING).max(BigDecimal.ONE);
      lots = lots.add(BigDecimal.valueOf(random.nextInt(3) - 1)).max(BigDecimal.ONE);
      String side = random.nextBoolean() ? "BUY" : "SELL";
      String user = "u" + (1 + random.nextInt(6));
      out.add(place(user, m.symbol(), side, price.toPlainString(), lot.multiply(lots).toPlainString()));
    }
  }

  private static String lot(int decimals) {
    return BigDecimal.ONE.movePointLeft(decimals).toPlainString();
  }

  private static String asset(String code, int scale) {
    return "{\"type\":\"asset\",\"asset\":\"" + code + "\",\"scale\":" + scale + "}";
  }

  private static String symbol(String symbol, String base, String quote, String tick, String lot, String min) {
    return "{\"type\":\"symbol\",\"symbol\":\"" + symbol + "\",\"base\":\"" + base + "\",\"quote\":\"" + quote
        + "\",\"tickSize\":\"" + tick + "\",\"lotSize\":\"" + lot + "\",\"minNotional\":\"" + min
        + "\",\"makerFeeRate\":\"0.001\",\"takerFeeRate\":\"0.002\",\"status\":\"TRADING\"}";
  }

  private String deposit(String user, String asset, String amount) {
    return "{\"type\":\"deposit\",\"userId\":\"" + user + "\",\"asset\":\"" + asset + "\",\"amount\":\"" + amount
        + "\",\"txId\":\"d-" + user + "-" + asset + "\",\"ts\":" + (ts++) + "}";
  }

  private String place(String user, String symbol, String side, String price, String quantity) {
    String tif = random.nextInt(4) == 0 ? "IOC" : "GTC";
    return "{\"type\":\"place\",\"orderId\":\"o" + (++orders) + "\",\"userId\":\"" + user + "\",\"symbol\":\""
        + symbol + "\",\"side\":\"" + side + "\",\"orderType\":\"LIMIT\",\"timeInForce\":\"" + tif
        + "\",\"price\":\"" + price + "\",\"quantity\":\"" + quantity + "\",\"ts\":" + (ts++) + "}";
  }
}
