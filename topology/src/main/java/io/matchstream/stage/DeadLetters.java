package io.matchstream.stage;

import io.matchstream.schema.DeadLetter;
import io.matchstream.topology.RegistryUnavailableException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes input records. Only an input from outside (commands, reference data) that cannot be
 * decoded goes to the dead-letter topic, whole, before anything changed; the topics the stages
 * write for each other carry money, so a record of theirs that does not decode is an internal
 * error, never a dead letter.
 */
final class DeadLetters {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

  private DeadLetters() {}

  /**
   * The decoded value, or null after sending the record to the dead letters. A registry that did
   * not answer says nothing about the record: that is thrown, as an internal error.
   */
  static <T> T decode(ProcessorContext<String, SpecificRecord> context, Input input, Deserializer<T> deserializer,
      StageMetrics.Tally tally) {
    T value;
    try {
      value = deserializer.deserialize(input.topic(), input.value());
    } catch (RegistryUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      send(context, input, "undecodable: " + e.getMessage(), tally);
      return null;
    }
    if (value == null) {
      send(context, input, "empty value", tally);
    }
    return value;
  }

  /** The decoded value of a record one stage wrote for another; throws when it does not decode. */
  static <T> T decodeInternal(Input input, Deserializer<T> deserializer) {
    T value = deserializer.deserialize(input.topic(), input.value());
    if (value == null) {
      throw new IllegalStateException("an empty value on " + input.position());
    }
    return value;
  }

  private static void send(ProcessorContext<String, SpecificRecord> context, Input input, String reason,
      StageMetrics.Tally tally) {
    tally.deadLetter();
    context.forward(new Record<>(input.key(), letter(input, reason), input.timestamp()), Outputs.DEAD_LETTERS);
  }

  /** The dead letter of {@code input}, whole, with why; logged. */
  static DeadLetter letter(Input input, String reason) {
    LOG.warn("dead letter from {}: {}", input.position(), reason);
    return new DeadLetter(input.topic(), input.partition(), input.offset(), reason,
        input.key() == null ? null : ByteBuffer.wrap(input.key().getBytes(StandardCharsets.UTF_8)),
        input.value() == null ? null : ByteBuffer.wrap(input.value()));
  }
}
