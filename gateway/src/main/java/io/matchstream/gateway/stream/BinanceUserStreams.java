package io.matchstream.gateway.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.matchstream.gateway.binance.BinanceJson;
import io.matchstream.gateway.binance.BinanceSymbols;
import io.matchstream.gateway.commands.OrderIds;
import io.matchstream.gateway.view.BalanceView;
import io.matchstream.gateway.view.ExchangeView;
import io.matchstream.gateway.view.FeedListener;
import io.matchstream.gateway.view.OrderView;
import io.matchstream.gateway.view.SymbolView;
import io.matchstream.gateway.view.TradeView;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Binance's user data stream events for each user: {@code executionReport} per order change (one
 * {@code TRADE} report per fill, with its price, quantity and fee) and
 * {@code outboundAccountPosition} per balance change, and {@code balanceUpdate} per deposit or
 * withdrawal (the balance event's transfer header). Raw on a listen key's {@code /ws/<listenKey>}
 * connection, as {@code {"subscriptionId","event"}} on a WebSocket API session.
 *
 * <p>An order's event and its trades are written in one transaction but on two topics, and the
 * view may read either first: a fill's report waits until the order's event has said how much it
 * filled and the trades that make that quantity have arrived, and then goes out in match order.
 * Runs on the view reader's thread, as every {@link FeedListener}; a subscription comes from a
 * WebSocket's thread, so both hold this object's lock.
 */
@Component
public class BinanceUserStreams implements FeedListener {
  private record Listener(Subscriber subscriber, Integer subscriptionId) {
  }

  /** One order's reports still to send: its events, and its fills not yet reported. */
  private static final class Pending {
    final Deque<OrderView> events = new ArrayDeque<>();
    final Deque<TradeView> fills = new ArrayDeque<>();
    BigDecimal reported = BigDecimal.ZERO;
  }

  private final Map<String, Set<Listener>> users = new ConcurrentHashMap<>();
  private final Map<String, Pending> pending = new HashMap<>();
  private final ExchangeView view;
  private final ObjectMapper json;
  private final Clock clock;

  public BinanceUserStreams(ExchangeView view, ObjectMapper json, Clock clock) {
    this.view = view;
    this.json = json;
    this.clock = clock;
  }

  /**
   * Sends the user's events to {@code subscriber}: raw, or wrapped with {@code subscriptionId} when
   * not null. The fills of the user's open orders so far count as told.
   */
  synchronized void subscribe(Subscriber subscriber, String userId, Integer subscriptionId) {
    if (!watched(userId)) {
      for (OrderView open : view.openOrders(userId, null)) {
        pending(userId, open.orderId()).reported = open.executedQty();
      }
    }
    users.computeIfAbsent(userId, u -> ConcurrentHashMap.newKeySet()).add(new Listener(subscriber, subscriptionId));
  }

  synchronized void unsubscribe(Subscriber subscriber, Integer subscriptionId) {
    users.forEach((userId, listeners) -> {
      if (listeners.removeIf(l -> l.subscriber() == subscriber
          && (subscriptionId == null || subscriptionId.equals(l.subscriptionId()))) && listeners.isEmpty()) {
        // nobody watches the user: what was pending for them is not kept (a new subscription starts afresh)
        pending.keySet().removeIf(key -> key.startsWith(userId + '\0'));
      }
    });
  }

  void disconnect(Subscriber subscriber) {
    unsubscribe(subscriber, null);
  }

  @Override
  public synchronized void onTrade(TradeView trade) {
    if (watched(trade.makerUserId())) {
      pending(trade.makerUserId(), trade.makerOrderId()).fills.addLast(trade);
      flush(trade.makerUserId(), trade.makerOrderId());
    }
    if (watched(trade.takerUserId())) {
      pending(trade.takerUserId(), trade.takerOrderId()).fills.addLast(trade);
      flush(trade.takerUserId(), trade.takerOrderId());
    }
  }

  @Override
  public synchronized void onOrder(OrderView order) {
    if (watched(order.userId())) {
      pending(order.userId(), order.orderId()).events.addLast(order);
      flush(order.userId(), order.orderId());
    }
  }

  @Override
  public synchronized void onBalance(String userId, BalanceView balance) {
    if (!watched(userId)) {
      return;
    }
    Map<String, Object> event = event("outboundAccountPosition");
    event.put("u", clock.millis());
    event.put("B", List.of(Map.of("a", balance.asset(), "f", balance.free(), "l", balance.locked())));
    send(userId, event);
  }

  /** Binance's {@code balanceUpdate}: a deposit or a withdrawal, after the balance it changed. */
  @Override
  public synchronized void onTransfer(String userId, String asset, BigDecimal amount) {
    if (!watched(userId)) {
      return;
    }
    Map<String, Object> event = event("balanceUpdate");
    event.put("a", asset);
    event.put("d", amount);
    event.put("T", clock.millis());
    send(userId, event);
  }

  private boolean watched(String userId) {
    Set<Listener> listeners = users.get(userId);
    return listeners != null && !listeners.isEmpty();
  }

  private Pending pending(String userId, String orderId) {
    return pending.computeIfAbsent(userId + '\0' + orderId, k -> new Pending());
  }

  /** Sends what can be told of the order: each event once the fills it counts have arrived. */
  private void flush(String userId, String orderId) {
    String key = userId + '\0' + orderId;
    Pending order = pending.get(key);
    boolean ended = false;
    while (!order.events.isEmpty()) {
      OrderView state = order.events.peekFirst();
      BigDecimal owed = state.executedQty().subtract(order.reported);
      BigDecimal available = order.fills.stream().map(TradeView::qty).reduce(BigDecimal.ZERO, BigDecimal::add);
      if (available.compareTo(owed) < 0) {
        return;  // its fills are still on their way
      }
      order.events.removeFirst();
      SymbolView market = view.symbol(state.symbol()).orElse(null);
      boolean filling = "FILLED".equals(state.status()) || "PARTIALLY_FILLED".equals(state.status());
      ended = state.ended();
      if (owed.signum() > 0) {
        while (owed.signum() > 0) {
          TradeView fill = order.fills.removeFirst();
          owed = owed.subtract(fill.qty());
          order.reported = order.reported.add(fill.qty());
          String status = owed.signum() <= 0 && filling ? state.status() : "PARTIALLY_FILLED";
          send(userId, report(state, "TRADE", status, fill, order.reported, market));
        }
        if (!filling && !"NEW".equals(state.status())) {
          send(userId, report(state, state.status(), state.status(), null, order.reported, market));
        }
      } else {
        String execution = filling ? "NEW" : state.status();
        send(userId, report(state, execution, state.status(), null, order.reported, market));
      }
    }
    if (ended && order.fills.isEmpty()) {
      pending.remove(key);
    }
  }

  private Map<String, Object> report(OrderView o, String execution, String status, TradeView fill,
      BigDecimal cumulative, SymbolView market) {
    Map<String, Object> event = event("executionReport");
    event.put("s", BinanceSymbols.binance(o.symbol()));
    event.put("c", o.clientOrderId() == null ? o.orderId() : o.clientOrderId());
    event.put("S", o.side());
    event.put("o", BinanceJson.type(o));
    event.put("f", BinanceJson.timeInForce(o));
    event.put("q", BinanceJson.zeroIfNull(o.origQty()));
    event.put("p", BinanceJson.zeroIfNull(o.price()));
    event.put("P", BinanceJson.zeroIfNull(o.stopPrice()));
    event.put("F", BinanceJson.zeroIfNull(o.icebergQty()));
    event.put("g", -1);
    event.put("C", "");
    event.put("x", execution);
    event.put("X", status);
    event.put("r", o.reason() == null ? "NONE" : o.reason());
    event.put("i", OrderIds.number(o.orderId()));
    boolean buyer = "BUY".equals(o.side());
    event.put("l", fill == null ? BigDecimal.ZERO : fill.qty());
    event.put("z", cumulative);
    event.put("L", fill == null ? BigDecimal.ZERO : fill.price());
    event.put("n", fill == null ? BigDecimal.ZERO : buyer ? fill.buyerFee() : fill.sellerFee());
    event.put("N", fill == null || market == null ? null : buyer ? market.baseAsset() : market.quoteAsset());
    event.put("T", fill == null ? o.updateTime() : fill.time());
    event.put("t", fill == null ? -1 : fill.id());
    event.put("w", o.working() && o.open());
    event.put("m", fill != null && o.orderId().equals(fill.makerOrderId()) && o.userId().equals(fill.makerUserId()));
    event.put("M", false);
    event.put("O", o.time());
    event.put("Z", o.cummulativeQuoteQty());
    event.put("Y", fill == null ? BigDecimal.ZERO : fill.quoteQty());
    event.put("Q", BinanceJson.zeroIfNull(o.origQuoteOrderQty()));
    event.put("W", o.time());
    event.put("V", o.selfTradePreventionMode());
    return event;
  }

  private Map<String, Object> event(String type) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("e", type);
    event.put("E", clock.millis());
    return event;
  }

  private void send(String userId, Map<String, Object> event) {
    Set<Listener> listeners = users.get(userId);
    if (listeners == null) {
      return;
    }
    String raw = null;
    for (Listener listener : listeners) {
      if (listener.subscriptionId() == null) {
        raw = raw != null ? raw : write(event);
        listener.subscriber().offer(raw);
      } else {
        listener.subscriber().offer(write(Map.of("subscriptionId", listener.subscriptionId(), "event", event)));
      }
    }
  }


  private String write(Object message) {
    return StreamHub.write(json, message);
  }
}
