package io.matchstream.app;

import io.apicurio.registry.rest.client.RegistryClient;
import io.apicurio.registry.rest.client.RegistryClientFactory;
import io.apicurio.registry.serde.Legacy4ByteIdHandler;
import io.apicurio.registry.serde.SerdeConfig;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.config.IdOption;
import io.matchstream.topology.RecordSerdes;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * Avro values in Confluent's wire format, read and written by {@link RegisteredAvroSerde}. The schema
 * id travels in the payload (magic byte and the 4-byte content id the registry's Confluent-compatible
 * API serves), not in headers: the stages forward new records rather than copying headers, and every
 * Confluent deserializer and the Connect converter read that layout.
 */
public final class RegistrySerdes implements RecordSerdes {
  private final Map<String, Object> config;
  private RegistryClient client;

  public RegistrySerdes(Map<String, Object> settings) {
    config = new HashMap<>(settings);
    config.put(SerdeConfig.ENABLE_HEADERS, false);
    // Confluent's framing: a 4-byte id, the content id that the registry's Confluent API serves
    config.put(SerdeConfig.ID_HANDLER, Legacy4ByteIdHandler.class.getName());
    config.put(SerdeConfig.USE_ID, IdOption.contentId.name());
    // the app registers its schemas at start (SchemaSetup); a producer's schema the registry does
    // not hold yet is registered as a new version, which the BACKWARD rule vets
    config.putIfAbsent(SerdeConfig.AUTO_REGISTER_ARTIFACT, true);
  }

  public static RegistrySerdes of(AppConfig settings) {
    return new RegistrySerdes(settings.all());
  }

  // one HTTP client for all the serdes: each would otherwise start its own, with its own thread
  private synchronized RegistryClient client() {
    if (client == null) {
      client = RegistryClientFactory.create((String) config.get(SerdeConfig.REGISTRY_URL));
    }
    return client;
  }

  @Override
  public <T extends SpecificRecord> Serde<T> serde(Class<T> type) {
    AvroKafkaSerializer<T> registering = new AvroKafkaSerializer<>(client());
    registering.configure(config, false);
    return new RegisteredAvroSerde<>(type, registering, client());
  }
}
