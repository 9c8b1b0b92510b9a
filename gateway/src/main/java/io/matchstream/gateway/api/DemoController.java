package io.matchstream.gateway.api;

import io.matchstream.gateway.GatewaySettings;
import io.matchstream.gateway.auth.ApiKey;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /demo}: the demo user's key and secret, so that the web page of a local stack
 * can trade at once. Only when {@code matchstream.gateway.demo-key} names a key (as
 * {@code ./matchstream up} does, on 127.0.0.1); 404 otherwise.
 */
@RestController
public class DemoController {
  private final Optional<ApiKey> demo;

  public DemoController(GatewaySettings settings) {
    demo = settings.demoKey() == null ? Optional.empty()
        : settings.keys().stream().filter(k -> k.key().equals(settings.demoKey())).findFirst();
    if (settings.demoKey() != null && demo.isEmpty()) {
      throw new IllegalStateException("matchstream.gateway.demo-key names no configured key");
    }
  }

  @GetMapping("/demo")
  public ResponseEntity<Map<String, Object>> demo() {
    return demo.<ResponseEntity<Map<String, Object>>>map(key -> ResponseEntity.ok(Map.of("userId", key.userId(),
        "apiKey", key.key(), "secret", key.secret())))
        .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("code", 404,
            "msg", "this gateway has no demo key")));
  }
}
