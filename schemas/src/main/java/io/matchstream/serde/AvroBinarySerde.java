package io.matchstream.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Plain Avro binary of one record type, with no registry: the serde of state stores, and of every
 * topic where no registry runs (the replay tool, topology tests). Thread-safe: Kafka Streams shares
 * one serde instance between tasks.
 */
public final class AvroBinarySerde<T extends SpecificRecord> implements Serde<T> {
  private final SpecificDatumWriter<T> writer;
  private final SpecificDatumReader<T> reader;
  private final ThreadLocal<BinaryEncoder> encoders = new ThreadLocal<>();
  private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();

  public AvroBinarySerde(Class<T> type) {
    // the generated class's own model knows its decimal conversions; its fast reader skips the
    // per-record schema resolution the default reader does
    SpecificData model = SpecificData.getForClass(type);
    model.setFastReaderEnabled(true);
    var schema = model.getSchema(type);
    this.writer = new SpecificDatumWriter<>(schema, model);
    this.reader = new SpecificDatumReader<>(schema, schema, model);
  }

  public byte[] toBytes(T value) {
    if (value == null) {
      return null;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, encoders.get());
    encoders.set(encoder);
    try {
      writer.write(value, encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("cannot encode " + value.getSchema().getName() + ": " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  public T fromBytes(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, decoders.get());
    decoders.set(decoder);
    try {
      T value = reader.read(null, decoder);
      if (!decoder.isEnd()) {
        throw new SerializationException("trailing bytes after the record");
      }
      return value;
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("not a valid " + reader.getSchema().getName() + " record: " + e.getMessage(), e);
    }
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
