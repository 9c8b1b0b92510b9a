package io.matchstream.loadgen;

import io.matchstream.app.AppConfig;
import io.matchstream.app.RegistrySerdes;
import io.matchstream.schema.OrderEvent;
import io.matchstream.topology.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code order-events} (committed only) and, for each order the flow placed, records the
 * time from its intended send time to its first event.
 */
final class LatencyProbe implements Runnable, AutoCloseable {
  private final KafkaConsumer<String, SpecificRecord> consumer;
  private final Map<String, Long> pending = new ConcurrentHashMap<>();
  private final Recorder recorder = new Recorder(3_600_000_000_000L, 3);
  private final AtomicLong answered = new AtomicLong();
  private volatile boolean running = true;

  LatencyProbe(AppConfig config) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    @SuppressWarnings("unchecked")
    var values = (Deserializer<SpecificRecord>) (Object) RegistrySerdes.of(config).serde(SpecificRecord.class)
        .deserializer();
    consumer = new KafkaConsumer<>(props, new StringDeserializer(), values);
    List<TopicPartition> partitions = consumer.partitionsFor(Topics.ORDER_EVENTS, Duration.ofSeconds(10)).stream()
        .map(p -> new TopicPartition(Topics.ORDER_EVENTS, p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);  // pin the start before any order goes out
  }

  /** Expects an event for {@code orderId}, whose send was due at {@code intendedNanos}. */
  void expect(String orderId, long intendedNanos) {
    pending.put(orderId, intendedNanos);
  }

  @Override
  public void run() {
    while (running) {
      for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(50))) {
        long now = System.nanoTime();
        if (record.value() instanceof OrderEvent event) {
          Long intended = pending.remove(event.getOrderId());
          if (intended != null) {
            recorder.recordValue(Math.max(0, now - intended));
            answered.incrementAndGet();
          }
        }
      }
    }
    consumer.close(Duration.ofSeconds(5));
  }

  /** The latencies recorded since the last call, in nanoseconds. */
  Histogram interval() {
    return recorder.getIntervalHistogram();
  }

  long answered() {
    return answered.get();
  }

  int unanswered() {
    return pending.size();
  }

  void forgetPending() {
    pending.clear();
  }

  @Override
  public void close() {
    running = false;
  }
}
