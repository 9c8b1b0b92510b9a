package io.matchstream.stack;

import io.matchstream.app.AppConfig;
import io.matchstream.client.CommandProducer;
import io.matchstream.client.CommittedReader;
import io.matchstream.client.EventConsumer;
import io.matchstream.replay.Replay;
import io.matchstream.schema.DeadLetter;
import io.matchstream.topology.StoreOptions;
import io.matchstream.topology.Topics;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Sends command lines through the broker, reads the event feeds back, and replays lines for comparison. */
final class Feeds {
  private Feeds() {}

  /**
   * A command that changes nothing (a cancel of an order nobody has; its reject is keyed by a user
   * no test uses). Sent after reference data in one {@link #produce}, it makes the producer wait
   * until the app has taken the reference data in, as it does at every such switch.
   */
  static final String NOTHING =
      "{\"type\":\"cancel\",\"orderId\":\"none\",\"userId\":\"nobody\",\"symbol\":\"NONE\",\"ts\":0}";

  static void produce(AppConfig config, List<String> lines) throws Exception {
    produce(config, lines, false);
  }

  /**
   * The same; {@code racingTransfers}: transfers and the commands around them may be applied in
   * either order ({@link CommandProducer#racingTransfers}), for a stream checked by its invariants.
   */
  static void produce(AppConfig config, List<String> lines, boolean racingTransfers) throws Exception {
    try (CommandProducer producer = new CommandProducer(config, CommandProducer.REFERENCE_GRACE)) {
      if (racingTransfers) {
        producer.racingTransfers();
      }
      for (String line : lines) {
        producer.send(line);
      }
      producer.flush();  // throws if any send failed
    }
  }

  /** {@link #produce} on another thread, for a test that interferes with the app meanwhile. */
  static CompletableFuture<Void> produceInBackground(AppConfig config, List<String> lines, boolean racingTransfers) {
    return CompletableFuture.runAsync(() -> {
      try {
        produce(config, lines, racingTransfers);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  /** Every committed event on the five event topics, each topic's partitions interleaved. */
  static List<String> readAll(AppConfig config) {
    List<String> events = new ArrayList<>();
    for (String topic : Topics.EVENTS) {
      try (EventConsumer consumer = new EventConsumer(config, topic, true)) {
        consumer.read(0, Duration.ofSeconds(2), events::add);
      }
    }
    return events;
  }

  /** The events the replay tool gives for the lines. */
  static List<String> replay(List<String> lines) throws Exception {
    StringWriter out = new StringWriter();
    try (Replay replay = new Replay(StoreOptions.REPLAY)) {
      for (String line : lines) {
        replay.apply(line, out);
      }
    }
    return out.toString().lines().toList();
  }

  /** Every committed record of the dead-letter topic. */
  static List<DeadLetter> deadLetters(AppConfig config) {
    List<DeadLetter> letters = new ArrayList<>();
    try (KafkaConsumer<String, SpecificRecord> consumer =
        CommittedReader.open(config, Topics.DEAD_LETTERS, true, Map.of())) {
      long quietUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
      while (System.nanoTime() < quietUntil) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> letters.add((DeadLetter) r.value()));
      }
    }
    return letters;
  }

  /** Sends raw bytes to a topic, past every serde: input no stage can decode. */
  static void sendRaw(String bootstrap, String topic, String key, byte[] value) throws Exception {
    try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(
        SharedStack.get().superUser(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap)), new ByteArraySerializer(),
        new ByteArraySerializer())) {
      raw.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value)).get();
    }
  }
}
