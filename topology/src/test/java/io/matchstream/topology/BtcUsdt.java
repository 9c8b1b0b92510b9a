package io.matchstream.topology;

import java.util.List;

/** The topology tests' market: BTC (scale 8) against USDT (6), fees 0.1% maker and 0.2% taker. */
final class BtcUsdt {
  static final List<String> REFERENCE = List.of("{\"type\":\"asset\",\"asset\":\"BTC\",\"scale\":8}",
      "{\"type\":\"asset\",\"asset\":\"USDT\",\"scale\":6}",
      "{\"type\":\"symbol\",\"symbol\":\"BTC-USDT\",\"base\":\"BTC\",\"quote\":\"USDT\",\"tickSize\":\"0.01\","
          + "\"lotSize\":\"0.0001\",\"minNotional\":\"10\",\"makerFeeRate\":\"0.001\",\"takerFeeRate\":\"0.002\","
          + "\"status\":\"TRADING\"}");

  private BtcUsdt() {}
}
