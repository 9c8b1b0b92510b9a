package io.matchstream.gateway.api;

import io.matchstream.gateway.GatewaySettings;
import io.matchstream.gateway.auth.ApiKey;
import io.matchstream.gateway.view.ExchangePulse;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /demo}: the demo user's key and secret, so that the web page of a local stack
 * can trade at once, and {@code GET /demo/status}, the page's status view. Only when {@code matchstream.gateway.demo-key} names a key (as
 * {@code ./matchstream up} does) and the gateway listens on loopback only ({@code server.address}
 * 127.0.0.1 or ::1): a gateway others can reach never hands out a secret. 404 otherwise.
 */
@RestController
public class DemoController {
  private static final Logger LOG = LoggerFactory.getLogger(DemoController.class);
  private final Optional<ApiKey> demo;
  private final ExchangePulse pulse;

  public DemoController(GatewaySettings settings, @Value("${server.address:}") String address, ExchangePulse pulse) {
    this.pulse = pulse;
    Optional<ApiKey> key = settings.demoKey() == null ? Optional.empty()
        : settings.keys().stream().filter(k -> k.key().equals(settings.demoKey())).findFirst();
    if (settings.demoKey() != null && key.isEmpty()) {
      throw new IllegalStateException("matchstream.gateway.demo-key names no configured key");
    }
    if (key.isPresent() && !loopback(address)) {
      LOG.warn("matchstream.gateway.demo-key is set but server.address ({}) is not loopback: /demo stays off",
          address.isEmpty() ? "every address" : address);
      key = Optional.empty();
    }
    demo = key;
  }

  private static boolean loopback(String address) {
    try {
      return !address.isEmpty() && InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  @GetMapping("/demo")
  public ResponseEntity<Map<String, Object>> demo() {
    return demo.<ResponseEntity<Map<String, Object>>>map(key -> ResponseEntity.ok(Map.of("userId", key.userId(),
        "apiKey", key.key(), "secret", key.secret())))
        .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("code", 404,
            "msg", "this gateway has no demo key")));
  }

  /** {@code GET /demo/status}: the page's status view ({@link ExchangePulse}), where {@code /demo} is served. */
  @GetMapping("/demo/status")
  public ResponseEntity<Map<String, Object>> status() {
    return demo.isPresent() ? ResponseEntity.ok(Map.of("stepMs", ExchangePulse.STEP_MS, "points", pulse.lastMinutes()))
        : ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("code", 404, "msg", "this gateway has no demo key"));
  }
}
