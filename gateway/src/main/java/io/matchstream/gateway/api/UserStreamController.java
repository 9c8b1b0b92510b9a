package io.matchstream.gateway.api;

import io.matchstream.gateway.auth.ApiKey;
import io.matchstream.gateway.auth.SignedRequestFilter;
import io.matchstream.gateway.stream.ListenKeys;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Listen keys for the private stream {@code /ws/user/{listenKey}}: create, keep alive, close. */
@RestController
public class UserStreamController {
  private final ListenKeys listenKeys;

  public UserStreamController(ListenKeys listenKeys) {
    this.listenKeys = listenKeys;
  }

  @PostMapping("/api/v1/userDataStream")
  public Map<String, Object> create(@RequestAttribute(SignedRequestFilter.CALLER) ApiKey caller) {
    return Map.of("listenKey", listenKeys.create(caller.userId()));
  }

  @PutMapping("/api/v1/userDataStream")
  public Map<String, Object> keepAlive(@RequestAttribute(SignedRequestFilter.CALLER) ApiKey caller,
      @RequestParam("listenKey") String listenKey) {
    OrderController.require(listenKeys.keepAlive(caller.userId(), listenKey), "unknown or expired listen key");
    return Map.of();
  }

  @DeleteMapping("/api/v1/userDataStream")
  public Map<String, Object> close(@RequestAttribute(SignedRequestFilter.CALLER) ApiKey caller,
      @RequestParam("listenKey") String listenKey) {
    OrderController.require(listenKeys.close(caller.userId(), listenKey), "unknown listen key");
    return Map.of();
  }
}
