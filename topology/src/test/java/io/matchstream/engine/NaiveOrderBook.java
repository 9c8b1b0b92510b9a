package io.matchstream.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The oracle for {@link OrderBook}: one flat list of resting orders, sorted afresh whenever the
 * best one is needed, and a list of waiting stops checked whole after every trade. Slow and
 * obviously right, so the fast book's levels, queues and indexes have something independent to be
 * compared with. A FOK is decided the plainest way: by matching it on a copy of the book.
 */
final class NaiveOrderBook {
  static final class Resting {
    final String id;
    final String user;
    final boolean buy;
    final long price;
    final long iceberg;
    long quantity;
    long seq;
    long filled;
    long visible;

    Resting(String id, String user, boolean buy, long price, long quantity, long seq, long iceberg) {
      this.id = id;
      this.user = user;
      this.buy = buy;
      this.price = price;
      this.quantity = quantity;
      this.seq = seq;
      this.iceberg = iceberg;
      this.visible = iceberg > 0 ? Math.min(iceberg, quantity) : 0;
    }

    long remaining() {
      return quantity - filled;
    }

    /** What the book shows and a taker may take from it at once. */
    long shown() {
      return iceberg > 0 ? visible : remaining();
    }

    Resting copy() {
      Resting copy = new Resting(id, user, buy, price, quantity, seq, iceberg);
      copy.filled = filled;
      copy.visible = visible;
      return copy;
    }
  }

  /** An incoming order: placed, or a stop that fired. */
  record Taker(String id, String user, boolean buy, boolean market, Tif tif, Stp stp, long price, long quantity,
      long quote, long stopPrice, boolean takeProfit, long iceberg) {
    boolean firesAt(long last) {
      boolean onRise = buy != takeProfit;
      return onRise ? last >= stopPrice : last <= stopPrice;
    }
  }

  record Fill(String maker, String taker, long price, long quantity) {}

  /**
   * What one command did: every fill (fired stops' included), the incoming order's fate, every
   * order that expired (makers by self-trade prevention, takers), and the stops that fired.
   */
  record Outcome(List<Fill> fills, Status status, long filled, List<String> expired, List<String> fired) {}

  final List<Resting> resting = new ArrayList<>();
  final List<Taker> waiting = new ArrayList<>();
  /** The sequence of each order's place command: cancel-all's order. */
  private final java.util.Map<String, Long> arrivals = new java.util.HashMap<>();
  long lastPrice;
  private long seq;

  /** Resting orders of one side, best first. */
  List<Resting> side(boolean buy) {
    Comparator<Resting> byPrice = Comparator.comparingLong(o -> o.price);
    return resting.stream().filter(o -> o.buy == buy)
        .sorted((buy ? byPrice.reversed() : byPrice).thenComparingLong(o -> o.seq)).toList();
  }

  boolean cancel(String user, String id) {
    return resting.removeIf(o -> o.user.equals(user) && o.id.equals(id))
        || waiting.removeIf(o -> o.user().equals(user) && o.id().equals(id));
  }

  /** Cancels the user's resting orders and waiting stops; returns their ids in arrival order. */
  List<String> cancelAll(String user) {
    List<String> ids = new ArrayList<>();
    resting.stream().filter(o -> o.user.equals(user)).forEach(o -> ids.add(o.id));
    waiting.stream().filter(o -> o.user().equals(user)).forEach(o -> ids.add(o.id()));
    ids.sort(Comparator.comparingLong(arrivals::get));
    ids.forEach(id -> cancel(user, id));
    return ids;
  }

  /** null when amended, else the reason it was refused. */
  String amend(String user, String id, long newQuantity, Market m) {
    Resting order = resting.stream().filter(o -> o.user.equals(user) && o.id.equals(id)).findFirst().orElse(null);
    if (order == null) {
      return Reasons.UNKNOWN_ORDER;
    }
    if (newQuantity % lot(m) != 0 || newQuantity >= order.quantity || newQuantity <= order.filled) {
      return Reasons.INVALID_QUANTITY;
    }
    order.quantity = newQuantity;
    order.visible = Math.min(order.visible, order.remaining());
    return null;
  }

  Outcome submit(Taker taker, Market m) {
    seq++;
    arrivals.put(taker.id(), seq);
    List<Fill> fills = new ArrayList<>();
    List<String> expired = new ArrayList<>();
    List<String> fired = new ArrayList<>();
    if (taker.stopPrice() > 0) {
      if (lastPrice > 0 && taker.firesAt(lastPrice)) {
        return new Outcome(fills, Status.REJECTED, 0, expired, fired);
      }
      waiting.add(taker);
      return new Outcome(fills, Status.NEW, 0, expired, fired);
    }
    Outcome own = take(taker, m, fills, expired);
    if (own.status() == Status.EXPIRED) {
      expired.add(taker.id());
    }
    while (true) {
      List<Taker> round = waiting.stream().filter(s -> lastPrice > 0 && s.firesAt(lastPrice)).toList();
      if (round.isEmpty()) {
        break;
      }
      waiting.removeAll(round);
      for (Taker stop : round) {
        seq++;
        fired.add(stop.id());
        if (take(stop, m, fills, expired).status() == Status.EXPIRED) {
          expired.add(stop.id());
        }
      }
    }
    // the stops it fired may have traded with it, or expired it, if it rested
    Status status = own.status();
    if (status == Status.NEW || status == Status.PARTIALLY_FILLED) {
      Resting rest = resting.stream().filter(o -> o.id.equals(taker.id())).findFirst().orElse(null);
      status = rest != null ? (rest.filled == 0 ? Status.NEW : Status.PARTIALLY_FILLED)
          : expired.contains(taker.id()) ? Status.EXPIRED : Status.FILLED;
    }
    long filled = fills.stream().filter(f -> f.taker().equals(taker.id()) || f.maker().equals(taker.id()))
        .mapToLong(Fill::quantity).sum();
    return new Outcome(fills, status, filled, expired, fired);
  }

