package io.matchstream.engine;

/**
 * What an open order has locked, kept by the risk stage until the order ends. A limit buy locked
 * price × quantity of quote; a market buy its quoteQuantity; a sell its quantity of base.
 */
public final class OrderLock {
  public final String symbol;
  public final boolean buy;
  public final boolean market;
  public final String baseAsset;
  public final String quoteAsset;
  public final int baseScale;
  /** The limit price (quote units); 0 for a market order. */
  public final Units limitPrice;
  Units remaining;
  /** Set by {@link InMemoryRiskState} once the lock is in its map. */
  boolean stored;

  public OrderLock(
      String symbol, boolean buy, boolean market, String baseAsset, String quoteAsset, int baseScale,
      Units limitPrice, Units remaining) {
    this.symbol = symbol;
    this.buy = buy;
    this.market = market;
    this.baseAsset = baseAsset;
    this.quoteAsset = quoteAsset;
    this.baseScale = baseScale;
    this.limitPrice = limitPrice;
    this.remaining = remaining;
  }

  public Units remaining() {
    return remaining;
  }

  public String lockedAsset() {
    return buy ? quoteAsset : baseAsset;
  }
}
