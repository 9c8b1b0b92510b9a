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
}
