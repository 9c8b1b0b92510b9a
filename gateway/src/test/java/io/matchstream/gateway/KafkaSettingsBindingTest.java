package io.matchstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The gateway's Kafka logins bind with the dots of their keys kept, both ways they are given: a
 * properties file with the keys in brackets (the local stack) and environment variables (the
 * Kubernetes manifests, from the Secrets of Strimzi's KafkaUsers).
 */
class KafkaSettingsBindingTest {
  @Test
  void bracketedKeysOfAPropertiesFileKeepTheirDots() {
    GatewaySettings settings = bind(new MapPropertySource("file", Map.of(
        "matchstream.gateway.kafka[sasl.jaas.config]", "jaas of gateway",
        "matchstream.gateway.kafka[security.protocol]", "SASL_PLAINTEXT",
        "matchstream.gateway.admin-kafka[sasl.jaas.config]", "jaas of gateway-admin")));
    assertThat(settings.kafka()).containsExactlyInAnyOrderEntriesOf(
        Map.of("sasl.jaas.config", "jaas of gateway", "security.protocol", "SASL_PLAINTEXT"));
    assertThat(settings.adminKafka()).containsExactlyEntriesOf(Map.of("sasl.jaas.config", "jaas of gateway-admin"));
  }

  @Test
  void environmentVariablesBindToDottedKeys() {
    GatewaySettings settings = bind(new SystemEnvironmentPropertySource("test-systemEnvironment", Map.of(
        "MATCHSTREAM_GATEWAY_KAFKA_SASL_JAAS_CONFIG", "jaas of gateway",
        "MATCHSTREAM_GATEWAY_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
        "MATCHSTREAM_GATEWAY_ADMINKAFKA_SASL_JAAS_CONFIG", "jaas of gateway-admin")));
    assertThat(settings.kafka()).containsExactlyInAnyOrderEntriesOf(
        Map.of("sasl.jaas.config", "jaas of gateway", "security.protocol", "SASL_PLAINTEXT"));
    assertThat(settings.adminKafka()).containsExactlyEntriesOf(Map.of("sasl.jaas.config", "jaas of gateway-admin"));
  }

  @Test
  void noneGivenIsEmpty() {
    GatewaySettings settings = bind(new MapPropertySource("none", Map.of("matchstream.gateway.history", "5")));
    assertThat(settings.kafka()).isEmpty();
    assertThat(settings.adminKafka()).isEmpty();
  }

  private static GatewaySettings bind(org.springframework.core.env.PropertySource<?> source) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(source);
    return new Binder(ConfigurationPropertySources.get(environment))
        .bindOrCreate("matchstream.gateway", GatewaySettings.class);
  }
}
