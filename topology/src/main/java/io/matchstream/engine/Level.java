package io.matchstream.engine;

/** One price level: a FIFO of resting orders (intrusive list, O(1) cancel) and their total. */
final class Level {
  final long price;
  final boolean buy;
  long total;
  Order head;
  Order tail;

  Level(long price, boolean buy) {
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
    // a total past a long would publish a wrong depth: fail the command instead (it aborts and halts)
    total = Math.addExact(total, order.shown());
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
    total -= order.shown();
    order.level = null;
    order.prev = null;
    order.next = null;
  }

  boolean isEmpty() {
    return head == null;
  }
}
