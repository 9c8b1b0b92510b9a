package io.matchstream.gateway.commands;

import io.matchstream.gateway.view.FeedListener;
import io.matchstream.gateway.view.OrderView;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * Requests waiting for an order's event: a RESULT order for its first (its state after the engine
 * handled its place), a cancel for the one that ends the order. A waiter is registered before the
 * command is sent, so the event cannot pass unseen.
 */
@Component
public class OrderResults implements FeedListener {
  private record Waiter(CompletableFuture<OrderView> result, Predicate<OrderView> until) {
  }

  private final Map<String, Waiter> waiting = new ConcurrentHashMap<>();

  /** The order's state after its next event. */
  public CompletableFuture<OrderView> await(String userId, String orderId) {
    return await(userId, orderId, order -> true);
  }

  /** The order's state after its next event that {@code until} accepts. */
  public CompletableFuture<OrderView> await(String userId, String orderId, Predicate<OrderView> until) {
    return waiting.computeIfAbsent(key(userId, orderId), k -> new Waiter(new CompletableFuture<>(), until)).result();
  }

  /** Stops waiting (the request timed out or its command was not sent). */
  public void abandon(String userId, String orderId) {
    waiting.remove(key(userId, orderId));
  }

  @Override
  public void onOrder(OrderView order) {
    String key = key(order.userId(), order.orderId());
    Waiter waiter = waiting.get(key);
    if (waiter != null && waiter.until().test(order) && waiting.remove(key, waiter)) {
      waiter.result().complete(order);
    }
  }

  private static String key(String userId, String orderId) {
    // a user id cannot hold a NUL from JSON the gateway made: the pair is unambiguous
    return userId + '\0' + orderId;
  }
}
