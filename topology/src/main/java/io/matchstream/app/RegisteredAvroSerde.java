package io.matchstream.app;

import io.apicurio.registry.rest.client.RegistryClient;
import io.apicurio.registry.rest.client.exception.RestClientException;
import io.matchstream.serde.AvroBinary;
import io.matchstream.topology.RegistryUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Avro values in Confluent's wire format (a magic byte, then the schema's 4-byte id as the
 * registry's Confluent-compatible API serves it: Apicurio's content id), read and written with the
 * generated classes' own readers and writers, so any Confluent deserializer reads the topics.
 * Apicurio's serdes build a datum reader or writer for every record and resolve the writer's schema
 * against the reader's each time; here an id is looked up once, and a value written with the
 * generated class's own schema is read with no resolution at all. A value written with another
 * version of the schema (a client on an older build) is resolved, with a reader built once for that
 * id. Values in the framing of earlier builds (the magic byte, then an 8-byte global id) are still
 * read: ids start at 1 and stay below 2^32, so an earlier frame always starts with four zero bytes
 * where a Confluent frame has its non-zero id. Thread-safe: Kafka Streams shares a serde between its
 * threads.
 */
final class RegisteredAvroSerde<T extends SpecificRecord> implements Serde<T> {
  private static final byte MAGIC = 0;
  private static final int FRAME = 1 + Integer.BYTES;
  private static final int LEGACY_FRAME = 1 + Long.BYTES;

  private record Framing(String topic, Schema schema) {}

  /** What every value of a topic and schema after the first is written with. */
  private record Frame<T>(byte[] prefix, SpecificDatumWriter<T> writer) {}

  private final Class<T> type;
  private final Serializer<T> registering;
  private final RegistryClient registry;
  private final Map<Framing, Frame<T>> frames = new ConcurrentHashMap<>();
  private final Map<Integer, DatumReader<T>> byContentId = new ConcurrentHashMap<>();
  private final Map<Long, DatumReader<T>> byGlobalId = new ConcurrentHashMap<>();
  private final AvroBinary binary = new AvroBinary();

  /**
   * @param registering Apicurio's serializer, which looks the schema up (or registers it, under the
   *     registry's rules) for the first value of each topic and schema; its frame is then reused, as
   *     a generated class's schema never changes while the process lives
   */
  RegisteredAvroSerde(Class<T> type, Serializer<T> registering, RegistryClient registry) {
    this.type = type;
    this.registering = registering;
    this.registry = registry;
  }

  byte[] serialize(String topic, T value) {
    if (value == null) {
      return null;
    }
    Schema schema = value.getSchema();
    Framing framing = new Framing(topic, schema);
    Frame<T> frame = frames.get(framing);
    if (frame == null) {
      byte[] first = registering.serialize(topic, value);
      frames.put(framing, new Frame<>(Arrays.copyOf(first, FRAME),
          new SpecificDatumWriter<>(schema, SpecificData.getForSchema(schema))));
      return first;
    }
    return binary.write(frame.writer(), value, frame.prefix(), schema.getName());
  }

  T deserialize(byte[] data) {
    if (data == null) {
      return null;
    }
    if (data.length < FRAME || data[0] != MAGIC) {
      throw new SerializationException("not a registry-framed Avro value: no magic byte and schema id");
    }
    int contentId = ByteBuffer.wrap(data, 1, Integer.BYTES).getInt();
    if (contentId != 0) {
      DatumReader<T> reader = byContentId.get(contentId);
      if (reader == null) {
        reader = readerOf(contentId, false);
        byContentId.put(contentId, reader);
      }
      return binary.read(reader, data, FRAME, "schema " + contentId);
    }
    if (data.length < LEGACY_FRAME) {
      throw new SerializationException("schema id 0 is no registry's: not a registry-framed Avro value");
    }
    long globalId = ByteBuffer.wrap(data, 1, Long.BYTES).getLong();
    DatumReader<T> reader = byGlobalId.get(globalId);
    if (reader == null) {
      reader = readerOf(globalId, true);
      byGlobalId.put(globalId, reader);
    }
    return binary.read(reader, data, LEGACY_FRAME, "global id " + globalId);
  }

  private DatumReader<T> readerOf(long id, boolean global) {
    Schema written = writerSchema(id, global);
    Class<?> generated = type == SpecificRecord.class ? SpecificData.get().getClass(written) : type;
    if (generated == null) {
      throw new SerializationException("schema " + id + " (" + written.getFullName() + ") is no record this build knows");
    }
    SpecificData model = AvroBinary.modelOf(generated);
    Schema expected = model.getSchema(generated);
    // the same schema read as itself: the fast reader then does no resolution per record
    return new SpecificDatumReader<>(written.equals(expected) ? expected : written, expected, model);
  }

  private Schema writerSchema(long id, boolean global) {
    try (InputStream content = global ? registry.getContentByGlobalId(id) : registry.getContentById(id)) {
      return new Schema.Parser().parse(content);
    } catch (RestClientException e) {
      Integer status = e.getError() == null ? null : e.getError().getErrorCode();
      if (status == null || status >= 500) {
        throw unavailable(e);
      }
      throw new SerializationException("the registry has no schema " + (global ? "with global id " : "") + id, e);
    } catch (AvroRuntimeException e) {
      throw new SerializationException("schema " + id + " is not an Avro schema: " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      // a refused connection or a timeout: the value may be perfectly good
      throw unavailable(e);
    }
  }

  private static RegistryUnavailableException unavailable(Exception e) {
    String what = e instanceof RestClientException r && r.getError() != null
        ? r.getError().getName() + " " + r.getError().getMessage() : String.valueOf(e);
    return new RegistryUnavailableException("the schema registry did not answer (" + what + ")", e);
  }

  @Override
  public Serializer<T> serializer() {
    return this::serialize;
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, data) -> deserialize(data);
  }

  @Override
  public void close() {
    registering.close();
  }
}
