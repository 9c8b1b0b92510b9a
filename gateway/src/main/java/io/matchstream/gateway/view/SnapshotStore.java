package io.matchstream.gateway.view;

import io.matchstream.app.AppConfig;
import io.matchstream.client.CommandProducer;
import io.matchstream.client.CommittedReader;
import io.matchstream.schema.ViewSnapshotPart;
import io.matchstream.topology.Topics;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.ArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.avro.specific.SpecificRecord;
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
 * under keys {@code <slot>/<part>}, then a pointer under {@code latest} names it; the two slots
 * {@code a} and {@code b} are taken in turn, so the parts the pointer names are never overwritten
 * before a newer pointer replaces it. Compaction keeps the topic at about two snapshots.
 */
public final class SnapshotStore {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);
  static final int PART_BYTES = 512 * 1024;
  static final String POINTER = "latest";
  private static final TopicPartition PARTITION = new TopicPartition(Topics.GATEWAY_SNAPSHOTS, 0);
  private final AppConfig config;

  public SnapshotStore(AppConfig config) {
    this.config = config;
  }

  /** The latest whole snapshot, or none (no snapshot yet, or its parts were overwritten meanwhile). */
  public Optional<ViewSnapshot> latest() {
    Map<String, ViewSnapshotPart> kept = new HashMap<>();
    try (KafkaConsumer<String, SpecificRecord> consumer = open()) {
      long end = consumer.endOffsets(List.of(PARTITION)).get(PARTITION);
      while (consumer.position(PARTITION) < end) {
        for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.value() == null) {
            kept.remove(record.key());
          } else {
            kept.put(record.key(), (ViewSnapshotPart) record.value());
          }
        }
      }
    }
    ViewSnapshotPart pointer = kept.get(POINTER);
    if (pointer == null) {
      return Optional.empty();
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < pointer.getParts(); i++) {
      ViewSnapshotPart part = kept.get(pointer.getSlot() + "/" + i);
      if (part == null || !part.getSnapshotId().equals(pointer.getSnapshotId())) {
        LOG.warn("snapshot {} misses part {}: the view reads the topics from their beginning", pointer.getSnapshotId(), i);
        return Optional.empty();
      }
      ByteBuffer data = part.getData();
      bytes.write(data.array(), data.arrayOffset() + data.position(), data.remaining());
    }
    return Optional.of(SnapshotCodec.decode(bytes.toByteArray()));
  }

  /**
   * The pointer the topic ends with, or null: when the latest snapshot was taken, and its slot. (A
   * writer's pointer is the last record it sends; a part at the end means one is being written.)
   */
  ViewSnapshotPart last() {
    try (KafkaConsumer<String, SpecificRecord> consumer = open()) {
      long end = consumer.endOffsets(List.of(PARTITION)).get(PARTITION);
      if (end == 0) {
        return null;
      }
      consumer.seek(PARTITION, end - 1);
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
    byte[] encoded = SnapshotCodec.encode(snapshot);
    ViewSnapshotPart last = last();
    String slot = last != null && last.getSlot().equals("a") ? "b" : "a";
    String id = snapshot.takenAt() + "-" + UUID.randomUUID();
    int parts = Math.max(1, (encoded.length + PART_BYTES - 1) / PART_BYTES);
    try (KafkaProducer<String, SpecificRecord> producer = CommandProducer.kafkaProducer(config,
        Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * PART_BYTES, ProducerConfig.LINGER_MS_CONFIG, 5))) {
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (int i = 0; i < parts; i++) {
        int from = i * PART_BYTES;
        ByteBuffer data = ByteBuffer.wrap(encoded, from, Math.min(PART_BYTES, encoded.length - from)).slice();
        sent.add(producer.send(new ProducerRecord<>(Topics.GATEWAY_SNAPSHOTS, 0, slot + "/" + i,
            new ViewSnapshotPart(id, snapshot.takenAt(), slot, i, parts, data))));
      }
      for (Future<RecordMetadata> part : sent) {
        part.get();
      }
      producer.send(new ProducerRecord<>(Topics.GATEWAY_SNAPSHOTS, 0, POINTER,
          new ViewSnapshotPart(id, snapshot.takenAt(), slot, -1, parts, ByteBuffer.allocate(0)))).get();
    }
    LOG.info("wrote snapshot {} of the view: {} bytes in {} parts", id, encoded.length, parts);
  }

  private KafkaConsumer<String, SpecificRecord> open() {
    return CommittedReader.open(config, Topics.GATEWAY_SNAPSHOTS, true,
        Map.of(org.apache.kafka.clients.consumer.ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * PART_BYTES));
  }
}
