package io.matchstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AppConfigTest {
  @Test
  void anEnvironmentVariableOverridesTheBundledDefault() {
    assertThat(AppConfig.load(null, Map.of()).getList(AppConfig.CACHED_STORES))
        .containsExactly("accounts", "book-meta", "klines-1s", "klines-1m", "klines-1h", "klines-1d");
    assertThat(AppConfig.load(null, Map.of("MATCHSTREAM_APP_CACHED_STORES", " accounts ,, book-meta "))
        .getList(AppConfig.CACHED_STORES)).containsExactly("accounts", "book-meta");
  }

  @Test
  void aBlankListIsEmpty() {
    assertThat(AppConfig.load(null, Map.of("MATCHSTREAM_APP_CACHED_STORES", " ")).getList(AppConfig.CACHED_STORES))
        .isEmpty();
  }

  @Test
  void everyClientGetsTheBrokerAndTheLoginAndNothingElse() {
    AppConfig config = AppConfig.load(null, Map.of("MATCHSTREAM_BOOTSTRAP_SERVERS", "b:9092",
        "MATCHSTREAM_SECURITY_PROTOCOL", "SASL_PLAINTEXT", "MATCHSTREAM_SASL_MECHANISM", "SCRAM-SHA-512",
        "MATCHSTREAM_SASL_JAAS_CONFIG", "jaas"));
    assertThat(config.kafkaClient()).containsExactlyInAnyOrderEntriesOf(Map.of("bootstrap.servers", "b:9092",
        "security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", "jaas"));
    assertThat(AppConfig.load(null, Map.of()).kafkaClient()).containsOnlyKeys("bootstrap.servers");
  }

  @Test
  void withOverridesSomeSettingsOfACopy() {
    AppConfig config = AppConfig.load(null, Map.of("MATCHSTREAM_SASL_JAAS_CONFIG", "gateway"));
    AppConfig admin = config.with(Map.of("sasl.jaas.config", "gateway-admin"));
    assertThat(admin.get("sasl.jaas.config")).isEqualTo("gateway-admin");
    assertThat(config.get("sasl.jaas.config")).isEqualTo("gateway");
    assertThat(admin.get("application.id")).isEqualTo(config.get("application.id"));
  }
}
