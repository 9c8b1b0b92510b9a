package io.matchstream.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The oracle for {@link OrderBook}: one flat list of resting orders, sorted afresh whenever the
 * best one is needed. Slow and obviously right, so the fast book's levels, queues and indexes
 * have something independent to be compared with.
 */
final class NaiveOrderBook {
  static final class Resting {
    final String id;
    final String user;
    final boolean buy;
    final long price;
    final long quantity;
    final long seq;
    long filled;

    Resting(String id, String user, boolean buy, long price, long quantity, long seq) {
      this.id = id;
      this.user = user;
      this.buy = buy;
      this.price = price;
      this.quantity = quantity;
      this.seq = seq;
    }

    long remaining() {
      return quantity - filled;
    }
  }

  record Fill(String maker, String taker, long price, long quantity) {}

  record Outcome(List<Fill> fills, Status status, long filled, List<String> expiredMakers) {}

  final List<Resting> resting = new ArrayList<>();
  private long seq;

  /** Resting orders of one side, best first. */
  List<Resting> side(boolean buy) {
    Comparator<Resting> byPrice = Comparator.comparingLong(o -> o.price);
    return resting.stream().filter(o -> o.buy == buy)
        .sorted((buy ? byPrice.reversed() : byPrice).thenComparingLong(o -> o.seq)).toList();
  }

  boolean cancel(String user, String id) {
    return resting.removeIf(o -> o.user.equals(user) && o.id.equals(id));
  }

  Outcome submit(String id, String user, boolean buy, boolean market, Tif tif, Stp stp, long price, long quantity,
      long quote, Market m) {
    seq++;
    List<Fill> fills = new ArrayList<>();
    List<String> expired = new ArrayList<>();
    List<Resting> opposite = side(!buy);
    if (tif == Tif.POST_ONLY) {
      if (!opposite.isEmpty() && crosses(buy, price, opposite.get(0).price)) {
        return new Outcome(fills, Status.REJECTED, 0, expired);
      }
      resting.add(new Resting(id, user, buy, price, quantity, seq));
      return new Outcome(fills, Status.NEW, 0, expired);
    }
    if (tif == Tif.FOK) {
      long needed = quantity;
      for (Resting o : opposite) {
        if (!crosses(buy, price, o.price)) {
          break;
        }
        if (o.user.equals(user) && stp != Stp.NONE) {
          if (stp == Stp.EXPIRE_MAKER) {
            continue;
          }
          break;
        }
        needed -= o.remaining();
      }
      if (needed > 0) {
        return new Outcome(fills, Status.EXPIRED, 0, expired);
      }
    }
    long filled = 0;
    long spent = 0;
    long lastPrice = 0;
    boolean expireTaker = false;
    boolean empty = false;
    while (true) {
      List<Resting> book = side(!buy);
      if (book.isEmpty()) {
        empty = true;
        break;
      }
      Resting best = book.get(0);
      if (!market && !crosses(buy, price, best.price)) {
        break;
      }
      long take;
      if (market && buy) {
        long lotCost = best.price * m.lot() / pow(m.base().scale());
        take = Math.min((quote - spent) / lotCost * m.lot(), best.remaining());
      } else {
        take = Math.min(quantity - filled, best.remaining());
      }
      if (take <= 0) {
        break;
      }
      if (best.user.equals(user) && stp != Stp.NONE) {
        if (stp == Stp.EXPIRE_MAKER || stp == Stp.EXPIRE_BOTH) {
          resting.remove(best);
          expired.add(best.id);
        }
        if (stp != Stp.EXPIRE_MAKER) {
          expireTaker = true;
          break;
        }
        continue;
      }
      fills.add(new Fill(best.id, id, best.price, take));
      best.filled += take;
      if (best.remaining() == 0) {
        resting.remove(best);
      }
      filled += take;
      spent += best.price * take / pow(m.base().scale());
      lastPrice = best.price;
    }
    Status status;
    if (expireTaker) {
      status = Status.EXPIRED;
    } else if (market && buy) {
      long lotCost = lastPrice * m.lot() / pow(m.base().scale());
      boolean cannotBuyMore = !empty || (lotCost > 0 && (quote - spent) < lotCost);
      status = filled > 0 && cannotBuyMore ? Status.FILLED : Status.EXPIRED;
    } else if (filled == quantity) {
      status = Status.FILLED;
    } else if (market || tif != Tif.GTC) {
      status = Status.EXPIRED;
    } else {
      Resting rest = new Resting(id, user, buy, price, quantity, seq);
      rest.filled = filled;
      resting.add(rest);
      status = filled == 0 ? Status.NEW : Status.PARTIALLY_FILLED;
    }
    return new Outcome(fills, status, filled, expired);
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
}
