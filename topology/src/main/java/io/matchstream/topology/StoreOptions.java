package io.matchstream.topology;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * How the stages' stores are built. Production: RocksDB, changelogged, Kafka Streams' record cache
 * on the stores named: it folds a commit's writes of one key into one changelog record, which pays
 * where few keys take many writes (the fee accounts, the books' counters); elsewhere its sorted map
 * costs more CPU than the records it saves (docs/performance.md). The stages keep the state they
 * read often as objects already, so reads gain nothing from it. The replay tool: in memory without
 * changelogs: nothing outlives the run, and the test driver would keep the changelog output unread.
 */
public record StoreOptions(boolean persistent, boolean logging, Set<String> cached) {
  public static final StoreOptions PRODUCTION = new StoreOptions(true, true, Set.of());
  public static final StoreOptions REPLAY = new StoreOptions(false, false, Set.of());

  public StoreOptions {
    cached = Set.copyOf(cached);
  }

  /** The same kind of stores with neither changelog nor cache: nothing restores them. */
  public StoreOptions withoutChangelog() {
    return new StoreOptions(persistent, false, Set.of());
  }

  /** The same stores, the ones named with the record cache. */
  public StoreOptions cachedFor(Collection<String> stores) {
    return new StoreOptions(persistent, logging, Set.copyOf(stores));
  }

  <K, V> StoreBuilder<KeyValueStore<K, V>> keyValue(String name, Serde<K> keys, Serde<V> values) {
    StoreBuilder<KeyValueStore<K, V>> builder = Stores.keyValueStoreBuilder(
        persistent ? Stores.persistentKeyValueStore(name) : Stores.inMemoryKeyValueStore(name), keys, values);
    builder = logging ? builder.withLoggingEnabled(Map.of()) : builder.withLoggingDisabled();
    return cached.contains(name) ? builder.withCachingEnabled() : builder.withCachingDisabled();
  }

  /**
   * A windowed aggregation's store, keeping windows for {@code retention}: in memory whatever the
   * other stores are, because it holds only the windows still within their grace (a dozen seconds,
   * two minutes, two hours, two days per symbol), which RocksDB's segments would spread over
   * several instances each; its changelog restores it like any store.
   */
  <K, V> Materialized<K, V, WindowStore<Bytes, byte[]>> window(String name, Duration retention, Duration size,
      Serde<K> keys, Serde<V> values) {
    Materialized<K, V, WindowStore<Bytes, byte[]>> store = Materialized.<K, V>as(
            Stores.inMemoryWindowStore(name, retention, size, false))
        .withKeySerde(keys).withValueSerde(values).withRetention(retention);
    store = logging ? store.withLoggingEnabled(Map.of()) : store.withLoggingDisabled();
    return cached.contains(name) ? store.withCachingEnabled() : store.withCachingDisabled();
  }
}
