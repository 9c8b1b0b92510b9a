package io.matchstream.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** One sink of {@code connectors/sinks}: its connector name and config, as Connect's REST API takes them. */
public record SinkConfig(String name, ObjectNode config) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Every sink of {@code connectors/sinks}, in file order. */
  public static List<SinkConfig> all(Layout layout) {
    return layout.sinkConfigs().stream().map(SinkConfig::read).toList();
  }

  private static SinkConfig read(Path file) {
    try {
      var sink = JSON.readTree(file.toFile());
      return new SinkConfig(sink.get("name").asText(), (ObjectNode) sink.get("config"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the sink config " + file, e);
    }
  }

  /** The topic it reads. */
  public String topic() {
    return config.get("topics").asText();
  }

  /** The table it writes. */
  public String table() {
    return config.get("collection.name.format").asText();
  }
}
