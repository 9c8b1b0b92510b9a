package io.matchstream.gateway.admin;

import io.matchstream.gateway.binance.BinanceParams;
import io.matchstream.gateway.binance.BinanceRequestFilter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin API, on the admin port only ({@link AdminPort}), signed as Binance signs with an
 * admin key: deposits to and withdrawals from any user's account, the one place a key acts for
 * another. Each names its {@code txId}, which the engine takes once per user: a request sent
 * again, to any instance, moves nothing.
 */
@RestController
public class AdminController {
  private final TransferSender transfers;
  private final Clock clock;

  public AdminController(TransferSender transfers, Clock clock) {
    this.transfers = transfers;
    this.clock = clock;
  }

  @PostMapping(BinanceRequestFilter.ADMIN_PREFIX + "deposit")
  public Map<String, Object> deposit(@RequestAttribute(BinanceRequestFilter.PARAMS) BinanceParams params)
      throws Exception {
    return transfer("deposit", params);
  }

  /** The engine refuses a withdrawal beyond the available balance (a reject event, INSUFFICIENT_BALANCE). */
  @PostMapping(BinanceRequestFilter.ADMIN_PREFIX + "withdraw")
  public Map<String, Object> withdraw(@RequestAttribute(BinanceRequestFilter.PARAMS) BinanceParams params)
      throws Exception {
    return transfer("withdraw", params);
  }

  private Map<String, Object> transfer(String type, BinanceParams params) throws Exception {
    String userId = params.required("userId");
    String txId = params.required("txId");
    String asset = params.required("asset");
    String amount = params.requiredDecimal("amount").toPlainString();
    params.requireAllRead();
    transfers.transfer(type, userId, asset, amount, txId, clock.millis());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("userId", userId);
    json.put("txId", txId);
    return json;
  }
}
