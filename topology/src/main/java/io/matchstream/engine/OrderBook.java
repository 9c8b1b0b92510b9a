package io.matchstream.engine;

import io.matchstream.engine.Events.LevelDelta;
import io.matchstream.engine.Events.OrderUpdate;
import io.matchstream.engine.Events.Rejection;
import io.matchstream.engine.Events.TradeEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One symbol's book and its price-time matching. Every command runs to completion and then emits
 * its events in SPEC's order: trades, order updates (the incoming order first, then resting orders
 * as met), deltas of the levels whose totals changed, then the settlements for the risk stage.
 */
public final class OrderBook {
  /** Each market's fees go to an account of its own, so no single key takes a settlement from every trade. */
  private static final String FEES_ACCOUNT_PREFIX = "$fees:";

  private final String symbol;
  private final String feesAccount;
  private final TreeMap<Units, Level> bids = new TreeMap<>(Collections.reverseOrder());
  private final TreeMap<Units, Level> asks = new TreeMap<>();
  private final Map<OrderKey, Order> orders = new HashMap<>();
  /**
   * Each user's resting orders, a list linked through the orders: cancel-all reads only those. A
   * user's entry stays when the list empties, so resting and leaving cost no map update.
   */
  private final Map<String, UserOrders> restingOfUser = new HashMap<>();

  /** The head of one user's list of resting orders in this book. */
  static final class UserOrders {
    Order head;
  }
  private final WaitingStops stops = new WaitingStops();
  private long lastTradeId;
  private long lastDeltaSeq;
  private long lastSeq;
  /** The last trade's price, which triggers stops; zero before the first trade. */
  private Units lastPrice = Units.ZERO;

  // What the command in progress did, emitted when it completes.
  private final List<TradeEvent> trades = new ArrayList<>();
  private final List<Order> changed = new ArrayList<>();
  /** The orders whose stored form the last command changed, for the stage to persist. */
  private final List<Order> toStore = new ArrayList<>();
  private final List<TouchedLevel> touchedLevels = new ArrayList<>();
  // past a few levels (a cancel-all, a sweep) a scan of touchedLevels would make the command quadratic
  private static final int LEVEL_SCAN_LIMIT = 8;
  private final Set<Units> touchedBids = new HashSet<>();
  private final Set<Units> touchedAsks = new HashSet<>();
  // users in the order they first took part in the command, and what each one's settlement holds
  private final List<String> settledUsers = new ArrayList<>();
  private final List<List<Settlement.Item>> settledItems = new ArrayList<>();
  private Units baseFees = Units.ZERO;
  private Units quoteFees = Units.ZERO;
  /** The ts of the command in progress: a stop it fires trades at that moment, not when it was placed. */
  private long commandTs;

  public OrderBook(String symbol) {
    this.symbol = symbol;
    this.feesAccount = feesAccount(symbol);
  }

  /** The account that collects a market's fees: {@code $fees:<SYMBOL>}. */
  private static String feesAccount(String symbol) {
    return FEES_ACCOUNT_PREFIX + symbol;
  }

  /** True for an account that collects a market's fees, the only kind a fee credit may go to. */
  public static boolean isFeesAccount(String userId) {
    return userId.startsWith(FEES_ACCOUNT_PREFIX);
  }

  public String symbol() {
    return symbol;
  }

  public long lastTradeId() {
    return lastTradeId;
  }

  public long lastDeltaSeq() {
    return lastDeltaSeq;
  }

  public long lastSeq() {
    return lastSeq;
  }

  public Units lastPrice() {
    return lastPrice;
  }

  /** Restores the counters that survive a restart. */
  public void restoreCounters(long lastTradeId, long lastDeltaSeq, long lastSeq, Units lastPrice) {
    this.lastTradeId = lastTradeId;
    this.lastDeltaSeq = lastDeltaSeq;
    this.lastSeq = lastSeq;
    this.lastPrice = lastPrice;
  }

  /** Puts back a resting order read from the store; call in priority order. */
  public void restore(Order order) {
    level(order.buy, order.price).append(order);
    orders.put(new OrderKey(order.userId, order.orderId), order);
    linkToUser(order);
  }

  /** Puts back a waiting stop read from the store; call in arrival order. */
  public void restoreStop(Order stop) {
    stops.add(stop);
  }

  /**
   * The orders whose stored form the last command changed: resting with new numbers, gone from the
   * book ({@code !isResting()} and stored before), waiting for their trigger, or no longer waiting.
   * The stage persists them; the list is valid until the next command.
   */
  public List<Order> changedOrders() {
    return toStore;
  }

