package io.matchstream.app;

import io.apicurio.registry.resolver.DefaultSchemaResolver;
import io.apicurio.registry.resolver.SchemaLookupResult;
import io.apicurio.registry.resolver.data.Record;
import io.apicurio.registry.serde.data.KafkaSerdeMetadata;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.generic.GenericContainer;

/**
 * Apicurio's resolver, remembering its answer per topic and schema. The default one renders the
 * record's schema to JSON for every record it serializes (to look it up by content), which costs
 * more than the serialization itself on the app's hot path; a generated class's schema never
 * changes while the process lives.
 */
public final class CachingSchemaResolver<S, T> extends DefaultSchemaResolver<S, T> {
  private record Key(String topic, boolean isKey, Object schema) {}

  private final Map<Key, SchemaLookupResult<S>> resolved = new ConcurrentHashMap<>();

  @Override
  public SchemaLookupResult<S> resolveSchema(Record<T> data) {
    if (data.payload() instanceof GenericContainer container && data.metadata() instanceof KafkaSerdeMetadata meta) {
      Key key = new Key(meta.getTopic(), meta.isKey(), container.getSchema());
      SchemaLookupResult<S> known = resolved.get(key);
      if (known == null) {
        known = super.resolveSchema(data);
        resolved.put(key, known);
      }
      return known;
    }
    return super.resolveSchema(data);
  }
}
