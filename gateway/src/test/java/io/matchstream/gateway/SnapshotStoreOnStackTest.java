package io.matchstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.app.AppConfig;
import io.matchstream.client.CommandProducer;
import io.matchstream.client.CommittedReader;
import io.matchstream.gateway.view.OrderView;
import io.matchstream.gateway.view.SnapshotStore;
import io.matchstream.gateway.view.ViewSnapshot;
import io.matchstream.schema.ViewSnapshotPart;
import io.matchstream.topology.Topics;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Snapshots of many parts on the real topic: read back whole while another is being written after
 * them, found from the topic's beginning when an older gateway's pointer names no offset, and none
 * when the parts a pointer names are gone.
 */
class SnapshotStoreOnStackTest {
  private static AppConfig kafka;
  private static SnapshotStore store;
  private static Optional<ViewSnapshot> before;

  @BeforeAll
  static void start() throws Exception {
    kafka = GatewayFixture.get().gatewayKafka();
    store = new SnapshotStore(kafka);
    before = store.latest();
  }

  /** The gateways started after this class find what they would have found before it: the real view's snapshot, or none. */
  @AfterAll
  static void restore() throws Exception {
    if (before.isPresent()) {
      store.write(before.get());
    } else {
      send(SnapshotStore.POINTER, new ViewSnapshotPart("none-" + UUID.randomUUID(), 0L, "a", -1, 1,
          ByteBuffer.allocate(0), -1L));
    }
  }

  /** 20,000 orders of random ids: a few MB of gzip, so several parts. */
  private static ViewSnapshot snapshot(long takenAt) {
    List<OrderView> orders = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      orders.add(OrderView.asked("BTC-USDT", UUID.randomUUID().toString(), UUID.randomUUID().toString(), "alice",
          "BUY", "LIMIT", "GTC", new BigDecimal("100.5"), new BigDecimal(i + 1).movePointLeft(4), null, null,
          takenAt + i, null, null));
    }
    // a position of no topic a gateway reads: a gateway that loads this meanwhile seeks nowhere
    return new ViewSnapshot(takenAt, Map.of("no-such-topic-0", takenAt), List.of(), Map.of(), Map.of(),
        Map.of("alice", new ViewSnapshot.User(orders, List.of(), List.of(), List.of())), List.of(), List.of());
  }

  @Test
  void aSnapshotOfManyPartsIsReadBackWholeWhileAnotherIsWrittenAfterIt() throws Exception {
    ViewSnapshot written = snapshot(System.currentTimeMillis());
    store.write(written);
    ConsumerRecord<String, SpecificRecord> pointer = lastPointer();
    assertThat(((ViewSnapshotPart) pointer.value()).getParts()).as("parts").isGreaterThan(2);
    // a writer that died half-way: its parts follow the pointer
    send("b/0", new ViewSnapshotPart("half-written", 1L, "b", 0, 0, ByteBuffer.wrap(new byte[1000]), -1L));
    send("a/0", new ViewSnapshotPart("half-written", 1L, "a", 0, 0, ByteBuffer.wrap(new byte[1000]), -1L));

    Optional<ViewSnapshot> read = store.latest();
    assertThat(read).isPresent();
    assertThat(read.get().takenAt()).isEqualTo(written.takenAt());
    assertThat(read.get().positions()).isEqualTo(written.positions());
    assertThat(read.get().users()).isEqualTo(written.users());
  }

  @Test
  void anOlderGatewaysPointerIsFollowedFromTheTopicsBeginning() throws Exception {
    ViewSnapshot written = snapshot(System.currentTimeMillis() + 1);
    store.write(written);
    ViewSnapshotPart named = (ViewSnapshotPart) lastPointer().value();
    send(SnapshotStore.POINTER, new ViewSnapshotPart(named.getSnapshotId(), named.getTakenAt(), named.getSlot(), -1,
        named.getParts(), ByteBuffer.allocate(0), -1L));

    Optional<ViewSnapshot> read = store.latest();
    assertThat(read).isPresent();
    assertThat(read.get().users()).isEqualTo(written.users());
  }

  @Test
  void aPointerWhosePartsAreGoneGivesNoSnapshot() throws Exception {
    store.write(snapshot(System.currentTimeMillis() + 2));
    ViewSnapshotPart named = (ViewSnapshotPart) lastPointer().value();
    send(SnapshotStore.POINTER, new ViewSnapshotPart("gone-" + UUID.randomUUID(), named.getTakenAt(),
        named.getSlot(), -1, named.getParts(), ByteBuffer.allocate(0), named.getFirstPartOffset()));

    assertThat(store.latest()).isEmpty();
  }

  private static void send(String key, ViewSnapshotPart value) throws Exception {
    try (KafkaProducer<String, SpecificRecord> producer = CommandProducer.kafkaProducer(kafka, Map.of())) {
      producer.send(new ProducerRecord<>(Topics.GATEWAY_SNAPSHOTS, 0, key, value)).get();
    }
  }

  /** The topic's last pointer record, read as any consumer would. */
  private static ConsumerRecord<String, SpecificRecord> lastPointer() {
    TopicPartition partition = new TopicPartition(Topics.GATEWAY_SNAPSHOTS, 0);
    ConsumerRecord<String, SpecificRecord> last = null;
    try (KafkaConsumer<String, SpecificRecord> consumer = CommittedReader.open(kafka, Topics.GATEWAY_SNAPSHOTS, true,
        Map.of())) {
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      while (consumer.position(partition) < end) {
        for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(200))) {
          if (SnapshotStore.POINTER.equals(record.key())) {
            last = record;
          }
        }
      }
    }
    return last;
  }
}