  /** A resting order of that user, or null. */
  public Order find(String userId, String orderId) {
    return orders.get(new OrderKey(userId, orderId));
  }

  /** Waiting stops in arrival order. */
  public void forEachWaitingStop(Consumer<Order> action) {
    stops.forEach(action);
  }

  /** Resting orders of one side in priority order. */
  public void forEachResting(boolean buy, Consumer<Order> action) {
    for (Level level : (buy ? bids : asks).values()) {
      for (Order order = level.head; order != null; order = order.next) {
        action.accept(order);
      }
    }
  }

  /** Price to total quantity of one side, best first. */
  public NavigableMap<Units, Units> depth(boolean buy) {
    NavigableMap<Units, Units> depth = new TreeMap<>(buy ? Collections.reverseOrder() : null);
    for (Level level : (buy ? bids : asks).values()) {
      depth.put(level.price, level.total);
    }
    return depth;
  }

  public int size() {
    return orders.size();
  }

  /**
   * Matches an order the risk stage accepted, then rests, expires or rejects what is left, then
   * fires the stops its trades triggered. A stop waits instead, unless it would fire at once.
   */
  public void submit(Order taker, Market market, BookOutput out) {
    toStore.clear();
    taker.seq = ++lastSeq;
    taker.arrival = taker.seq;
    this.commandTs = taker.ts;
    markChanged(taker);
    settlementsOf(taker.userId);
    if (taker.isStop()) {
      if (lastPrice.isPositive() && taker.firesAt(lastPrice)) {
        end(taker, Status.REJECTED, Reasons.WOULD_TRIGGER_IMMEDIATELY);
      } else {
        stops.add(taker);
      }
    } else {
      take(taker, market);
      fireStops(market);
    }
    complete(market, taker.ts, out);
  }

  /**
   * The book's answer to an accepted order it cannot take (its market unknown here, halted, or
   * defined here in an older version than the one it was accepted under): rejected, and an
   * end-of-order settlement that releases its lock.
   */
  public static void refuse(String symbol, String orderId, String clientOrderId, String userId, boolean buy,
      String orderType, boolean stop, long ts, String reason, BookOutput out) {
    out.order(OrderUpdate.rejected(orderId, clientOrderId, userId, symbol, buy, orderType, stop, ts, reason));
    out.settlement(new Settlement(userId, symbol, ts, List.of(new Settlement.End(orderId))));
  }

  /** Fires every stop the last price triggers, in arrival order, until a round fires none. */
  private void fireStops(Market market) {
    for (List<Order> round = stops.firing(lastPrice); !round.isEmpty(); round = stops.firing(lastPrice)) {
      for (Order stop : round) {
        stops.remove(stop);
        stop.triggered = true;
        stop.seq = ++lastSeq;
        markChanged(stop);
        settlementsOf(stop.userId);
        take(stop, market);
      }
    }
  }

  /** An incoming order (a placed one, or a stop that fired) as the taker. */
  private void take(Order taker, Market market) {
    if (taker.tif == Tif.POST_ONLY) {
      Level best = bestLevel(!taker.buy);
      if (best != null && crosses(taker, best.price)) {
        end(taker, Status.REJECTED, Reasons.POST_ONLY_WOULD_TAKE);
      } else {
        rest(taker);
      }
    } else if (taker.tif == Tif.FOK && !canFillCompletely(taker)) {
      end(taker, Status.EXPIRED, null);
    } else {
      match(taker, market);
    }
  }

  /** Cancels a resting order or a waiting stop of that user; anything else is UNKNOWN_ORDER. */
  public void cancel(String userId, String orderId, long ts, Market market, BookOutput out) {
    toStore.clear();
    Order order = find(userId, orderId);
    if (order == null) {
      order = stops.find(userId, orderId);
    }
    if (order == null) {
      out.reject(new Rejection("cancel", orderId, null, null, null, userId, Reasons.UNKNOWN_ORDER));
      return;
    }
    settlementsOf(userId);
    cancel(order);
    complete(market, ts, out);
  }

  /** Cancels every resting order and waiting stop of that user, in arrival order; nothing when none. */
  public void cancelAll(String userId, long ts, Market market, BookOutput out) {
    toStore.clear();
    List<Order> mine = new ArrayList<>();
    UserOrders resting = restingOfUser.get(userId);
    for (Order order = resting == null ? null : resting.head; order != null; order = order.userNext) {
      mine.add(order);
    }
    stops.forEach(stop -> {
      if (stop.userId.equals(userId)) {
        mine.add(stop);
      }
    });
    if (mine.isEmpty()) {
      return;
    }
    mine.sort(WaitingStops.BY_ARRIVAL);
    settlementsOf(userId);
    for (Order order : mine) {
      cancel(order);
    }
    complete(market, ts, out);
  }

