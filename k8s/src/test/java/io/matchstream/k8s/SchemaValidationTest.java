package io.matchstream.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.matchstream.stack.NodePackages;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Each overlay builds with kustomize, and every manifest it gives validates against the OpenAPI
 * schema of its kind (Kubernetes' and Strimzi's CRDs', through kubernetes-models and ajv) and
 * loads into its class of fabric8's model or Strimzi's api with no field left unknown.
 */
class SchemaValidationTest {
  static final List<String> OVERLAYS = Manifests.OVERLAYS;

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void everyManifestValidatesAgainstItsSchema(String overlay) {
    Manifests manifests = Manifests.of(overlay);
    NodePackages.Result validated = Tools.validate(manifests.yaml());
    assertThat(validated.exitCode()).as(validated.output()).isZero();
    assertThat(validated.output().lines().filter(l -> l.startsWith("valid: ")))
        .as("one valid line per manifest").hasSize(manifests.resources().size());
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void everyManifestLoadsIntoItsTypedModel(String overlay) {
    List<String> failures = new ArrayList<>();
    for (JsonNode resource : Manifests.of(overlay).resources()) {
      try {
        TypedModels.load(resource);
      } catch (Exception e) {
        failures.add(resource.path("kind").asText() + " " + Manifests.name(resource) + ": " + e.getMessage());
      }
    }
    assertThat(failures).isEmpty();
  }

  /** Both validators refuse what is wrong, so their silence above means something. */
  @Test
  void bothValidatorsRefuseBrokenManifests() {
    String misspelt = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: broken}
        spec:
          replicaz: 2
          selector: {matchLabels: {a: b}}
          template:
            metadata: {labels: {a: b}}
            spec:
              containers: [{name: c, image: i}]
        """;
    String wrongType = """
        apiVersion: kafka.strimzi.io/v1
        kind: KafkaTopic
        metadata: {name: broken}
        spec: {partitions: twelve, replicas: 3}
        """;
    String missingRequired = """
        apiVersion: kafka.strimzi.io/v1
        kind: KafkaNodePool
        metadata: {name: broken}
        spec: {replicas: 3}
        """;
    assertThatThrownBy(() -> TypedModels.load(Manifests.parse("broken", misspelt).resources().get(0)))
        .hasMessageContaining("replicaz");
    assertThatThrownBy(() -> TypedModels.load(Manifests.parse("broken", wrongType).resources().get(0)))
        .hasMessageContaining("twelve");
    NodePackages.Result validated = Tools.validate(wrongType + "---\n" + missingRequired);
    assertThat(validated.exitCode()).isEqualTo(1);
    assertThat(validated.output())
        .contains("invalid: kafka.strimzi.io/v1 KafkaTopic broken")
        .contains("invalid: kafka.strimzi.io/v1 KafkaNodePool broken");
  }
}
