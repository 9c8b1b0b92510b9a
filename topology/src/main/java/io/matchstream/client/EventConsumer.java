package io.matchstream.client;

import io.matchstream.app.AppConfig;
import io.matchstream.app.RegistrySerdes;
import io.matchstream.codec.JsonCodec;
import io.matchstream.topology.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads an event topic as SPEC's JSON lines, committed data only ({@code read_committed}), from
 * every partition without a consumer group: a reader never moves anyone's offsets.
 */
public final class EventConsumer implements AutoCloseable {
  private final JsonCodec codec = new JsonCodec();
  private final KafkaConsumer<String, SpecificRecord> consumer;

  public EventConsumer(AppConfig config, String topic, boolean fromBeginning) {
    if (!Topics.EVENTS.contains(topic)) {
      throw new IllegalArgumentException("no event topic " + topic + "; the event topics are " + Topics.EVENTS);
    }
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    @SuppressWarnings("unchecked")
    var values = (Deserializer<SpecificRecord>) (Object) RegistrySerdes.of(config).serde(SpecificRecord.class)
        .deserializer();
    consumer = new KafkaConsumer<>(props, new StringDeserializer(), values);
    List<TopicPartition> partitions = new ArrayList<>();
    consumer.partitionsFor(topic, Duration.ofSeconds(10))
        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
    consumer.assign(partitions);
    if (fromBeginning) {
      consumer.seekToBeginning(partitions);
    } else {
      consumer.seekToEnd(partitions);
    }
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
      try {
        var records = consumer.poll(Duration.ofMillis(200));
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
      } catch (RecordDeserializationException e) {
        System.err.printf("skipped %s-%d@%d: %s%n", e.topicPartition().topic(), e.topicPartition().partition(),
            e.offset(), e.getMessage());
        consumer.seek(e.topicPartition(), e.offset() + 1);
      }
    }
    return count;
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