  private void cancel(Order order) {
    if (order.waiting) {
      stops.remove(order);
    } else {
      unrest(order);
    }
    end(order, Status.CANCELED, null);
  }

  /**
   * Lowers a resting order's total quantity to {@code newQuantity}; it keeps its place in the
   * queue, an iceberg shows at most the new remaining, and the lock shrinks through the settlement.
   */
  public void amend(String userId, String orderId, Dec newQuantity, long ts, Market market, BookOutput out) {
    toStore.clear();
    Order order = find(userId, orderId);
    if (order == null) {
      out.reject(new Rejection("amend", orderId, null, null, null, userId, Reasons.UNKNOWN_ORDER));
      return;
    }
    // 0 when not a positive multiple of the lot: never above what filled
    Units quantity = OrderForm.stepped(newQuantity, market.base(), market.lot());
    if (!quantity.greaterThan(order.filledQuantity) || !quantity.lessThan(order.quantity)) {
      out.reject(new Rejection("amend", orderId, null, null, null, userId, Reasons.INVALID_QUANTITY));
      return;
    }
    settlementsOf(userId).add(new Settlement.Shrink(orderId, order.quantity.subtract(quantity)));
    Level level = order.level;
    touchLevel(level);
    Units shownBefore = order.shown();
    order.quantity = quantity;
    if (order.isIceberg()) {
      order.visible = Units.min(order.visible, order.remaining());
    }
    level.total = level.total.subtract(shownBefore.subtract(order.shown()));
    markChanged(order);
    complete(market, ts, out);
  }

  private void match(Order taker, Market market) {
    boolean expireTaker = false;
    boolean outOfLiquidity = false;
    Units lastPrice = Units.ZERO;
    while (true) {
      Level level = bestLevel(!taker.buy);
      if (level == null) {
        outOfLiquidity = true;
        break;
      }
      Order maker = level.head;
      if (!taker.market && !crosses(taker, maker.price)) {
        break;
      }
      Units quantity = takeable(taker, maker, market);
      if (quantity.isZero()) {
        break;
      }
      if (maker.userId.equals(taker.userId) && taker.stp != Stp.NONE) {
        if (taker.stp != Stp.EXPIRE_TAKER) {
          unrest(maker);
          end(maker, Status.EXPIRED, null);
        }
        if (taker.stp != Stp.EXPIRE_MAKER) {
          expireTaker = true;
          break;
        }
        continue;
      }
      trade(taker, maker, quantity, market);
      lastPrice = maker.price;
    }
    if (expireTaker) {
      end(taker, Status.EXPIRED, null);
    } else if (taker.market && taker.buy) {
      boolean filled = taker.filledQuantity.isPositive()
          && (!outOfLiquidity || lotsAffordable(taker, lastPrice, market).isZero());
      end(taker, filled ? Status.FILLED : Status.EXPIRED, null);
    } else if (taker.remaining().isZero()) {
      end(taker, Status.FILLED, null);
    } else if (taker.market || taker.tif != Tif.GTC) {
      end(taker, Status.EXPIRED, null);
    } else {
      rest(taker);
    }
  }

  /** What the taker may take from this maker: 0 when it has nothing left to trade at that price. */
  private static Units takeable(Order taker, Order maker, Market market) {
    if (taker.market && taker.buy) {
      Units lots = lotsAffordable(taker, maker.price, market);
      // that many lots (a lot is one unit or more) outbuy any maker: the product could pass 128 bits
      if (!lots.lessThan(market.base().limit())) {
        return maker.shown();
      }
      return Units.min(lots.multiply(market.lot()), maker.shown());
    }
    return Units.min(taker.remaining(), maker.shown());
  }

  /** Whole lots a market buy's remaining quote pays for at {@code price}. */
  private static Units lotsAffordable(Order taker, Units price, Market market) {
    Units lotCost = market.notional(price, market.lot());
    Units remainingQuote = taker.quoteQuantity.subtract(taker.filledQuote);
    return lotCost.isZero() ? Units.MAX : remainingQuote.divide(lotCost);
  }

