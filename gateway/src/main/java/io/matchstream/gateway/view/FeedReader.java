package io.matchstream.gateway.view;

import io.matchstream.app.AppConfig;
import io.matchstream.client.CommittedReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that keeps an {@link ExchangeView} current: it reads the event topics from their
 * beginning, committed data only, applies each batch under the view's lock and then tells the
 * listeners what changed. A record it cannot decode is logged and skipped; a listener that throws
 * is logged: neither stops the feeds.
 */
public final class FeedReader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FeedReader.class);
  private final ExchangeView view;
  private final List<FeedListener> listeners;
  private final KafkaConsumer<String, SpecificRecord> consumer;
  private final Map<TopicPartition, Long> startEnds;
  private final AtomicBoolean caughtUp = new AtomicBoolean();
  private final Thread thread;
  private volatile boolean running = true;

  public FeedReader(AppConfig config, ExchangeView view, List<FeedListener> listeners) {
    this.view = view;
    this.listeners = List.copyOf(listeners);
    // a fetch answers within 5 ms: the broker holds a read_committed fetch for its whole wait (500 ms by
    // default) when a transaction's commit is all that changed, and a RESULT order waits on this reader
    consumer = CommittedReader.open(config, ExchangeView.topics(), true,
        Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000, ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5));
    startEnds = consumer.endOffsets(consumer.assignment());
    thread = new Thread(this::run, "gateway-feed-reader");
    thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /** Whether the view has read everything the topics held when the gateway started. */
  public boolean caughtUp() {
    return caughtUp.get();
  }

  private void run() {
    try {
      while (running) {
        try {
          ConsumerRecords<String, SpecificRecord> records =
              CommittedReader.poll(consumer, Duration.ofMillis(100), LOG::error);
          FeedUpdates updates = new FeedUpdates();
          for (ConsumerRecord<String, SpecificRecord> record : records) {
            try {
              if (record.value() != null) {
                view.apply(record.topic(), record.value(), record.headers(), updates);
              }
            } catch (RuntimeException e) {
              LOG.error("skipped {}-{}@{}: the view could not apply it", record.topic(), record.partition(),
                  record.offset(), e);
            }
          }
          updates.tell(listeners, (listener, e) -> LOG.error("feed listener {} failed", listener, e));
          if (!caughtUp.get() && startEnds.entrySet().stream()
              .allMatch(end -> consumer.position(end.getKey()) >= end.getValue())) {
            caughtUp.set(true);
            LOG.info("the gateway's view caught up with the event topics");
          }
        } catch (WakeupException e) {
          // close() asked to stop
        }
      }
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    consumer.wakeup();
    thread.join(10_000);
  }
}
