package io.matchstream.topology;

import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * How the stages' stores are built. Production: RocksDB, changelogged, with Kafka Streams' record
 * cache when it has room (statestore.cache.max.bytes above 0, the default): it folds a commit's
 * writes of one key into one changelog record. The stages keep the state they read often as
 * objects already (the books, the accounts and open orders' locks), so reads gain nothing from it
 * and its sorted map costs CPU (docs/performance.md). The replay tool: in memory without
 * changelogs: nothing outlives the run, and the test driver would keep the changelog output unread.
 */
public record StoreOptions(boolean persistent, boolean logging, boolean caching) {
  public static final StoreOptions PRODUCTION = new StoreOptions(true, true, false);
  public static final StoreOptions PRODUCTION_CACHED = new StoreOptions(true, true, true);
  public static final StoreOptions REPLAY = new StoreOptions(false, false, false);

  <K, V> StoreBuilder<KeyValueStore<K, V>> keyValue(String name, Serde<K> keys, Serde<V> values) {
    StoreBuilder<KeyValueStore<K, V>> builder = Stores.keyValueStoreBuilder(
        persistent ? Stores.persistentKeyValueStore(name) : Stores.inMemoryKeyValueStore(name), keys, values);
    builder = logging ? builder.withLoggingEnabled(Map.of()) : builder.withLoggingDisabled();
    return caching ? builder.withCachingEnabled() : builder.withCachingDisabled();
  }
}
