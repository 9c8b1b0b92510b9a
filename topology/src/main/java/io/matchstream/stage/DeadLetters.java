package io.matchstream.stage;

import io.matchstream.schema.DeadLetter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Decodes input records; one that cannot be decoded or processed goes to the dead-letter topic, whole. */
final class DeadLetters {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

  private DeadLetters() {}

  /** The decoded value, or null after sending the record to the dead letters. */
  static <T> T decode(
      ProcessorContext<String, SpecificRecord> context, Record<String, byte[]> record, Deserializer<T> deserializer) {
    String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
    try {
      T value = deserializer.deserialize(topic, record.headers(), record.value());
      if (value == null) {
        send(context, record, "empty value");
      }
      return value;
    } catch (RuntimeException e) {
      send(context, record, "undecodable: " + e.getMessage());
      return null;
    }
  }

  static void send(ProcessorContext<String, SpecificRecord> context, Record<String, byte[]> record, String reason) {
    Optional<RecordMetadata> meta = context.recordMetadata();
    LOG.warn("dead letter from {}: {}", meta.map(RecordMetadata::topic).orElse("?"), reason);
    DeadLetter letter = new DeadLetter(meta.map(RecordMetadata::topic).orElse(""),
        meta.map(RecordMetadata::partition).orElse(-1), meta.map(RecordMetadata::offset).orElse(-1L), reason,
        record.key() == null ? null : ByteBuffer.wrap(record.key().getBytes(StandardCharsets.UTF_8)),
        record.value() == null ? null : ByteBuffer.wrap(record.value()));
    context.forward(new Record<>(record.key(), letter, record.timestamp()), Outputs.DEAD_LETTERS);
  }
}
