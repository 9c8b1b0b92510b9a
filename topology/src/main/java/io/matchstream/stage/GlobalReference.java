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
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reference data as every task sees it: the global store of validated definitions, decoded once
 * per version (a definition is re-decoded only when its stored bytes change).
 */
final class GlobalReference implements Reference {
  private static final AvroBinarySerde<ReferenceCommand> SERDE = new AvroBinarySerde<>(ReferenceCommand.class);

  private final ReadOnlyKeyValueStore<String, byte[]> store;
  private final Map<String, Decoded<Asset>> assets = new HashMap<>();
  private final Map<String, Decoded<Market>> markets = new HashMap<>();

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
    byte[] bytes = store.get(StoreKeys.asset(code));
    if (bytes == null) {
      return null;
    }
    Decoded<Asset> known = assets.get(code);
    if (known != null && known.isOf(bytes)) {
      return known.value();
    }
    AssetDefinition definition = (AssetDefinition) SERDE.fromBytes(bytes).getBody();
    Asset asset = new Asset(definition.getAsset(), definition.getScale());
    assets.put(code, new Decoded<>(bytes, asset));
    return asset;
  }

  @Override
  public Market market(String symbol) {
    byte[] bytes = store.get(StoreKeys.symbol(symbol));
    if (bytes == null) {
      return null;
    }
    Decoded<Market> known = markets.get(symbol);
    if (known != null && known.isOf(bytes)) {
      return known.value();
    }
    SymbolDefinition definition = (SymbolDefinition) SERDE.fromBytes(bytes).getBody();
    Market market = ReferenceRules.market(
        (Commands.SymbolCommand) AvroMapping.command(definition), this::asset, null).market();
    markets.put(symbol, new Decoded<>(bytes, market));
    return market;
  }
}
