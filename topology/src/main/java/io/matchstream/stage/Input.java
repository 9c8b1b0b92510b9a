package io.matchstream.stage;

import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** One input record with where it came from: what a stage applies, parks, or names when it halts. */
record Input(String topic, int partition, long offset, long timestamp, String key, byte[] value) {
  static Input of(RecordMetadata meta, Record<String, byte[]> record) {
    return new Input(meta.topic(), meta.partition(), meta.offset(), record.timestamp(), record.key(), record.value());
  }

  /** {@code topic-partition@offset}, as the log and the health report name it. */
  String position() {
    return topic + "-" + partition + "@" + offset;
  }
}
