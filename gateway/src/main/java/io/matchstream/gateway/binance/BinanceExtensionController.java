package io.matchstream.gateway.binance;

import io.matchstream.gateway.auth.ApiKey;
import io.matchstream.gateway.commands.CommandSender;
import io.matchstream.gateway.commands.DeadMansSwitch;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/**
 * What Matchstream has beyond Binance's spot API, signed as Binance signs: the dead-man's switch
 * and, for admin keys, deposits and withdrawals (Binance keeps those in its wallet API).
 */
@RestController
public class BinanceExtensionController {
  private final CommandSender commands;
  private final DeadMansSwitch deadMansSwitch;
  private final Clock clock;

  public BinanceExtensionController(CommandSender commands, DeadMansSwitch deadMansSwitch, Clock clock) {
    this.commands = commands;
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
      @RequestAttribute(BinanceRequestFilter.PARAMS) BinanceParams params) throws Exception {
    long timeout = params.integer("timeout").orElseThrow(() -> BinanceError.mandatory("timeout"));
    if (timeout > DeadMansSwitch.MAX_TIMEOUT_SECONDS) {
      throw BinanceError.illegal("timeout", "0-" + DeadMansSwitch.MAX_TIMEOUT_SECONDS);
    }
    params.requireAllRead();
    long now = clock.millis();
    long triggerTime = deadMansSwitch.arm(caller.userId(), timeout);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("currentTime", now);
    json.put("triggerTime", triggerTime);
    return json;
  }

  /**
   * Deposits to a user's account: admin keys only. An order or a cancel only ever names the
   * caller's own user, so transfers are the one place a key acts for another.
   */
  @PostMapping("/api/v3/admin/deposit")
  public Map<String, Object> deposit(@RequestAttribute(BinanceRequestFilter.CALLER) ApiKey caller,
      @RequestAttribute(BinanceRequestFilter.PARAMS) BinanceParams params) throws Exception {
    return transfer("deposit", caller, params);
  }

  /** Withdraws from a user's account: admin keys only; the engine refuses one beyond the available balance. */
  @PostMapping("/api/v3/admin/withdraw")
  public Map<String, Object> withdraw(@RequestAttribute(BinanceRequestFilter.CALLER) ApiKey caller,
      @RequestAttribute(BinanceRequestFilter.PARAMS) BinanceParams params) throws Exception {
    return transfer("withdraw", caller, params);
  }

  private Map<String, Object> transfer(String type, ApiKey caller, BinanceParams params) throws Exception {
    if (!caller.admin()) {
      throw new BinanceError(401, -2015, "Invalid API-key, IP, or permissions for action.");
    }
    String userId = params.required("userId");
    String txId = params.required("txId");
    String asset = params.required("asset");
    String amount = params.requiredDecimal("amount").toPlainString();
    params.requireAllRead();
    commands.transfer(type, userId, asset, amount, txId, clock.millis());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("userId", userId);
    json.put("txId", txId);
    return json;
  }
}
