package io.matchstream.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * One symbol's stops waiting for their trigger: by id, in arrival order, and sorted by stop price
 * in the direction each fires, so finding the ones a price triggers reads only those.
 */
final class WaitingStops {
  private static final Comparator<Order> BY_STOP_PRICE =
      Comparator.<Order, Units>comparing(o -> o.stopPrice).thenComparingLong(o -> o.arrival);
  static final Comparator<Order> BY_ARRIVAL = Comparator.comparingLong(o -> o.arrival);

  // insertion order is arrival order: stops are added as they arrive, and restored in that order
  private final Map<OrderKey, Order> byId = new LinkedHashMap<>();
  /** Stops that fire when the last price rises to their stop price. */
  private final TreeSet<Order> onRise = new TreeSet<>(BY_STOP_PRICE);
  /** Stops that fire when the last price falls to their stop price. */
  private final TreeSet<Order> onFall = new TreeSet<>(BY_STOP_PRICE);

  void add(Order stop) {
    stop.waiting = true;
    byId.put(new OrderKey(stop.userId, stop.orderId), stop);
    side(stop).add(stop);
  }

  void remove(Order stop) {
    stop.waiting = false;
    byId.remove(new OrderKey(stop.userId, stop.orderId));
    side(stop).remove(stop);
  }

  Order find(String userId, String orderId) {
    return byId.get(new OrderKey(userId, orderId));
  }

  void forEach(Consumer<Order> action) {
    byId.values().forEach(action);
  }

  /** The stops that fire at last price {@code last} (zero: none yet), in arrival order. */
  List<Order> firing(Units last) {
    if (last.isZero() || byId.isEmpty()) {
      return Collections.emptyList();
    }
    List<Order> fired = new ArrayList<>();
    for (Order stop : onRise) {
      if (stop.stopPrice.greaterThan(last)) {
        break;
      }
      fired.add(stop);
    }
    for (Order stop : onFall.descendingSet()) {
      if (stop.stopPrice.lessThan(last)) {
        break;
      }
      fired.add(stop);
    }
    fired.sort(BY_ARRIVAL);
    return fired;
  }

  private TreeSet<Order> side(Order stop) {
    return stop.firesAt(Units.MAX) ? onRise : onFall;
  }
}
