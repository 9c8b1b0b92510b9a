package io.matchstream.loadgen;

import io.matchstream.app.AppConfig;
import io.matchstream.client.CommittedReader;
import io.matchstream.schema.OrderEvent;
import io.matchstream.topology.Topics;
import java.nio.ByteBuffer;
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
import org.apache.kafka.common.header.Header;

/**
 * Reads {@code order-events} (committed only) and, for each order the flow placed, records the
 * time from its intended send time to its first event.
 */
final class LatencyProbe implements Runnable, AutoCloseable {
  private final KafkaConsumer<String, SpecificRecord> consumer;
  private final Map<String, Long> pending = new ConcurrentHashMap<>();
  private final Recorder recorder = new Recorder(3_600_000_000_000L, 3);
  private final boolean tracing;
  /** With tracing: microseconds from the send to the risk stage, risk to book, the last stage to this reader. */
  private final Recorder toRisk = new Recorder(3_600_000_000L, 3);
  private final Recorder riskToBook = new Recorder(3_600_000_000L, 3);
  private final Recorder toReader = new Recorder(3_600_000_000L, 3);
  private final AtomicLong answered = new AtomicLong();
  private volatile boolean running = true;

  LatencyProbe(AppConfig config, boolean tracing) {
    this.tracing = tracing;
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
            Header trace = tracing ? record.headers().lastHeader(Topics.TRACE_HEADER) : null;
            if (trace != null) {
              recordHops(ByteBuffer.wrap(trace.value()));
            }
          }
        }
      }
    }
    consumer.close(Duration.ofSeconds(5));
  }

  /** The trace holds the send's time, then each stage's: risk, and book unless the risk stage answered. */
  private void recordHops(ByteBuffer trace) {
    long sent = trace.getLong();
    long risk = trace.getLong();
    toRisk.recordValue(Math.max(0, risk - sent));
    long last = risk;
    if (trace.remaining() >= Long.BYTES) {
      last = trace.getLong();
      riskToBook.recordValue(Math.max(0, last - risk));
    }
    toReader.recordValue(Math.max(0, Topics.traceMicros() - last));
  }

  boolean tracing() {
    return tracing;
  }

  /** The trace of a command sent now: the send's wall-clock time. */
  static byte[] traceNow() {
    return ByteBuffer.allocate(Long.BYTES).putLong(Topics.traceMicros()).array();
  }

  /** Where the traced orders' time went since the last call, per hop. */
  String hops() {
    return String.format("hops ms p50 / p99: send to risk stage %s, risk to book stage %s, last stage to reader %s",
        hop(toRisk), hop(riskToBook), hop(toReader));
  }

  private static String hop(Recorder recorder) {
    Histogram h = recorder.getIntervalHistogram();
    return String.format("%.1f / %.1f", h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3);
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