  private Outcome take(Taker t, Market m, List<Fill> fills, List<String> expired) {
    List<Resting> opposite = side(!t.buy());
    if (t.tif() == Tif.POST_ONLY) {
      if (!opposite.isEmpty() && crosses(t.buy(), t.price(), opposite.get(0).price)) {
        return new Outcome(fills, Status.REJECTED, 0, expired, List.of());
      }
      resting.add(new Resting(t.id(), t.user(), t.buy(), t.price(), t.quantity(), seq, t.iceberg()));
      return new Outcome(fills, Status.NEW, 0, expired, List.of());
    }
    if (t.tif() == Tif.FOK) {
      NaiveOrderBook trial = copy();
      long filled = trial.match(t, m, new ArrayList<>(), new ArrayList<>()).filled();
      if (filled < t.quantity()) {
        return new Outcome(fills, Status.EXPIRED, 0, expired, List.of());
      }
    }
    return match(t, m, fills, expired);
  }

  private NaiveOrderBook copy() {
    NaiveOrderBook copy = new NaiveOrderBook();
    resting.forEach(o -> copy.resting.add(o.copy()));
    copy.seq = seq;
    copy.lastPrice = lastPrice;
    return copy;
  }

  private Outcome match(Taker t, Market m, List<Fill> fills, List<String> expired) {
    boolean buy = t.buy();
    boolean market = t.market();
    long arrival = seq;  // its priority if it rests: refreshed icebergs met on the way come after it
    long filled = 0;
    long spent = 0;
    long tradedAt = 0;
    boolean expireTaker = false;
    boolean empty = false;
    while (true) {
      List<Resting> book = side(!buy);
      if (book.isEmpty()) {
        empty = true;
        break;
      }
      Resting best = book.get(0);
      if (!market && !crosses(buy, t.price(), best.price)) {
        break;
      }
      long take;
      if (market && buy) {
        long lotCost = best.price * lot(m) / pow(m.base().scale());
        take = Math.min((t.quote() - spent) / lotCost * lot(m), best.shown());
      } else {
        take = Math.min(t.quantity() - filled, best.shown());
      }
      if (take <= 0) {
        break;
      }
      if (best.user.equals(t.user()) && t.stp() != Stp.NONE) {
        if (t.stp() == Stp.EXPIRE_MAKER || t.stp() == Stp.EXPIRE_BOTH) {
          resting.remove(best);
          expired.add(best.id);
        }
        if (t.stp() != Stp.EXPIRE_MAKER) {
          expireTaker = true;
          break;
        }
        continue;
      }
      fills.add(new Fill(best.id, t.id(), best.price, take));
      best.filled += take;
      if (best.remaining() == 0) {
        resting.remove(best);
      } else if (best.iceberg > 0) {
        best.visible -= take;
        if (best.visible == 0) {
          best.visible = Math.min(best.iceberg, best.remaining());
          best.seq = ++seq;
        }
      }
      filled += take;
      spent += best.price * take / pow(m.base().scale());
      tradedAt = best.price;
      lastPrice = best.price;
    }
    Status status;
    if (expireTaker) {
      status = Status.EXPIRED;
    } else if (market && buy) {
      long lotCost = tradedAt * lot(m) / pow(m.base().scale());
      boolean cannotBuyMore = !empty || (lotCost > 0 && (t.quote() - spent) < lotCost);
      status = filled > 0 && cannotBuyMore ? Status.FILLED : Status.EXPIRED;
    } else if (filled == t.quantity()) {
      status = Status.FILLED;
    } else if (market || t.tif() != Tif.GTC) {
      status = Status.EXPIRED;
    } else {
      Resting rest = new Resting(t.id(), t.user(), buy, t.price(), t.quantity(), arrival, t.iceberg());
      rest.filled = filled;
      rest.visible = t.iceberg() > 0 ? Math.min(t.iceberg(), rest.remaining()) : 0;
      resting.add(rest);
      status = filled == 0 ? Status.NEW : Status.PARTIALLY_FILLED;
    }
    return new Outcome(fills, status, filled, expired, List.of());
  }

  private static boolean crosses(boolean buy, long limit, long restingPrice) {
    return buy ? restingPrice <= limit : restingPrice >= limit;
  }

  private static long pow(int exponent) {
    long p = 1;
    for (int i = 0; i < exponent; i++) {
      p *= 10;
    }
    return p;
  }

  private static long lot(Market m) {
    return m.lot().longValueExact();
  }
}
