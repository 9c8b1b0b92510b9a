package io.matchstream.k8s;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connector.KafkaConnector;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.util.Map;

/**
 * Loads a manifest into its class of fabric8's Kubernetes model or Strimzi's {@code io.strimzi:api},
 * strictly: both models keep a field they do not know in an "additional properties" map (their
 * {@code @JsonAnySetter}), which this mapper turns off, so a misspelt or misplaced field fails.
 */
final class TypedModels {
  private static final Map<String, Class<?>> CLASSES = Map.ofEntries(
      Map.entry("v1/Namespace", Namespace.class),
      Map.entry("v1/ConfigMap", ConfigMap.class),
      Map.entry("v1/Secret", Secret.class),
      Map.entry("v1/Service", Service.class),
      Map.entry("apps/v1/Deployment", Deployment.class),
      Map.entry("apps/v1/StatefulSet", StatefulSet.class),
      Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
      Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
      Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
      Map.entry("kafka.strimzi.io/v1/Kafka", Kafka.class),
      Map.entry("kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class),
      Map.entry("kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class),
      Map.entry("kafka.strimzi.io/v1/KafkaUser", io.strimzi.api.kafka.model.user.KafkaUser.class),
      Map.entry("kafka.strimzi.io/v1/KafkaConnect", KafkaConnect.class),
      Map.entry("kafka.strimzi.io/v1/KafkaConnector", KafkaConnector.class),
      Map.entry("monitoring.coreos.com/v1/PodMonitor", io.fabric8.openshift.api.model.monitoring.v1.PodMonitor.class),
      Map.entry("monitoring.coreos.com/v1/PrometheusRule",
          io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule.class));

  private static final ObjectMapper STRICT = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
        @Override
        public Boolean hasAnySetter(Annotated annotated) {
          return Boolean.FALSE;
        }
      });

  private TypedModels() {}

  /** The manifest as an instance of its model class; throws, naming the path, on what the model does not know. */
  static Object load(JsonNode resource) throws Exception {
    String type = resource.path("apiVersion").asText() + "/" + resource.path("kind").asText();
    Class<?> model = CLASSES.get(type);
    if (model == null) {
      throw new IllegalArgumentException("no model for " + type);
    }
    return STRICT.treeToValue(resource, model);
  }
}
