package io.matchstream.gateway.binance;

import io.matchstream.gateway.auth.ApiKey;
import io.matchstream.gateway.commands.DeadMansSwitch;
import io.matchstream.gateway.view.ExchangeView;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/**
 * What Matchstream has beyond Binance's spot API, signed as Binance signs: the dead-man's switch.
 * Deposits and withdrawals are the admin API's, on a port of its own ({@code admin.AdminController}).
 */
@RestController
public class BinanceExtensionController {
  private final DeadMansSwitch deadMansSwitch;
  private final ExchangeView view;
  private final Clock clock;

  public BinanceExtensionController(DeadMansSwitch deadMansSwitch, ExchangeView view, Clock clock) {
    this.view = view;
    this.deadMansSwitch = deadMansSwitch;
    this.clock = clock;
  }

  /**
   * Kraken's dead-man's switch: {@code timeout=60} cancels all the caller's orders, on every symbol,
   * 60 seconds from now unless called again before; a client calls it every 15 to 30 s. {@code 0}
   * disarms it. Answers {@code currentTime} and {@code triggerTime} (0 when disarmed). It holds
   * across gateway instances and restarts (see {@link DeadMansSwitch}).
   */
  @PostMapping("/api/v3/cancelAllAfter")
  public Map<String, Object> cancelAllAfter(@RequestAttribute(BinanceRequestFilter.CALLER) ApiKey caller,
      @RequestAttribute(BinanceRequestFilter.PARAMS) BinanceParams params,
      @RequestAttribute(BinanceRequestFilter.SIGNATURE) String signature) throws Exception {
    long timeout = params.integer("timeout").orElseThrow(() -> BinanceError.mandatory("timeout"));
    if (timeout > DeadMansSwitch.MAX_TIMEOUT_SECONDS) {
      throw BinanceError.illegal("timeout", "0-" + DeadMansSwitch.MAX_TIMEOUT_SECONDS);
    }
    params.requireAllRead();
    long requestTime = SignatureCheck.millis(params.integer("timestamp").orElseThrow());
    if (view.switchRequestTaken(caller.userId(), requestTime, signature)) {
      throw new BinanceError(400, -1021, "This signed request, or a later one of this user, was already taken.");
    }
    long now = clock.millis();
    long triggerTime = deadMansSwitch.arm(caller.userId(), timeout, requestTime, signature);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("currentTime", now);
    json.put("triggerTime", triggerTime);
    return json;
  }
}
