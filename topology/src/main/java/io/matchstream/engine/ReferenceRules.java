package io.matchstream.engine;

import io.matchstream.engine.Commands.AssetCommand;
import io.matchstream.engine.Commands.SymbolCommand;
import io.matchstream.engine.Events.Rejection;
import java.util.function.Function;

/** SPEC's rules for reference data: what makes an asset or a symbol acceptable. */
public final class ReferenceRules {
  /** Every amount is below 10^18 coins in 128-bit units, so an asset keeps at most 18 decimals. */
  public static final int MAX_SCALE = 18;

  private ReferenceRules() {}

  /** An asset to define, or the rejection; {@code null} asset and rejection mean "already so". */
  public record AssetOutcome(Asset asset, Rejection rejection) {}

  public record MarketOutcome(Market market, Rejection rejection) {}

  public static AssetOutcome asset(AssetCommand command, Asset existing) {
    if (RiskEngine.isBlank(command.asset()) || command.scale() == null) {
      return new AssetOutcome(null, Rejection.malformed("asset"));
    }
    int scale = command.scale();
    if (scale < 0 || scale > MAX_SCALE || (existing != null && existing.scale() != scale)) {
      return new AssetOutcome(null,
          new Rejection("asset", null, null, null, command.asset(), null, Reasons.INVALID_ASSET));
    }
    return new AssetOutcome(existing == null ? new Asset(command.asset(), scale) : null, null);
  }

  public static MarketOutcome market(SymbolCommand c, Function<String, Asset> assets, Market existing) {
    if (RiskEngine.isBlank(c.symbol()) || RiskEngine.isBlank(c.base()) || RiskEngine.isBlank(c.quote())
        || c.tickSize() == null || c.lotSize() == null || c.makerFeeRate() == null || c.takerFeeRate() == null) {
      return new MarketOutcome(null, Rejection.malformed("symbol"));
    }
    Market market;
    try {
      market = build(c, assets.apply(c.base()), assets.apply(c.quote()), existing);
    } catch (ArithmeticException pastTheCaps) {
      market = null;
    }
    return market == null
        ? new MarketOutcome(null, new Rejection("symbol", null, null, c.symbol(), null, null, Reasons.INVALID_SYMBOL))
        : new MarketOutcome(market, null);
  }

  private static Market build(SymbolCommand c, Asset base, Asset quote, Market existing) {
    if (base == null || quote == null) {
      return null;
    }
    if (existing != null && !(existing.base().equals(base) && existing.quote().equals(quote))) {
      return null;
    }
    Dec tick = c.tickSize();
    Dec lot = c.lotSize();
    if (tick.signum() <= 0 || lot.signum() <= 0 || !lot.fitsScale(base.scale()) || !tick.fitsScale(quote.scale())) {
      return null;
    }
    Units tickUnits = tick.unitsAt(quote.scale());
    Units lotUnits = lot.unitsAt(base.scale());
    if (!tickUnits.lessThan(quote.limit()) || !lotUnits.lessThan(base.limit())) {
      return null;
    }
    // resting orders keep the steps they were placed with: every price × quantity stays exact
    // only if the finest tick and lot the symbol ever had still fit the quote scale together
    int tickDecimals = Math.max(tick.scale(), existing == null ? 0 : existing.finestTickDecimals());
    int lotDecimals = Math.max(lot.scale(), existing == null ? 0 : existing.finestLotDecimals());
    if (tickDecimals + lotDecimals > quote.scale()) {
      return null;
    }
    FeeRate maker = feeRate(c.makerFeeRate());
    FeeRate taker = feeRate(c.takerFeeRate());
    Dec minNotional = c.minNotional() == null ? Dec.ZERO : c.minNotional();
    if (maker == null || taker == null || minNotional.signum() < 0 || !minNotional.fitsScale(MAX_SCALE)) {
      return null;
    }
    Units minNotionalUnits = ceilUnits(minNotional, quote.scale());
    if (!minNotionalUnits.lessThan(quote.limit())) {
      return null;
    }
    return new Market(c.symbol(), base, quote, tickUnits, lotUnits, minNotionalUnits, maker, taker,
        c.status() == null || "TRADING".equals(c.status()), tickDecimals, lotDecimals);
  }

  /** A rate in [0, 1) with at most 18 decimals, else null. */
  private static FeeRate feeRate(Dec rate) {
    if (rate.signum() < 0 || !rate.fitsScale(MAX_SCALE) || !rate.unscaled().lessThan(Units.pow10(rate.scale()))) {
      return null;
    }
    return new FeeRate(rate.unscaled(), rate.scale());
  }

  /** The smallest whole number of units at {@code scale} that is at least the value. */
  private static Units ceilUnits(Dec value, int scale) {
    if (value.signum() <= 0) {
      return Units.ZERO;
    }
    if (value.scale() <= scale) {
      return value.unitsAt(scale);
    }
    return value.unscaled().mulDivCeil(Units.ONE, Units.pow10(value.scale() - scale));
  }
}
