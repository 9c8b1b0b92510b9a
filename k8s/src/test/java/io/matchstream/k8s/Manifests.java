package io.matchstream.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** One overlay's manifests, as {@code kustomize build} gives them, each document a tree. */
record Manifests(String overlay, String yaml, List<JsonNode> resources) {
  static final List<String> OVERLAYS = List.of("local", "production");
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Map<String, Manifests> BUILT = new ConcurrentHashMap<>();

  /** The built overlay (built once per test run). */
  static Manifests of(String overlay) {
    return BUILT.computeIfAbsent(overlay, o -> parse(o, Tools.kustomizeBuild(o)));
  }

  static Manifests parse(String overlay, String yaml) {
    try (var documents = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
      List<JsonNode> resources = new ArrayList<>();
      while (documents.hasNext()) {
        JsonNode document = documents.next();
        if (document != null && !document.isEmpty()) {
          resources.add(document);
        }
      }
      return new Manifests(overlay, yaml, resources);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<JsonNode> ofKind(String kind) {
    return resources.stream().filter(r -> r.path("kind").asText().equals(kind)).toList();
  }

  JsonNode get(String kind, String name) {
    return ofKind(kind).stream().filter(r -> name(r).equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError(overlay + " has no " + kind + " " + name));
  }

  /** A generated ConfigMap or Secret, whose name kustomize suffixes with a hash of its content. */
  JsonNode generated(String kind, String name) {
    return ofKind(kind).stream().filter(r -> name(r).matches(name + "-[a-z0-9]{10}")).findFirst()
        .orElseThrow(() -> new AssertionError(overlay + " has no generated " + kind + " " + name));
  }

  /** A ConfigMap's or Secret's entries (a Secret's as kustomize left them, base64). */
  static Map<String, String> data(JsonNode configMap) {
    Map<String, String> data = new TreeMap<>();
    configMap.path("data").fields().forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText()));
    return data;
  }

  static String name(JsonNode resource) {
    return resource.path("metadata").path("name").asText();
  }
}
