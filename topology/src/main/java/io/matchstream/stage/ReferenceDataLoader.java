package io.matchstream.stage;

import io.matchstream.schema.ReferenceCommand;
import io.matchstream.serde.AvroBinarySerde;
import io.matchstream.topology.RegistryUnavailableException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the global reference store from the reference-data topic. Values are stored as plain Avro
 * binary, so readers need neither the registry nor the record's headers.
 */
public final class ReferenceDataLoader implements Processor<String, byte[], Void, Void> {
  private static final Logger LOG = LoggerFactory.getLogger(ReferenceDataLoader.class);
  private static final AvroBinarySerde<ReferenceCommand> STORED = new AvroBinarySerde<>(ReferenceCommand.class);

  private final Deserializer<ReferenceCommand> topicValues;
  private KeyValueStore<String, byte[]> store;

  public ReferenceDataLoader(Deserializer<ReferenceCommand> topicValues) {
    this.topicValues = topicValues;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.store = context.getStateStore(StoreNames.REFERENCE_DATA);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    if (record.key() == null) {
      return;
    }
    if (record.value() == null) {
      store.delete(record.key());
      return;
    }
    try {
      store.put(record.key(), STORED.toBytes(topicValues.deserialize("", record.headers(), record.value())));
    } catch (RegistryUnavailableException e) {
      // skipping a definition for want of the registry would leave this instance without it for good
      throw e;
    } catch (RuntimeException e) {
      LOG.warn("skipping undecodable reference data {}: {}", record.key(), e.getMessage());
    }
  }
}
