package io.matchstream.loadgen;

import io.matchstream.app.AppConfig;
import io.matchstream.topology.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Every committed record on the broker, by topic, read back with a {@code read_committed}
 * consumer: end offsets also count transaction markers (one per partition per commit) and aborted
 * records, which a consumer never returns. The Kafka-internal topics are left out.
 */
final class RecordCount {
  private RecordCount() {}

  static Map<String, Long> committedRecords(AppConfig settings) throws Exception {
    String bootstrap = settings.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG);
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.putAll(settings.kafkaClient());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
    Map<String, Long> counts = new TreeMap<>();
    try (Admin admin = Admin.create(settings.kafkaClient());
        KafkaConsumer<byte[], byte[]> consumer =
            new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : admin.listTopics().names().get()) {
        if (topic.startsWith("__")) {
          continue;
        }
        for (PartitionInfo info : consumer.partitionsFor(topic)) {
          partitions.add(new TopicPartition(topic, info.partition()));
        }
        counts.put(topic, 0L);
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the topics were not read to their end within 2 minutes");
        }
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
        for (TopicPartition partition : records.partitions()) {
          counts.merge(partition.topic(), (long) records.records(partition).size(), Long::sum);
        }
      }
    }
    return counts;
  }

  /**
   * One line per topic with its records per command, largest first, and the total: every record
   * the exchange holds over every command it was sent (the {@code commands} topic's records).
   */
  static String describe(Map<String, Long> counts) {
    long commands = Math.max(1, counts.getOrDefault(Topics.COMMANDS, 0L));
    StringBuilder text = new StringBuilder();
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    text.append(String.format("records per command: %.2f (%,d records, %,d commands)%n", (double) total / commands,
        total, commands));
    counts.entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> text.append(String.format("  %6.2f  %s%n", (double) e.getValue() / commands, e.getKey())));
    return text.toString();
  }
}
