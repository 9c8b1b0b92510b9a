package io.matchstream.gateway.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.matchstream.gateway.auth.ApiKey;
import io.matchstream.gateway.auth.SignedRequestFilter;
import io.matchstream.gateway.commands.CommandSender;
import io.matchstream.gateway.commands.OrderIds;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Order entry: a new order becomes a {@code place} command for the caller's user, answered at once (ACK). */
@RestController
public class OrderController {
  private static final Set<String> SIDES = Set.of("BUY", "SELL");
  private static final Set<String> TYPES = Set.of("LIMIT", "MARKET");
  private static final ObjectMapper JSON = new ObjectMapper();
  private final CommandSender commands;
  private final OrderIds ids;
  private final Clock clock;

  public OrderController(CommandSender commands, OrderIds ids, Clock clock) {
    this.commands = commands;
    this.ids = ids;
    this.clock = clock;
  }

  @PostMapping("/api/v1/order")
  public Map<String, Object> place(@RequestAttribute(SignedRequestFilter.CALLER) ApiKey caller,
      @RequestBody OrderRequest order) throws Exception {
    require(order.symbol() != null && !order.symbol().isBlank(), "symbol is required");
    require(order.side() != null && SIDES.contains(order.side()), "side must be BUY or SELL");
    require(order.type() != null && TYPES.contains(order.type()), "type must be LIMIT or MARKET");
    String orderId = ids.next();
    long now = clock.millis();
    ObjectNode place = JSON.createObjectNode().put("type", "place").put("orderId", orderId)
        .put("userId", caller.userId()).put("symbol", order.symbol()).put("side", order.side())
        .put("orderType", order.type());
    optional(place, "clientOrderId", order.newClientOrderId());
    optional(place, "timeInForce", order.timeInForce());
    optional(place, "price", decimal("price", order.price()));
    optional(place, "quantity", decimal("quantity", order.quantity()));
    optional(place, "quoteQuantity", decimal("quoteOrderQty", order.quoteOrderQty()));
    optional(place, "stp", order.selfTradePreventionMode());
    place.put("ts", now);
    commands.send(place.toString());
    return Map.of("symbol", order.symbol(), "orderId", orderId,
        "clientOrderId", order.newClientOrderId() == null ? orderId : order.newClientOrderId(), "transactTime", now);
  }

  /**
   * Cancels one of the caller's orders: a {@code cancel} command, answered at once. An order that is
   * not the caller's, not on that symbol or already ended is refused by the engine ({@code reject}
   * UNKNOWN_ORDER on the caller's feed), as a user may only ever cancel their own.
   */
  @DeleteMapping("/api/v1/order")
  public Map<String, Object> cancel(@RequestAttribute(SignedRequestFilter.CALLER) ApiKey caller,
      @RequestParam("symbol") String symbol, @RequestParam("orderId") String orderId) throws Exception {
    long now = clock.millis();
    ObjectNode cancel = JSON.createObjectNode().put("type", "cancel").put("orderId", orderId)
        .put("userId", caller.userId()).put("symbol", symbol).put("ts", now);
    commands.send(cancel.toString());
    return Map.of("symbol", symbol, "orderId", orderId, "transactTime", now);
  }

  @PostMapping("/api/v1/admin/deposit")
  @ResponseStatus(HttpStatus.OK)
  public Map<String, Object> deposit(@RequestAttribute(SignedRequestFilter.CALLER) ApiKey caller,
      @RequestBody DepositRequest deposit) throws Exception {
    if (!caller.admin()) {
      throw new Forbidden("deposits need an admin key");
    }
    require(deposit.userId() != null && deposit.asset() != null && deposit.txId() != null,
        "userId, asset, amount and txId are required");
    ObjectNode command = JSON.createObjectNode().put("type", "deposit").put("userId", deposit.userId())
        .put("asset", deposit.asset()).put("amount", decimal("amount", deposit.amount())).put("txId", deposit.txId())
        .put("ts", clock.millis());
    commands.send(command.toString());
    return Map.of("userId", deposit.userId(), "txId", deposit.txId());
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new BadRequest(message);
    }
  }

  /** The decimal as sent, checked to be one; null stays null. */
  private static String decimal(String field, String value) {
    if (value == null) {
      return null;
    }
    try {
      new BigDecimal(value);
      return value;
    } catch (NumberFormatException e) {
      throw new BadRequest(field + " must be a decimal number as a string, such as \"100.25\"");
    }
  }

  private static void optional(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }

  /** A caller who may not do this: answered 403. */
  public static class Forbidden extends RuntimeException {
    Forbidden(String message) {
      super(message);
    }
  }
}
