package io.matchstream.engine;

/** One price level: a FIFO of resting orders (intrusive list, O(1) cancel) and their total. */
final class Level {
  final Units price;
  final boolean buy;
  Units total = Units.ZERO;
  Order head;
  Order tail;

  Level(Units price, boolean buy) {
    this.price = price;
    this.buy = buy;
  }

  void append(Order order) {
    order.level = this;
    order.prev = tail;
    order.next = null;
    if (tail == null) {
      head = order;
    } else {
      tail.next = order;
    }
    tail = order;
    total = total.add(order.shown());
  }

  void remove(Order order) {
    if (order.prev == null) {
      head = order.next;
    } else {
      order.prev.next = order.next;
    }
    if (order.next == null) {
      tail = order.prev;
    } else {
      order.next.prev = order.prev;
    }
    total = total.subtract(order.shown());
    order.level = null;
    order.prev = null;
    order.next = null;
  }

  boolean isEmpty() {
    return head == null;
  }
}