  /**
   * FOK: walks the book exactly as matching would, without changing it. A refreshed iceberg slice
   * goes to the back of its level, so it is met again unless an own order that stops the taker
   * (EXPIRE_TAKER, EXPIRE_BOTH) waits in that level: then only the slices ahead of it count.
   */
  private boolean canFillCompletely(Order taker) {
    Units needed = taker.quantity;
    boolean stopsAtOwn = taker.stp == Stp.EXPIRE_TAKER || taker.stp == Stp.EXPIRE_BOTH;
    for (Level level : (taker.buy ? asks : bids).values()) {
      if (!crosses(taker, level.price)) {
        return false;
      }
      boolean ownAhead = stopsAtOwn && hasOrderOf(level, taker.userId);
      for (Order maker = level.head; maker != null; maker = maker.next) {
        if (maker.userId.equals(taker.userId) && taker.stp != Stp.NONE) {
          if (taker.stp == Stp.EXPIRE_MAKER) {
            continue;
          }
          return false;
        }
        needed = needed.subtract(ownAhead ? maker.shown() : maker.remaining());
        if (needed.signum() <= 0) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean hasOrderOf(Level level, String userId) {
    for (Order order = level.head; order != null; order = order.next) {
      if (order.userId.equals(userId)) {
        return true;
      }
    }
    return false;
  }

  private void trade(Order taker, Order maker, Units quantity, Market market) {
    Units price = maker.price;
    Units quote = market.notional(price, quantity);
    boolean takerBuys = taker.buy;
    FeeRate buyerRate = takerBuys ? market.takerFee() : market.makerFee();
    FeeRate sellerRate = takerBuys ? market.makerFee() : market.takerFee();
    Units buyerFee = buyerRate.feeOn(quantity);
    Units sellerFee = sellerRate.feeOn(quote);
    trades.add(new TradeEvent(symbol, ++lastTradeId, price, quantity, quote, takerBuys, maker.orderId,
        taker.orderId, maker.userId, taker.userId, buyerFee, sellerFee, commandTs,
        market.base().scale(), market.quote().scale()));

    touchLevel(maker.level);
    maker.level.total = maker.level.total.subtract(quantity);
    if (maker.isIceberg()) {
      maker.visible = maker.visible.subtract(quantity);
    }
    fill(maker, quantity, quote, takerBuys ? sellerFee : buyerFee);
    fill(taker, quantity, quote, takerBuys ? buyerFee : sellerFee);
    baseFees = baseFees.add(buyerFee);
    quoteFees = quoteFees.add(sellerFee);
    lastPrice = price;
    if (maker.remaining().isZero()) {
      unrest(maker);
      end(maker, Status.FILLED, null);
    } else {
      maker.status = Status.PARTIALLY_FILLED;
      markChanged(maker);
      if (maker.isIceberg() && maker.visible.isZero()) {
        refresh(maker);
      }
    }
  }

  /** An iceberg whose slice is used up shows the next one, at the back of its level. */
  private void refresh(Order iceberg) {
    Level level = iceberg.level;
    level.remove(iceberg);
    iceberg.visible = Units.min(iceberg.iceberg, iceberg.remaining());
    iceberg.seq = ++lastSeq;
    level.append(iceberg);
  }

  private void fill(Order order, Units quantity, Units quote, Units fee) {
    order.filledQuantity = order.filledQuantity.add(quantity);
    order.filledQuote = order.filledQuote.add(quote);
    settlementsOf(order.userId).add(new Settlement.Fill(order.orderId, order.buy, quantity, quote, fee));
  }

  private void rest(Order order) {
    order.status = order.filledQuantity.isZero() ? Status.NEW : Status.PARTIALLY_FILLED;
    if (order.isIceberg()) {
      order.visible = Units.min(order.iceberg, order.remaining());
    }
    Level level = level(order.buy, order.price);
    touchLevel(level);
    level.append(order);
    orders.put(new OrderKey(order.userId, order.orderId), order);
    linkToUser(order);
    markChanged(order);
  }

  private void linkToUser(Order order) {
    UserOrders list = restingOfUser.computeIfAbsent(order.userId, u -> new UserOrders());
    order.userOrders = list;
    order.userPrev = null;
    order.userNext = list.head;
    if (list.head != null) {
      list.head.userPrev = order;
    }
    list.head = order;
  }

  private static void unlinkFromUser(Order order) {
    if (order.userPrev != null) {
      order.userPrev.userNext = order.userNext;
    } else {
      order.userOrders.head = order.userNext;
    }
    if (order.userNext != null) {
      order.userNext.userPrev = order.userPrev;
    }
    order.userPrev = null;
    order.userNext = null;
    order.userOrders = null;
  }

  private void unrest(Order order) {
    Level level = order.level;
    touchLevel(level);
    level.remove(order);
    if (level.isEmpty()) {
      (level.buy ? bids : asks).remove(level.price);
    }
    orders.remove(new OrderKey(order.userId, order.orderId));
    unlinkFromUser(order);
  }

  /** The order is done: its event, and the release of whatever it still has locked. */
  private void end(Order order, Status status, String reason) {
    order.status = status;
    order.reason = reason;
    markChanged(order);
    settlementsOf(order.userId).add(new Settlement.End(order.orderId));
  }

  private void markChanged(Order order) {
    if (!order.changedInCommand) {
      order.changedInCommand = true;
      changed.add(order);
    }
  }

  /** Notes the level's total before the command first changes it; a level counts once, by side and price. */
  private void touchLevel(Level level) {
    if (touchedLevels.size() < LEVEL_SCAN_LIMIT) {
      for (TouchedLevel touched : touchedLevels) {
        if (touched.buy == level.buy && touched.price.same(level.price)) {
          return;
        }
      }
    } else {
      if (touchedBids.isEmpty() && touchedAsks.isEmpty()) {
        for (TouchedLevel touched : touchedLevels) {
          (touched.buy ? touchedBids : touchedAsks).add(touched.price);
        }
      }
      if (!(level.buy ? touchedBids : touchedAsks).add(level.price)) {
        return;
      }
    }
    touchedLevels.add(new TouchedLevel(level.buy, level.price, level.total));
  }

  /** A level the command changed, and its total before the change. */
  private record TouchedLevel(boolean buy, Units price, Units totalBefore) {}

  private List<Settlement.Item> settlementsOf(String userId) {
    // a command touches few users: a scan, identity first, is cheaper than hashing the id
    for (int i = 0; i < settledUsers.size(); i++) {
      String known = settledUsers.get(i);
      if (known == userId || known.equals(userId)) {
        return settledItems.get(i);
      }
    }
    List<Settlement.Item> items = new ArrayList<>(4);
    settledUsers.add(userId);
    settledItems.add(items);
    return items;
  }

  private void complete(Market market, long ts, BookOutput out) {
    int baseScale = market.base().scale();
    int quoteScale = market.quote().scale();
    for (TradeEvent trade : trades) {
      out.trade(trade);
    }
    for (Order order : changed) {
      boolean noQuantity = order.status == Status.REJECTED || (order.market && order.buy);
      out.order(new OrderUpdate(order.orderId, order.clientOrderId, order.userId, symbol, order.buy,
          order.status, order.filledQuantity, order.filledQuote, order.reason, ts, baseScale, quoteScale,
          noQuantity ? null : order.quantity, order.isStop() ? order.triggered : null,
          order.type(), order.stopPrice, order.iceberg));
    }
    for (TouchedLevel touched : touchedLevels) {
      Level level = (touched.buy ? bids : asks).get(touched.price);
      Units total = level == null ? Units.ZERO : level.total;
      if (!total.same(touched.totalBefore)) {
        out.delta(new LevelDelta(symbol, ++lastDeltaSeq, touched.buy, touched.price, total, baseScale, quoteScale));
      }
    }
    if (baseFees.isPositive() || quoteFees.isPositive()) {
      List<Settlement.Item> fees = settlementsOf(feesAccount);
      if (baseFees.isPositive()) {
        fees.add(new Settlement.FeeCredit(market.base().code(), baseFees));
      }
      if (quoteFees.isPositive()) {
        fees.add(new Settlement.FeeCredit(market.quote().code(), quoteFees));
      }
    }
    for (int i = 0; i < settledUsers.size(); i++) {
      out.settlement(new Settlement(settledUsers.get(i), symbol, ts, settledItems.get(i)));
    }
    for (Order order : changed) {
      order.changedInCommand = false;
      if (order.isResting() || order.storedSeq() != 0 || order.waiting || order.stopStored()) {
        toStore.add(order);
      }
    }
    trades.clear();
    changed.clear();
    touchedLevels.clear();
    touchedBids.clear();
    touchedAsks.clear();
    settledUsers.clear();
    settledItems.clear();
    baseFees = Units.ZERO;
    quoteFees = Units.ZERO;
  }

  private Level bestLevel(boolean buy) {
    TreeMap<Units, Level> side = buy ? bids : asks;
    // firstKey and get allocate nothing, unlike firstEntry's exported copy
    return side.isEmpty() ? null : side.get(side.firstKey());
  }

  private Level level(boolean buy, Units price) {
    return (buy ? bids : asks).computeIfAbsent(price, p -> new Level(p, buy));
  }

  private static boolean crosses(Order taker, Units restingPrice) {
    return taker.buy ? !restingPrice.greaterThan(taker.price) : !restingPrice.lessThan(taker.price);
  }
}
