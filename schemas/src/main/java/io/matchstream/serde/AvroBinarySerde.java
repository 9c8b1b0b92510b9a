package io.matchstream.serde;

import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Plain Avro binary of one record type, with no registry: the serde of state stores, and of every
 * topic where no registry runs (the replay tool, topology tests). Thread-safe: Kafka Streams shares
 * one serde instance between tasks.
 */
public final class AvroBinarySerde<T extends SpecificRecord> implements Serde<T> {
  private static final byte[] NO_PREFIX = {};

  private final SpecificDatumWriter<T> writer;
  private final SpecificDatumReader<T> reader;
  private final AvroBinary binary = new AvroBinary();

  public AvroBinarySerde(Class<T> type) {
    SpecificData model = AvroBinary.modelOf(type);
    var schema = model.getSchema(type);
    this.writer = new SpecificDatumWriter<>(schema, model);
    this.reader = new SpecificDatumReader<>(schema, schema, model);
  }

  public byte[] toBytes(T value) {
    return value == null ? null : binary.write(writer, value, NO_PREFIX, value.getSchema().getName());
  }

  public T fromBytes(byte[] bytes) {
    return bytes == null ? null : binary.read(reader, bytes, 0, reader.getSchema().getName());
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> toBytes(value);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> fromBytes(bytes);
  }
}
