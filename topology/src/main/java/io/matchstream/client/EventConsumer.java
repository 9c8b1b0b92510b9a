package io.matchstream.client;

import io.matchstream.app.AppConfig;
import io.matchstream.codec.JsonCodec;
import io.matchstream.topology.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Reads an event topic as SPEC's JSON lines, committed data only, from every partition
 * ({@link CommittedReader}).
 */
public final class EventConsumer implements AutoCloseable {
  private final JsonCodec codec = new JsonCodec();
  private final KafkaConsumer<String, SpecificRecord> consumer;

  public EventConsumer(AppConfig config, String topic, boolean fromBeginning) {
    if (!Topics.EVENTS.contains(topic)) {
      throw new IllegalArgumentException("no event topic " + topic + "; the event topics are " + Topics.EVENTS);
    }
    consumer = CommittedReader.open(config, topic, fromBeginning, Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000));
  }

  /**
   * Hands each event's JSON line to {@code sink} until {@code max} events (0: no limit) or until
   * nothing arrived for {@code idle} (null: wait forever); returns how many were read. A record
   * that is not valid Avro is reported on stderr and skipped.
   */
  public long read(long max, Duration idle, Consumer<String> sink) {
    long count = 0;
    long quietSince = System.nanoTime();
    while (max == 0 || count < max) {
      var records = CommittedReader.poll(consumer, Duration.ofMillis(200), System.err::println);
      if (records.isEmpty()) {
        if (idle != null && System.nanoTime() - quietSince > idle.toNanos()) {
          break;
        }
        continue;
      }
      quietSince = System.nanoTime();
      for (ConsumerRecord<String, SpecificRecord> record : records) {
        sink.accept(codec.write(record.value()));
        if (++count == max) {
          break;
        }
      }
    }
    return count;
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
