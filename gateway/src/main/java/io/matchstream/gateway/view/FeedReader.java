package io.matchstream.gateway.view;

import io.matchstream.app.AppConfig;
import io.matchstream.client.CommittedReader;
import io.matchstream.client.PollLoop;
import io.matchstream.schema.ViewSnapshotPart;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that keeps an {@link ExchangeView} current: it loads the latest snapshot of the view
 * ({@link SnapshotStore}) and reads the event topics on from its positions (from their beginning
 * when there is none), committed data only, applies each batch under the view's lock and then
 * tells the listeners what changed. A record it cannot decode is logged and skipped; a listener
 * that throws is logged: neither stops the feeds. Once caught up, it snapshots the view when the
 * latest snapshot, any instance's, is older than the interval: between two batches, so the
 * snapshot's positions are exactly what it holds; written by a thread of its own.
 */
public final class FeedReader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FeedReader.class);
  private final ExchangeView view;
  private final List<FeedListener> listeners;
  private final KafkaConsumer<String, SpecificRecord> consumer;
  private final Map<TopicPartition, Long> startEnds;
  private final AtomicBoolean caughtUp = new AtomicBoolean();
  private final PollLoop reader;
  private final SnapshotStore snapshots;
  private final long snapshotIntervalMs;
  private final Clock clock;
  private final ExecutorService snapshotWriter = Executors.newSingleThreadExecutor(r -> {
    Thread writer = new Thread(r, "gateway-view-snapshots");
    writer.setDaemon(true);
    return writer;
  });
  private volatile boolean snapshotWanted;
  // a check or a write under way: the next waits for it, so none queue up behind a slow broker
  private final java.util.concurrent.atomic.AtomicBoolean snapshotting = new java.util.concurrent.atomic.AtomicBoolean();
  private volatile long startedFrom;
  private volatile long lastSnapshotWritten;
  private long nextSnapshotCheck;

  /** {@code snapshotIntervalMs} 0: no snapshot is written (the latest is still loaded). */
  public FeedReader(AppConfig config, ExchangeView view, List<FeedListener> listeners, SnapshotStore snapshots,
      long snapshotIntervalMs, Clock clock) {
    this.view = view;
    this.listeners = List.copyOf(listeners);
    this.snapshots = snapshots;
    this.snapshotIntervalMs = snapshotIntervalMs;
    this.clock = clock;
    // a fetch answers within 5 ms: the broker holds a read_committed fetch for its whole wait (500 ms by
    // default) when a transaction's commit is all that changed, and a RESULT order waits on this reader
    consumer = CommittedReader.open(config, ExchangeView.topics(), true,
        Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000, ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5));
    startFromSnapshot();
    startEnds = consumer.endOffsets(consumer.assignment());
    reader = new PollLoop("gateway-feed-reader", consumer, Duration.ofMillis(100), this::read, LOG);
  }

  public void start() {
    reader.start();
  }

  /**
   * Loads the latest snapshot and moves each partition to its position. A snapshot that cannot be
   * read (one of an older format, say) is passed by: the view reads the topics whole, as before.
   */
  private void startFromSnapshot() {
    Optional<ViewSnapshot> latest;
    try {
      latest = snapshots.latest();
      latest.ifPresent(view::load);
    } catch (RuntimeException e) {
      LOG.warn("the latest snapshot of the view could not be read; the view reads the topics from their beginning", e);
      return;
    }
    latest.ifPresentOrElse(snapshot -> {
      startedFrom = snapshot.takenAt();
      for (TopicPartition partition : consumer.assignment()) {
        Long position = snapshot.positions().get(partition.topic() + "-" + partition.partition());
        if (position != null) {
          consumer.seek(partition, position);
        }
      }
      LOG.info("the view starts from the snapshot taken at {}", java.time.Instant.ofEpochMilli(snapshot.takenAt()));
    }, () -> LOG.info("no snapshot of the view yet: it reads the topics from their beginning"));
  }

  /** Between two batches: snapshots the view if a check found the latest too old, or starts a check when one is due. */
  private void snapshotIfDue() {
    if (snapshotIntervalMs <= 0 || !caughtUp.get()) {
      return;
    }
    long now = clock.millis();
    if (snapshotWanted) {
      snapshotWanted = false;
      Map<String, Long> positions = new HashMap<>();
      consumer.assignment().forEach(p -> positions.put(p.topic() + "-" + p.partition(), consumer.position(p)));
      ViewSnapshot snapshot = view.snapshot(positions, now);
      snapshotWriter.execute(() -> {
        try {
          snapshots.write(snapshot);
          lastSnapshotWritten = snapshot.takenAt();
        } catch (Exception e) {
          LOG.warn("writing a snapshot of the view failed; the next check tries again", e);
        } finally {
          snapshotting.set(false);
        }
      });
    } else if (now >= nextSnapshotCheck && snapshotting.compareAndSet(false, true)) {
      // a check every quarter interval, at a random point of it: instances seldom snapshot together
      nextSnapshotCheck = now + snapshotIntervalMs / 4 + ThreadLocalRandom.current().nextLong(snapshotIntervalMs / 4 + 1);
      snapshotWriter.execute(() -> {
        boolean wanted = false;
        try {
          ViewSnapshotPart last = snapshots.last();
          wanted = last == null || clock.millis() - last.getTakenAt() >= snapshotIntervalMs;
        } catch (RuntimeException e) {
          LOG.warn("reading the latest snapshot's time failed", e);
        }
        // the reader takes the snapshot between two batches, and the write ends what this began
        snapshotWanted = wanted;
        if (!wanted) {
          snapshotting.set(false);
        }
      });
    }
  }

  /** When the snapshot this view started from was taken; 0 when it read the topics from their beginning. */
  public long startedFrom() {
    return startedFrom;
  }

  /** When the latest snapshot this instance wrote was taken; 0 before its first. */
  public long lastSnapshotWritten() {
    return lastSnapshotWritten;
  }

  /** Whether the view has read everything the topics held when the gateway started. */
  public boolean caughtUp() {
    return caughtUp.get();
  }

  /** A poll's batch, on the reader's thread: applied to the view, told to the listeners, then a snapshot if due. */
  private void read(ConsumerRecords<String, SpecificRecord> records) {
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
    snapshotIfDue();
  }

  @Override
  public void close() throws InterruptedException {
    reader.close();
    snapshotWriter.shutdownNow();
  }
}
