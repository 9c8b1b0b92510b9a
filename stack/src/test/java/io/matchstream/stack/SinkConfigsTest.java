package io.matchstream.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.matchstream.topology.Topics;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * The three descriptions of a table agree: the topic's Avro schema, the sink's config (which topic,
 * which renames, which key) and the table {@code connectors/sql/matchstream.sql} makes. Every
 * field lands in a column named its snake_case, every column the sink must fill is a field, and
 * the key fields are columns. A field added to an event without its column fails here, not in a
 * sink at run time.
 */
class SinkConfigsTest {
  /** Fields whose snake_case is a word MySQL reserves, and the column each has instead. */
  private static final Map<String, String> RESERVED_WORDS = Map.of("interval", "kline_interval");

  @Test
  void schemasConfigsAndTablesAgree() throws Exception {
    SharedStack stack = SharedStack.get();
    MariaDbNode mariadb = stack.mariadb();
    mariadb.createDatabase("configs");
    List<SinkConfig> sinks = SinkConfig.all(stack.layout);
    assertThat(sinks).hasSize(5);
    try (Connection c = DriverManager.getConnection(mariadb.jdbcUrl("configs"), MariaDbNode.USER, MariaDbNode.PASSWORD)) {
      for (SinkConfig sink : sinks) {
        JsonNode config = sink.config();
        String name = sink.name();
        String topic = sink.topic();
        String table = sink.table();
        Map<String, String> renames = renames(config);
        Set<String> fields = new HashSet<>();
        for (Schema.Field field : schema(topic).getFields()) {
          String column = renames.getOrDefault(field.name(), field.name());
          assertThat(column).as("%s: field %s", name, field.name())
              .isEqualTo(RESERVED_WORDS.getOrDefault(snakeCase(field.name()), snakeCase(field.name())));
          fields.add(column);
        }
        boolean keyed = "record_key".equals(config.get("primary.key.mode").asText());
        Set<String> keyFields = Set.of(config.get("primary.key.fields").asText().split(","));
        if (keyed) {
          fields.addAll(keyFields);  // a key hoisted into a struct of those fields
        }
        Map<String, Boolean> mustFill = columns(c, table);
        assertThat(mustFill.keySet()).as("%s: columns of %s for the fields", name, table).containsAll(fields);
        mustFill.forEach((column, required) -> {
          if (required) {
            assertThat(fields).as("%s: a field for required column %s.%s", name, table, column).contains(column);
          }
        });
        assertThat(fields).as("%s: key fields", name).containsAll(keyFields);
        assertThat(config.get("errors.tolerance").asText()).isEqualTo("all");
        assertThat(config.get("errors.deadletterqueue.topic.name").asText()).isNotBlank();
        assertThat(config.get("insert.mode").asText()).isEqualTo("upsert");
      }
    }
  }

  private static Schema schema(String topic) throws Exception {
    Class<?> type = Topics.spec(topic).valueType();
    return (Schema) type.getField("SCHEMA$").get(null);
  }

  private static Map<String, String> renames(JsonNode config) {
    Map<String, String> renames = new HashMap<>();
    for (String transform : config.path("transforms").asText().split(",")) {
      JsonNode list = config.get("transforms." + transform + ".renames");
      if (list != null) {
        Arrays.stream(list.asText().split(",")).map(r -> r.split(":")).forEach(r -> renames.put(r[0], r[1]));
      }
    }
    return renames;
  }

  /** The table's columns, each with whether a row cannot be written without it (NOT NULL, no default). */
  private static Map<String, Boolean> columns(Connection c, String table) throws Exception {
    Map<String, Boolean> columns = new HashMap<>();
    try (ResultSet r = c.getMetaData().getColumns("configs", null, table, null)) {
      while (r.next()) {
        columns.put(r.getString("COLUMN_NAME"), "NO".equals(r.getString("IS_NULLABLE")) && r.getString("COLUMN_DEF") == null);
      }
    }
    assertThat(columns).as("table %s", table).isNotEmpty();
    return columns;
  }

  static String snakeCase(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }
}
