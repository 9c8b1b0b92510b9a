package io.matchstream.gateway.binance;

import io.matchstream.gateway.view.ExchangeView;
import io.matchstream.gateway.view.SymbolView;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Markets by Binance's names: the engine's {@code BTC-USDT} is {@code BTCUSDT} (base and quote
 * joined), as every Binance client spells it; streams use it in lower case. Two engine markets
 * that join to the same name (say {@code AB-CD} and {@code ABC-D}) would be one name here: the
 * first in the engine's order answers for it.
 */
@Component
public class BinanceSymbols {
  private final ExchangeView view;

  public BinanceSymbols(ExchangeView view) {
    this.view = view;
  }

  public static String binance(String engineSymbol) {
    return engineSymbol.replace("-", "");
  }

  /** The engine's market named {@code symbol} (any case, as streams name it lower-case). */
  public Optional<SymbolView> market(String symbol) {
    return view.symbols().stream().filter(s -> binance(s.symbol()).equalsIgnoreCase(symbol)).findFirst();
  }

  /** The market a request's {@code symbol} names: -1121 when there is none. */
  public SymbolView require(String symbol) {
    return market(symbol).orElseThrow(BinanceError::badSymbol);
  }
}
