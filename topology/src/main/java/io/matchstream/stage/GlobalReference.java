package io.matchstream.stage;

import io.matchstream.engine.Asset;
import io.matchstream.engine.Commands;
import io.matchstream.engine.Market;
import io.matchstream.engine.Reference;
import io.matchstream.engine.ReferenceRules;
import io.matchstream.schema.AssetDefinition;
import io.matchstream.schema.ReferenceCommand;
import io.matchstream.schema.SymbolDefinition;
import io.matchstream.serde.AvroBinarySerde;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reference data as every task sees it: the global store of validated definitions, decoded once
 * per version (a definition is re-decoded only when its stored bytes change).
 */
final class GlobalReference implements Reference {
  private static final AvroBinarySerde<ReferenceCommand> SERDE = new AvroBinarySerde<>(ReferenceCommand.class);

  private final ReadOnlyKeyValueStore<String, byte[]> store;
  private final Map<String, Decoded<Asset>> assets = new HashMap<>();
  private final Map<String, Decoded<Listing>> markets = new HashMap<>();

  private record Decoded<T>(byte[] bytes, T value) {
    boolean isOf(byte[] current) {
      return bytes == current || Arrays.equals(bytes, current);
    }
  }

  GlobalReference(ReadOnlyKeyValueStore<String, byte[]> store) {
    this.store = store;
  }

  @Override
  public Asset asset(String code) {
    return cached(assets, code, StoreKeys.asset(code), body -> {
      AssetDefinition definition = (AssetDefinition) body;
      return new Asset(definition.getAsset(), definition.getScale());
    });
  }

  @Override
  public Market market(String symbol) {
    return listing(symbol).market();
  }

  /** A symbol as this instance knows it: its market (null when unknown) and its definition's version (0: none). */
  record Listing(Market market, long version) {
    static final Listing NONE = new Listing(null, 0);
  }

  /** The symbol's market and version from one read of the store. */
  Listing listing(String symbol) {
    Listing listing = cached(markets, symbol, StoreKeys.symbol(symbol), body -> {
      SymbolDefinition definition = (SymbolDefinition) body;
      Market market = ReferenceRules.market((Commands.SymbolCommand) AvroMapping.command(body), this::asset, null)
          .market();
      return new Listing(market, definition.getVersion() == null ? 0 : definition.getVersion());
    });
    return listing == null ? Listing.NONE : listing;
  }

  private <T> T cached(Map<String, Decoded<T>> cache, String name, String key, Function<Object, T> decode) {
    byte[] bytes = store.get(key);
    if (bytes == null) {
      return null;
    }
    Decoded<T> known = cache.get(name);
    if (known != null && known.isOf(bytes)) {
      return known.value();
    }
    T value = decode.apply(SERDE.fromBytes(bytes).getBody());
    cache.put(name, new Decoded<>(bytes, value));
    return value;
  }
}
