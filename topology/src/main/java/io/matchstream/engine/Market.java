package io.matchstream.engine;

/**
 * A symbol as the engine uses it. Prices are units of the quote asset's scale, quantities units of
 * the base asset's scale, so a symbol update never changes what a resting order's numbers mean.
 */
public record Market(
    String symbol,
    Asset base,
    Asset quote,
    Units tick,
    Units lot,
    Units minNotional,
    FeeRate makerFee,
    FeeRate takerFee,
    boolean trading,
    int finestTickDecimals,
    int finestLotDecimals) {

  public Units notional(Units price, Units quantity) {
    return Money.notional(price, quantity, base.scale());
  }
}
