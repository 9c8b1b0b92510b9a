package io.matchstream.gateway.binance;

import io.matchstream.gateway.auth.ApiKey;
import io.matchstream.gateway.stream.ListenKeys;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/**
 * Binance's listen keys (USER_STREAM: the API key alone, no signature): a key opens the user's
 * stream at {@code /ws/<listenKey>}, lives 60 minutes past its creation or last keep-alive, on
 * every gateway instance ({@link ListenKeys}). A broker that does not take the change is a 503.
 */
@RestController
public class BinanceUserStreamController {
  private final ListenKeys listenKeys;

  public BinanceUserStreamController(ListenKeys listenKeys) {
    this.listenKeys = listenKeys;
  }

  @PostMapping("/api/v3/userDataStream")
  public Map<String, Object> create(@RequestAttribute(BinanceRequestFilter.CALLER) ApiKey caller)
      throws Exception {
    return Map.of("listenKey", listenKeys.create(caller.userId()));
  }

  @PutMapping("/api/v3/userDataStream")
  public Map<String, Object> keepAlive(@RequestAttribute(BinanceRequestFilter.CALLER) ApiKey caller,
      @RequestAttribute(BinanceRequestFilter.PARAMS) BinanceParams params) throws Exception {
    if (!listenKeys.keepAlive(caller.userId(), params.required("listenKey"))) {
      throw unknownKey();
    }
    return Map.of();
  }

  @DeleteMapping("/api/v3/userDataStream")
  public Map<String, Object> close(@RequestAttribute(BinanceRequestFilter.CALLER) ApiKey caller,
      @RequestAttribute(BinanceRequestFilter.PARAMS) BinanceParams params) throws Exception {
    if (!listenKeys.close(caller.userId(), params.required("listenKey"))) {
      throw unknownKey();
    }
    return Map.of();
  }

  private static BinanceError unknownKey() {
    return new BinanceError(400, -1125, "This listenKey does not exist.");
  }
}
