package io.matchstream.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.matchstream.app.AppConfig;
import io.matchstream.app.RegistrySerdes;
import io.matchstream.testdata.CommandGenerator;
import io.matchstream.topology.Topics;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

/**
 * Every event topic, the candles' included, decoded by a client nobody here wrote: Confluent's own Avro deserializer
 * ({@code @confluentinc/schemaregistry} for Node.js, {@code clients/confluent-decode.mjs}) through
 * the registry's Confluent-compatible API, with nothing configured but that API's address. Each
 * value it decodes must equal, field by field, what the app's own serde reads from the same bytes.
 */
class ConfluentDeserializerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void confluentsDeserializerReadsEveryEventTopic() throws Exception {
    SharedStack stack = SharedStack.get();
    stack.resetTopics();
    String appId = "confluent";
    AppNode app = stack.app(appId, 1);
    app.start(Duration.ofSeconds(120));
    AppConfig config = stack.clientConfig(appId);
    Feeds.produce(config, CommandGenerator.of(13, 400, 2, 10, false).lines());
    stack.awaitIdle(appId, Duration.ofSeconds(120));
    app.stop();

    List<String> topics = new ArrayList<>(Topics.EVENTS);
    topics.add(Topics.KLINES);
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (String topic : topics) {
      records.addAll(committed(stack, topic));
    }
    StringBuilder input = new StringBuilder();
    List<JsonNode> ours = new ArrayList<>();
    Deserializer<SpecificRecord> serde = RegistrySerdes.of(config).serde(SpecificRecord.class).deserializer();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      input.append(JSON.writeValueAsString(Map.of("topic", record.topic(),
          "value", Base64.getEncoder().encodeToString(record.value())))).append('\n');
      ours.add(JSON.readTree(JSON.writeValueAsString(tree(serde.deserialize(record.topic(), record.value())))));
    }
    String ccompat = stack.registry.url().replace("/apis/registry/v2", "/apis/ccompat/v7");
    NodePackages clients = NodePackages.clients(Layout.find().home());
    NodePackages.Result decoded = clients.run(List.of("node", "confluent-decode.mjs", ccompat), input.toString(), false,
        Map.of());

    assertThat(decoded.exitCode()).as(decoded.output()).isZero();
    List<String> lines = decoded.output().lines().toList();
    assertThat(records).as("records on the event topics").hasSizeGreaterThan(500);
    assertThat(records.stream().map(ConsumerRecord::topic).distinct()).containsExactlyInAnyOrderElementsOf(topics);
    assertThat(lines).hasSameSizeAs(records);
    for (int i = 0; i < lines.size(); i++) {
      JsonNode theirs = JSON.readTree(lines.get(i));
      assertThat(theirs.path("topic").asText()).isEqualTo(records.get(i).topic());
      assertThat(theirs.path("value")).as("%s at offset %d", records.get(i).topic(), records.get(i).offset())
          .isEqualTo(ours.get(i));
    }
  }

  private static List<ConsumerRecord<byte[], byte[]>> committed(SharedStack stack, String topic) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(stack.superUser(Map.of(
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        assertThat(System.nanoTime()).as("read %s to its end", topic).isLessThan(deadline);
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  /** A decoded value as JSON, the way the Node.js script prints what Confluent's deserializer gives. */
  private static JsonNode tree(Object value) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    if (value == null) {
      return nodes.nullNode();
    }
    if (value instanceof SpecificRecord record) {
      ObjectNode object = nodes.objectNode();
      for (Schema.Field field : record.getSchema().getFields()) {
        object.set(field.name(), tree(record.get(field.pos())));
      }
      return object;
    }
    if (value instanceof BigDecimal decimal) {
      return nodes.textNode(decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toPlainString());
    }
    if (value instanceof List<?> list) {
      ArrayNode array = nodes.arrayNode();
      list.forEach(item -> array.add(tree(item)));
      return array;
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode object = nodes.objectNode();
      map.forEach((k, v) -> object.set(k.toString(), tree(v)));
      return object;
    }
    if (value instanceof ByteBuffer bytes) {
      return nodes.textNode(HexFormat.of().formatHex(bytes.array(), bytes.arrayOffset() + bytes.position(),
          bytes.arrayOffset() + bytes.limit()));
    }
    if (value instanceof Number || value instanceof Boolean) {
      return JSON.valueToTree(value);
    }
    return nodes.textNode(value.toString());
  }
}
