package io.matchstream.gateway.binance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.matchstream.gateway.view.ExchangeView;
import io.matchstream.gateway.view.SymbolView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
  private static final ObjectMapper JSON = new ObjectMapper();
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

  /** One market's object when {@code symbol} is sent, else an array: of {@code symbols}, or of all. */
  public Object oneOrAll(BinanceParams params, java.util.function.Function<SymbolView, Map<String, Object>> shape) {
    if (params.has("symbol")) {
      params.absent("symbols");
      return shape.apply(require(params.required("symbol")));
    }
    return markets(params).stream().map(shape).toList();
  }

  /** The markets {@code symbol} or {@code symbols} (a JSON array) name, else all. */
  public List<SymbolView> markets(BinanceParams params) {
    if (params.has("symbol")) {
      params.absent("symbols");
      return List.of(require(params.required("symbol")));
    }
    if (params.has("symbols")) {
      String[] names;
      try {
        names = JSON.readValue(params.required("symbols"), String[].class);
      } catch (JsonProcessingException e) {
        names = null;
      }
      if (names == null || names.length == 0 || java.util.Arrays.asList(names).contains(null)) {
        throw BinanceError.illegal("symbols", "a JSON array of symbols, such as [\"BTCUSDT\",\"BNBUSDT\"]");
      }
      List<SymbolView> chosen = new ArrayList<>();
      for (String name : names) {
        chosen.add(require(name));
      }
      return chosen;
    }
    return view.symbols();
  }
}
