package io.matchstream.gateway.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.matchstream.gateway.GatewaySettings;
import io.matchstream.gateway.auth.ApiKey;
import io.matchstream.gateway.auth.SignedRequestFilter;
import io.matchstream.gateway.commands.CommandSender;
import io.matchstream.gateway.commands.DeadMansSwitch;
import io.matchstream.gateway.commands.OrderEntry;
import io.matchstream.gateway.commands.OrderIds;
import io.matchstream.gateway.commands.OrderResults;
import io.matchstream.gateway.view.ExchangeView;
import io.matchstream.gateway.view.OrderView;
import io.matchstream.gateway.view.SymbolView;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Order entry: a new order becomes a {@code place} command for the caller's user; a cancel, a
 * {@code cancel}; an amend, an {@code amend}; a cancel of all open orders, a {@code cancelAll}.
 * The command is keyed by the user and answered once the broker has it (ACK), or once the order's
 * first event arrives (RESULT).
 */
@RestController
public class OrderController {
  private static final Set<String> SIDES = Set.of("BUY", "SELL");
  private static final Set<String> TYPES = Set.copyOf(SymbolView.ORDER_TYPES);
  private static final Set<String> RESPONSE_TYPES = Set.of("ACK", "RESULT");
  // Binance's newClientOrderId
  private static final Pattern CLIENT_ORDER_ID = Pattern.compile("[.A-Za-z0-9:/_-]{1,36}");
  private static final ObjectMapper JSON = new ObjectMapper();
  private final CommandSender commands;
  private final OrderEntry entry;
  private final OrderIds ids;
  private final OrderResults results;
  private final ExchangeView view;
  private final DeadMansSwitch deadMansSwitch;
  private final Clock clock;
  private final long resultTimeoutMs;
  private final Counter sent;
  private final Counter refused;

  public OrderController(CommandSender commands, OrderEntry entry, OrderIds ids, OrderResults results,
      ExchangeView view, DeadMansSwitch deadMansSwitch, Clock clock, GatewaySettings settings, MeterRegistry meters) {
    this.deadMansSwitch = deadMansSwitch;
    this.commands = commands;
    this.entry = entry;
    this.ids = ids;
    this.results = results;
    this.view = view;
    this.clock = clock;
    this.resultTimeoutMs = settings.resultTimeoutMs();
    this.sent = orders(meters, "sent");
    this.refused = orders(meters, "refused");
  }

  private static Counter orders(MeterRegistry meters, String result) {
    return Counter.builder("matchstream.gateway.orders").tag("result", result)
        .description("new orders sent to the exchange, or refused by the gateway before (400)").register(meters);
  }

  /**
   * Places an order. With a {@code newClientOrderId} the order id is derived from it, so a retry
   * (after a timeout, on any instance) places nothing new: it is answered with the first order's
   * state, and the engine refuses the id if the first one is still on its way.
   */
  @PostMapping("/api/v1/order")
  public Object place(@RequestAttribute(SignedRequestFilter.CALLER) ApiKey caller, @RequestBody OrderRequest order)
      throws Exception {
    try {
      return placeChecked(caller, order);
    } catch (BadRequest | CommandSender.UnreadableCommand e) {
      refused.increment();
      throw e;
    }
  }

