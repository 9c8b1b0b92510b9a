package io.matchstream.gateway.view;

import io.matchstream.app.AppConfig;
import io.matchstream.client.CommandProducer;
import io.matchstream.client.CommittedReader;
import io.matchstream.schema.ViewSnapshotPart;
import io.matchstream.topology.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The view's snapshots on {@link Topics#GATEWAY_SNAPSHOTS}, so that a gateway's start-up reads the
 * view's state and the events since, not the topics' whole history. A snapshot goes out in parts
 * under keys {@code <slot>/<part>}, then a pointer under {@code latest} names it and the offset of
 * its first part; the two slots {@code a} and {@code b} are taken in turn, so the parts the pointer
 * names are never overwritten before a newer pointer replaces it. Compaction keeps the topic at
 * about two snapshots.
 *
 * <p>Both ways a snapshot streams ({@link SnapshotParts}): the writer sends each part as the
 * encoder fills it, the reader decodes each part as it arrives, so neither holds more than a few
 * parts at once. A snapshot is as large as the view (a hundred MB gzipped for a million kept
 * orders), and a gateway that held it whole beside the view, twice, ran out of its 1 GiB heap.
 */
public final class SnapshotStore {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);
  static final int PART_BYTES = 512 * 1024;
  public static final String POINTER = "latest";
  // no broker answer for this long while reading is an error, not a wait for ever
  static final Duration READ_LIMIT = Duration.ofSeconds(30);
  private final AppConfig config;
  private final TopicPartition partition;

  public SnapshotStore(AppConfig config) {
    this.config = config;
    this.partition = new TopicPartition(Topics.GATEWAY_SNAPSHOTS, 0);
  }

  /** The latest whole snapshot, or none (no snapshot yet, or its parts were overwritten meanwhile). */
  public Optional<ViewSnapshot> latest() {
    try (KafkaConsumer<String, SpecificRecord> consumer = open()) {
      ConsumerRecord<String, SpecificRecord> pointer = latestPointer(consumer);
      if (pointer == null) {
        return Optional.empty();
      }
      ViewSnapshotPart named = (ViewSnapshotPart) pointer.value();
      consumer.seek(partition, Math.max(0, named.getFirstPartOffset()));
      try (SnapshotParts.Reader parts = new SnapshotParts.Reader(consumer, named, pointer.offset())) {
        return Optional.of(SnapshotCodec.decode(parts));
      } catch (SnapshotParts.MissingPart e) {
        LOG.warn("{}: the view reads the topics from their beginning", e.getMessage());
        return Optional.empty();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * The last pointer of the topic, looked for from its end back: mostly the last record, but a
   * write under way puts its parts after it.
   */
  private ConsumerRecord<String, SpecificRecord> latestPointer(KafkaConsumer<String, SpecificRecord> consumer) {
    long beginning = consumer.beginningOffsets(List.of(partition)).get(partition);
    long to = consumer.endOffsets(List.of(partition)).get(partition);
    for (int window = 1; to > beginning; window = Math.min(window * 4, 256)) {
      long from = Math.max(beginning, to - window);
      consumer.seek(partition, from);
      ConsumerRecord<String, SpecificRecord> found = null;
      long deadline = System.nanoTime() + READ_LIMIT.toNanos();
      while (consumer.position(partition) < to) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the snapshots' topic did not answer within " + READ_LIMIT);
        }
        for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.offset() < to && POINTER.equals(record.key()) && record.value() != null) {
            found = record;
          }
        }
      }
      if (found != null) {
        return found;
      }
      to = from;
    }
    return null;
  }

  /**
   * The pointer the topic ends with, or null: when the latest snapshot was taken, and its slot. (A
   * writer's pointer is the last record it sends; a part at the end means one is being written.)
   */
  ViewSnapshotPart last() {
    try (KafkaConsumer<String, SpecificRecord> consumer = open()) {
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      if (end == 0) {
        return null;
      }
      consumer.seek(partition, end - 1);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(200))) {
          return (ViewSnapshotPart) record.value();
        }
      }
      return null;
    }
  }

  /**
   * Writes {@code snapshot} into the slot the last pointer does not name and, once the broker has
   * every part, points at it.
   */
  public void write(ViewSnapshot snapshot) throws InterruptedException, ExecutionException {
    ViewSnapshotPart last = last();
    String slot = last != null && last.getSlot().equals("a") ? "b" : "a";
    String id = snapshot.takenAt() + "-" + UUID.randomUUID();
    // the producer's buffer (32 MB) holds the parts not yet acknowledged: a send past it waits
    try (KafkaProducer<String, SpecificRecord> producer = CommandProducer.kafkaProducer(config,
        Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * PART_BYTES, ProducerConfig.LINGER_MS_CONFIG, 5))) {
      SnapshotParts.Writer parts = new SnapshotParts.Writer(producer, partition, id, snapshot.takenAt(), slot);
      try (parts) {
        SnapshotCodec.encode(snapshot, parts);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      long firstPartOffset = parts.awaitSent();
      producer.send(new ProducerRecord<>(partition.topic(), partition.partition(), POINTER, new ViewSnapshotPart(id,
          snapshot.takenAt(), slot, -1, parts.count(), java.nio.ByteBuffer.allocate(0), firstPartOffset))).get();
      LOG.info("wrote snapshot {} of the view: {} bytes in {} parts", id, parts.bytes(), parts.count());
    }
  }

  private KafkaConsumer<String, SpecificRecord> open() {
    return CommittedReader.open(config, partition.topic(), true,
        Map.of(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * PART_BYTES));
  }
}
