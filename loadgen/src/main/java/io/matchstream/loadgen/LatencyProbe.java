package io.matchstream.loadgen;

import io.matchstream.app.AppConfig;
import io.matchstream.client.CommittedReader;
import io.matchstream.schema.OrderEvent;
import io.matchstream.topology.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

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
    // the start is fixed before any order goes out, and a fetch waits at most 5 ms for data
    consumer = CommittedReader.open(config, Topics.ORDER_EVENTS, false, Map.of(
        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000));
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