  private Object placeChecked(ApiKey caller, OrderRequest order) throws Exception {
    require(order.symbol() != null && !order.symbol().isBlank(), "symbol is required");
    require(order.side() != null && SIDES.contains(order.side()), "side must be BUY or SELL");
    require(order.type() != null && TYPES.contains(order.type()), "type must be one of " + SymbolView.ORDER_TYPES);
    String respType = order.newOrderRespType() == null ? "ACK" : order.newOrderRespType();
    require(RESPONSE_TYPES.contains(respType), "newOrderRespType must be ACK or RESULT");
    String clientOrderId = order.newClientOrderId();
    require(clientOrderId == null || CLIENT_ORDER_ID.matcher(clientOrderId).matches(),
        "newClientOrderId must be 1-36 of A-Z a-z 0-9 . : / _ -");
    BigDecimal price = decimal("price", order.price());
    BigDecimal quantity = decimal("quantity", order.quantity());
    BigDecimal quoteQuantity = decimal("quoteOrderQty", order.quoteOrderQty());
    BigDecimal stopPrice = decimal("stopPrice", order.stopPrice());
    BigDecimal icebergQuantity = decimal("icebergQty", order.icebergQty());
    String userId = caller.userId();
    String orderId = clientOrderId == null ? ids.next() : OrderIds.forClient(clientOrderId);
    Optional<OrderView> earlier = clientOrderId == null ? Optional.empty() : view.order(userId, orderId);
    if (earlier.isPresent()) {
      return answer(respType, earlier.get(), earlier.get().time());
    }
    long now = clock.millis();
    CompletableFuture<OrderView> result = entry.place(new OrderEntry.Placement(userId, orderId, clientOrderId,
        order.symbol(), order.side(), order.type(), order.timeInForce(), price, quantity, quoteQuantity,
        order.selfTradePreventionMode(), stopPrice, icebergQuantity), now, "RESULT".equals(respType));
    sent.increment();
    if (result == null) {
      return ack(order.symbol(), orderId, clientOrderId, now);
    }
    try {
      return result.get(resultTimeoutMs, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      results.abandon(userId, orderId);
      throw new ResultTimeout(orderId, resultTimeoutMs);
    }
  }

  /** Cancels one of the caller's orders, named by {@code orderId} or {@code origClientOrderId}. */
  @DeleteMapping("/api/v1/order")
  public Map<String, Object> cancel(@RequestAttribute(SignedRequestFilter.CALLER) ApiKey caller,
      @RequestParam("symbol") String symbol, @RequestParam(name = "orderId", required = false) String orderId,
      @RequestParam(name = "origClientOrderId", required = false) String origClientOrderId) throws Exception {
    String id = namedOrder(orderId, origClientOrderId);
    long now = clock.millis();
    commands.cancel(caller.userId(), symbol, id, now);
    return ack(symbol, id, origClientOrderId, now);
  }

  /**
   * Lowers an open order's quantity keeping its place in the queue (Binance's amend keepPriority):
   * an {@code amend} command. The outcome comes as events: the order with its new {@code origQty},
   * or a {@code reject} (UNKNOWN_ORDER, INVALID_QUANTITY).
   */
  @PutMapping("/api/v1/order/amend/keepPriority")
  public Map<String, Object> amend(@RequestAttribute(SignedRequestFilter.CALLER) ApiKey caller,
      @RequestParam("symbol") String symbol, @RequestParam(name = "orderId", required = false) String orderId,
      @RequestParam(name = "origClientOrderId", required = false) String origClientOrderId,
      @RequestParam("newQty") String newQty) throws Exception {
    String id = namedOrder(orderId, origClientOrderId);
    decimal("newQty", newQty);
    long now = clock.millis();
    commands.amend(caller.userId(), symbol, id, newQty, now);
    return ack(symbol, id, origClientOrderId, now);
  }

  /**
   * Cancels every order of the caller's on a symbol, resting or waiting stop: one {@code cancelAll}
   * command, which the engine applies to whatever it holds then. Answers the orders the gateway's
   * view shows open, those the command is sure to cancel (one placed a moment ago is canceled too,
   * though not listed).
   */
  @DeleteMapping("/api/v1/openOrders")
  public List<Map<String, Object>> cancelAll(@RequestAttribute(SignedRequestFilter.CALLER) ApiKey caller,
      @RequestParam("symbol") String symbol) throws Exception {
    long now = clock.millis();
    List<Map<String, Object>> canceled = new ArrayList<>();
    for (OrderView open : view.openOrders(caller.userId(), symbol)) {
      canceled.add(ack(symbol, open.orderId(), open.clientOrderId(), now));
    }
    commands.cancelAll(caller.userId(), symbol, now);
    return canceled;
  }

  /**
   * Kraken's dead-man's switch: {@code {"timeout":60}} cancels all the caller's orders, on every
   * symbol, 60 seconds from now unless called again before; a client calls it every 15 to 30 s.
   * {@code 0} disarms it. Answers {@code currentTime} and {@code triggerTime} (0 when disarmed).
   */
  @PostMapping("/api/v1/cancelAllAfter")
  public Map<String, Object> cancelAllAfter(@RequestAttribute(SignedRequestFilter.CALLER) ApiKey caller,
      @RequestBody CancelAllAfterRequest request) throws Exception {
    long max = DeadMansSwitch.MAX_TIMEOUT_SECONDS;
    require(request.timeout() != null && request.timeout() >= 0 && request.timeout() <= max,
        "timeout must be 0 (disarm) to " + max + " seconds");
    long now = clock.millis();
    long triggerTime = deadMansSwitch.arm(caller.userId(), request.timeout());
    return Map.of("currentTime", now, "triggerTime", triggerTime);
  }

  /**
   * Deposits to a user's account: admin keys only. A cancel or an order from a non-admin key only
   * ever names the caller's own user, so transfers are the one place a key acts for another user.
   */
  @PostMapping("/api/v1/admin/deposit")
  public Map<String, Object> deposit(@RequestAttribute(SignedRequestFilter.CALLER) ApiKey caller,
      @RequestBody TransferRequest deposit) throws Exception {
    return transfer("deposit", caller, deposit);
  }

  /** Withdraws from a user's account: admin keys only; the engine refuses one beyond the available balance. */
  @PostMapping("/api/v1/admin/withdraw")
  public Map<String, Object> withdraw(@RequestAttribute(SignedRequestFilter.CALLER) ApiKey caller,
      @RequestBody TransferRequest withdrawal) throws Exception {
    return transfer("withdraw", caller, withdrawal);
  }

  private Map<String, Object> transfer(String type, ApiKey caller, TransferRequest transfer) throws Exception {
    if (!caller.admin()) {
      throw new Forbidden(type + "s need an admin key");
    }
    require(transfer.userId() != null && transfer.asset() != null && transfer.txId() != null,
        "userId, asset, amount and txId are required");
    decimal("amount", transfer.amount());
    commands.send(JSON.createObjectNode().put("type", type).put("userId", transfer.userId())
        .put("asset", transfer.asset()).put("amount", transfer.amount()).put("txId", transfer.txId())
        .put("ts", clock.millis()).toString());
    return Map.of("userId", transfer.userId(), "txId", transfer.txId());
  }

  /** The order a request names: by {@code orderId}, or by the {@code origClientOrderId} it was placed with. */
  private static String namedOrder(String orderId, String origClientOrderId) {
    require(orderId != null || origClientOrderId != null, "orderId or origClientOrderId is required");
    return orderId != null ? orderId : OrderIds.forClient(origClientOrderId);
  }

  private static Object answer(String respType, OrderView order, long transactTime) {
    return "RESULT".equals(respType) && order.status() != null ? order
        : ack(order.symbol(), order.orderId(), order.clientOrderId(), transactTime);
  }

  private static Map<String, Object> ack(String symbol, String orderId, String clientOrderId, long transactTime) {
    Map<String, Object> ack = new LinkedHashMap<>();
    ack.put("symbol", symbol);
    ack.put("orderId", orderId);
    ack.put("clientOrderId", clientOrderId);
    ack.put("transactTime", transactTime);
    return ack;
  }

  static void require(boolean condition, String message) {
    if (!condition) {
      throw new BadRequest(message);
    }
  }

  /** The decimal as sent, checked to be one; null stays null. */
  private static BigDecimal decimal(String field, String value) {
    if (value == null) {
      return null;
    }
    try {
      return new BigDecimal(value);
    } catch (NumberFormatException e) {
      throw new BadRequest(field + " must be a decimal number as a string, such as \"100.25\"");
    }
  }

  /** A caller who may not do this: answered 403. */
  public static class Forbidden extends RuntimeException {
    Forbidden(String message) {
      super(message);
    }
  }

  /** A RESULT order whose event did not come in time: the order was sent, its outcome is unknown here. */
  public static class ResultTimeout extends RuntimeException {
    private final String orderId;

    ResultTimeout(String orderId, long waitedMs) {
      super("the order was sent but its result did not come within " + waitedMs
          + " ms: query it, or retry with the same newClientOrderId");
      this.orderId = orderId;
    }

    public String orderId() {
      return orderId;
    }
  }
}
