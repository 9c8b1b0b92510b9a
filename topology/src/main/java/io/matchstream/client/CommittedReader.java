package io.matchstream.client;

import io.matchstream.app.AppConfig;
import io.matchstream.app.RegistrySerdes;
import io.matchstream.topology.RegistryUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A consumer of every partition of some topics that sees committed data only ({@code read_committed}),
 * decodes values through the registry, and belongs to no consumer group: a reader never moves
 * anyone's offsets.
 */
public final class CommittedReader {
  private CommittedReader() {}

  /**
   * Opens {@code topic} at its beginning or its end; {@code settings} are consumer settings over
   * the defaults. The start positions are fixed before this returns.
   */
  public static KafkaConsumer<String, SpecificRecord> open(AppConfig config, String topic, boolean fromBeginning,
      Map<String, Object> settings) {
    return open(config, List.of(topic), fromBeginning, settings);
  }

  /** Opens every partition of each of {@code topics}, as {@link #open(AppConfig, String, boolean, Map)}. */
  public static KafkaConsumer<String, SpecificRecord> open(AppConfig config, List<String> topics,
      boolean fromBeginning, Map<String, Object> settings) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
    props.putAll(config.kafkaClient());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.putAll(settings);
    KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
        registryValues(config));
    List<TopicPartition> partitions = topics.stream()
        .flatMap(topic -> consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
            .map(p -> new TopicPartition(topic, p.partition())))
        .toList();
    consumer.assign(partitions);
    if (fromBeginning) {
      consumer.seekToBeginning(partitions);
    } else {
      consumer.seekToEnd(partitions);
    }
    partitions.forEach(consumer::position);
    return consumer;
  }

  /**
   * A member of a consumer group (its {@code group.id} and other settings in {@code settings}) that
   * sees committed data only, decodes values through the registry and commits no offsets: the
   * caller subscribes and positions it.
   */
  public static KafkaConsumer<String, SpecificRecord> groupMember(AppConfig config, Properties settings) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
    props.putAll(config.kafkaClient());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.putAll(settings);
    return new KafkaConsumer<>(props, new StringDeserializer(), registryValues(config));
  }

  @SuppressWarnings("unchecked")
  private static Deserializer<SpecificRecord> registryValues(AppConfig config) {
    return (Deserializer<SpecificRecord>) (Object) RegistrySerdes.of(config).serde(SpecificRecord.class).deserializer();
  }

  /**
   * Polls {@code consumer}, passing over any record whose value cannot be decoded: {@code skipped}
   * is told which one and why, the consumer seeks past it and the poll goes on. A record the
   * registry did not answer for is not passed over: this poll returns nothing and the next one
   * reads it again.
   */
  public static ConsumerRecords<String, SpecificRecord> poll(KafkaConsumer<String, SpecificRecord> consumer,
      Duration timeout, Consumer<String> skipped) {
    while (true) {
      try {
        return consumer.poll(timeout);
      } catch (RecordDeserializationException e) {
        if (e.getCause() instanceof RegistryUnavailableException) {
          skipped.accept(String.format("not read yet %s-%d@%d: %s; reading it again", e.topicPartition().topic(),
              e.topicPartition().partition(), e.offset(), e.getCause().getMessage()));
          pause(timeout);
          return ConsumerRecords.empty();
        }
        skipped.accept(String.format("skipped %s-%d@%d: %s", e.topicPartition().topic(),
            e.topicPartition().partition(), e.offset(), e.getMessage()));
        consumer.seek(e.topicPartition(), e.offset() + 1);
      }
    }
  }

  static void pause(Duration timeout) {
    try {
      Thread.sleep(timeout.toMillis());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
