package io.matchstream.app;

import io.apicurio.registry.rest.client.RegistryClient;
import io.apicurio.registry.rest.client.RegistryClientFactory;
import io.apicurio.registry.rest.v2.beans.ArtifactMetaData;
import io.apicurio.registry.rest.v2.beans.IfExists;
import io.apicurio.registry.rest.v2.beans.Rule;
import io.apicurio.registry.types.ArtifactType;
import io.apicurio.registry.types.RuleType;
import io.matchstream.topology.TopicSpec;
import io.matchstream.topology.Topics;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/**
 * Registers the value schema of every topic (artifact {@code <topic>-value} in the default group)
 * and gives each artifact a BACKWARD compatibility rule, so a schema change that would break a
 * consumer of the older data is refused by the registry.
 */
public final class SchemaSetup {
  public static final String GROUP = "default";

  private final RegistryClient client;

  public SchemaSetup(String registryUrl) {
    this.client = RegistryClientFactory.create(registryUrl);
  }

  /** Registers every topic's schema; returns each artifact's global id. */
  public Map<String, Long> registerAll() {
    Map<String, Long> ids = new LinkedHashMap<>();
    for (TopicSpec topic : Topics.CATALOG) {
      Schema schema = SpecificData.get().getSchema(topic.valueType());
      ids.put(topic.valueArtifact(), register(topic.valueArtifact(), schema.toString()).getGlobalId());
    }
    return ids;
  }

  /** Registers {@code schema} as the artifact's latest version (or returns it if already there), under BACKWARD. */
  public ArtifactMetaData register(String artifactId, String schema) {
    ArtifactMetaData meta = client.createArtifact(GROUP, artifactId, null, ArtifactType.AVRO,
        IfExists.RETURN_OR_UPDATE, true, new ByteArrayInputStream(schema.getBytes(StandardCharsets.UTF_8)));
    if (!client.listArtifactRules(GROUP, artifactId).contains(RuleType.COMPATIBILITY)) {
      Rule rule = new Rule();
      rule.setType(RuleType.COMPATIBILITY);
      rule.setConfig("BACKWARD");
      client.createArtifactRule(GROUP, artifactId, rule);
    }
    return meta;
  }

  public RegistryClient client() {
    return client;
  }
}
