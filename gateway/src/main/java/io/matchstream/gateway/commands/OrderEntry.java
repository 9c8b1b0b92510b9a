package io.matchstream.gateway.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.matchstream.gateway.view.ExchangeView;
import io.matchstream.gateway.view.OrderView;
import java.math.BigDecimal;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;

/**
 * A new order's way to the exchange: what it asked goes into the view (its queries show it before
 * its first event), a waiter for its first event is registered before the command leaves (the event
 * cannot pass unseen), then the {@code place} command is sent. A command the broker did not take
 * leaves nothing behind.
 */
@Component
public class OrderEntry {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final CommandSender commands;
  private final OrderResults results;
  private final ExchangeView view;

  /** A new order in the engine's terms (SPEC's {@code place}); null for what it does not have. */
  public record Placement(String userId, String orderId, String clientOrderId, String symbol, String side,
      String orderType, String timeInForce, BigDecimal price, BigDecimal quantity, BigDecimal quoteQuantity,
      String stp, BigDecimal stopPrice, BigDecimal icebergQuantity) {
  }

  public OrderEntry(CommandSender commands, OrderResults results, ExchangeView view) {
    this.commands = commands;
    this.results = results;
    this.view = view;
  }

  /**
   * Sends the order's {@code place} command, stamped {@code now}. With {@code awaitResult} the future
   * completes with the order's state after its first event; the caller abandons it on a timeout.
   */
  public CompletableFuture<OrderView> place(Placement order, long now, boolean awaitResult) throws Exception {
    view.expect(OrderView.asked(order.symbol(), order.orderId(), order.clientOrderId(), order.userId(), order.side(),
        order.orderType(), order.timeInForce(), order.price(), order.quantity(), order.quoteQuantity(), order.stp(),
        now, order.stopPrice(), order.icebergQuantity()));
    CompletableFuture<OrderView> result = awaitResult ? results.await(order.userId(), order.orderId()) : null;
    ObjectNode place = JSON.createObjectNode().put("type", "place").put("orderId", order.orderId())
        .put("userId", order.userId()).put("symbol", order.symbol()).put("side", order.side())
        .put("orderType", order.orderType());
    optional(place, "clientOrderId", order.clientOrderId());
    optional(place, "timeInForce", order.timeInForce());
    optional(place, "price", order.price());
    optional(place, "quantity", order.quantity());
    optional(place, "quoteQuantity", order.quoteQuantity());
    optional(place, "stp", order.stp());
    optional(place, "stopPrice", order.stopPrice());
    optional(place, "icebergQuantity", order.icebergQuantity());
    place.put("ts", now);
    try {
      commands.send(place.toString());
    } catch (Exception e) {
      results.abandon(order.userId(), order.orderId());
      if (order.clientOrderId() == null) {
        view.forget(order.userId(), order.orderId());
      }
      throw e;
    }
    return result;
  }

  private static void optional(ObjectNode node, String field, Object value) {
    if (value instanceof BigDecimal decimal) {
      node.put(field, decimal.toPlainString());
    } else if (value != null) {
      node.put(field, value.toString());
    }
  }
}
