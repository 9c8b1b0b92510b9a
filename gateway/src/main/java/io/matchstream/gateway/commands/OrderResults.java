package io.matchstream.gateway.commands;

import io.matchstream.gateway.view.FeedListener;
import io.matchstream.gateway.view.OrderView;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * RESULT orders waiting for their first order event: the order's state after the engine handled
 * its place. A waiter is registered before the command is sent, so the event cannot pass unseen.
 */
@Component
public class OrderResults implements FeedListener {
  private final Map<String, CompletableFuture<OrderView>> waiting = new ConcurrentHashMap<>();

  public CompletableFuture<OrderView> await(String userId, String orderId) {
    return waiting.computeIfAbsent(key(userId, orderId), k -> new CompletableFuture<>());
  }

  /** Stops waiting (the request timed out or its command was not sent). */
  public void abandon(String userId, String orderId) {
    waiting.remove(key(userId, orderId));
  }

  @Override
  public void onOrder(OrderView order) {
    CompletableFuture<OrderView> waiter = waiting.remove(key(order.userId(), order.orderId()));
    if (waiter != null) {
      waiter.complete(order);
    }
  }

  private static String key(String userId, String orderId) {
    // a user id cannot hold a NUL from JSON the gateway made: the pair is unambiguous
    return userId + '\0' + orderId;
  }
}
