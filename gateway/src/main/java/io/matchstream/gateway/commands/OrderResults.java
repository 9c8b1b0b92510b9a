package io.matchstream.gateway.commands;

import io.matchstream.gateway.view.FeedListener;
import io.matchstream.gateway.view.OrderView;
import io.matchstream.gateway.view.TradeView;
import jakarta.annotation.PreDestroy;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * Requests waiting for an order's event: a RESULT order for its first (its state after the engine
 * handled its place), a cancel for the one that ends the order; and a FULL order for its fills as
 * the taker ({@link #awaitFills}). A waiter is registered before the command is sent (or, for
 * fills, before they are counted), so the event cannot pass unseen. The futures complete on the
 * feed's thread: whoever continues from them does so on {@link #answers()}, never there.
 */
@Component
public class OrderResults implements FeedListener {
  private record Waiter(CompletableFuture<OrderView> result, Predicate<OrderView> until) {
  }

  private record FillWaiter(CompletableFuture<Void> done, BooleanSupplier complete) {
  }

  private final Map<String, Waiter> waiting = new ConcurrentHashMap<>();
  private final Map<String, FillWaiter> fills = new ConcurrentHashMap<>();
  private final ExecutorService answers = Executors.newFixedThreadPool(2, runnable -> {
    Thread thread = new Thread(runnable, "gateway-order-answers");
    thread.setDaemon(true);
    return thread;
  });

  /** Where answers are made from a completed wait: off the feed's thread, and off the servlet threads. */
  public Executor answers() {
    return answers;
  }

  @PreDestroy
  void stop() {
    answers.shutdownNow();
  }

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

  /**
   * Completes once {@code complete} holds, checked now and after each trade the view applies in
   * which the order is the taker: the order's fills, which come on their own topic and may be read
   * after its event. The caller bounds the wait and then calls {@link #abandonFills}.
   */
  public CompletableFuture<Void> awaitFills(String userId, String orderId, BooleanSupplier complete) {
    String key = key(userId, orderId);
    FillWaiter waiter = new FillWaiter(new CompletableFuture<>(), complete);
    fills.put(key, waiter);
    if (complete.getAsBoolean() && fills.remove(key, waiter)) {
      waiter.done().complete(null);
    }
    return waiter.done();
  }

  public void abandonFills(String userId, String orderId) {
    fills.remove(key(userId, orderId));
  }

  @Override
  public void onOrder(OrderView order) {
    String key = key(order.userId(), order.orderId());
    Waiter waiter = waiting.get(key);
    if (waiter != null && waiter.until().test(order) && waiting.remove(key, waiter)) {
      waiter.result().complete(order);
    }
  }

  @Override
  public void onTrade(TradeView trade) {
    if (fills.isEmpty()) {
      return;
    }
    String key = key(trade.takerUserId(), trade.takerOrderId());
    FillWaiter waiter = fills.get(key);
    if (waiter != null && waiter.complete().getAsBoolean() && fills.remove(key, waiter)) {
      waiter.done().complete(null);
    }
  }

  private static String key(String userId, String orderId) {
    // a user id cannot hold a NUL from JSON the gateway made: the pair is unambiguous
    return userId + '\0' + orderId;
  }
}
