package io.matchstream.engine;

import io.matchstream.engine.Commands.AssetCommand;
import io.matchstream.engine.Commands.SymbolCommand;
import io.matchstream.engine.Events.Rejection;
import java.util.HashMap;
import java.util.Map;

/** Reference data in memory, changed only through {@link ReferenceRules}. */
public final class ReferenceBook implements Reference {
  private final Map<String, Asset> assets = new HashMap<>();
  private final Map<String, Market> markets = new HashMap<>();

  @Override
  public Asset asset(String code) {
    return assets.get(code);
  }

  @Override
  public Market market(String symbol) {
    return markets.get(symbol);
  }

  /** Applies the command; returns its rejection, or null. */
  public Rejection apply(AssetCommand command) {
    ReferenceRules.AssetOutcome outcome = ReferenceRules.asset(command, assets.get(command.asset()));
    if (outcome.asset() != null) {
      assets.put(outcome.asset().code(), outcome.asset());
    }
    return outcome.rejection();
  }

  public Rejection apply(SymbolCommand command) {
    ReferenceRules.MarketOutcome outcome =
        ReferenceRules.market(command, assets::get, markets.get(command.symbol()));
    if (outcome.market() != null) {
      markets.put(outcome.market().symbol(), outcome.market());
    }
    return outcome.rejection();
  }
}
