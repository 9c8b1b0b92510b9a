package io.matchstream.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apicurio.registry.rest.client.exception.RuleViolationException;
import io.apicurio.registry.rest.v2.beans.ArtifactMetaData;
import io.matchstream.app.SchemaSetup;
import io.matchstream.schema.Trade;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The registry holds the event schemas under BACKWARD compatibility: it takes an optional field, refuses a breaking one. */
class SchemaEvolutionTest {
  private static final String ARTIFACT = "trades-evolution-value";

  @Test
  void optionalFieldIsCompatibleAndRequiredFieldIsRefused() throws Exception {
    SchemaSetup registry = new SchemaSetup(SharedStack.get().registry.url());
    String v1 = Trade.getClassSchema().toString();
    ArtifactMetaData first = registry.register(ARTIFACT, v1);

    String optional = withField(v1, "{\"name\":\"venue\",\"type\":[\"null\",\"string\"],\"default\":null}");
    ArtifactMetaData second = registry.register(ARTIFACT, optional);
    assertThat(second.getGlobalId()).isGreaterThan(first.getGlobalId());
    assertThat(second.getVersion()).isNotEqualTo(first.getVersion());

    String required = withField(optional, "{\"name\":\"settlementDate\",\"type\":\"string\"}");
    assertThatThrownBy(() -> registry.register(ARTIFACT, required))
        .isInstanceOf(RuleViolationException.class);
  }

  /** The schema with one more field at the end. */
  private static String withField(String schema, String field) {
    Schema parsed = new Schema.Parser().parse(schema);
    String json = parsed.toString();
    return json.substring(0, json.lastIndexOf(']')) + "," + field + json.substring(json.lastIndexOf(']'));
  }
}
