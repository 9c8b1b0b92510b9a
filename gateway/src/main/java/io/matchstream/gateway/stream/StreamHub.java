package io.matchstream.gateway.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.matchstream.gateway.GatewaySettings;
import io.matchstream.gateway.view.BalanceView;
import io.matchstream.gateway.view.BookTicker;
import io.matchstream.gateway.view.DepthDiff;
import io.matchstream.gateway.view.FeedListener;
import io.matchstream.gateway.view.OrderView;
import io.matchstream.gateway.view.TradeView;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketSession;

/**
 * Who listens to what, and the feed's changes turned into stream messages: public streams
 * ({@code SYMBOL@trade}, {@code SYMBOL@depth}, {@code SYMBOL@bookTicker}) in Binance's combined
 * form {@code {"stream":..,"data":..}}, and each user's private stream of their orders, trades and
 * balances. A message is serialized once, whatever the number of listeners.
 */
@Component
public class StreamHub implements FeedListener {
  private final Map<String, Set<Subscriber>> streams = new ConcurrentHashMap<>();
  private final Map<String, Set<Subscriber>> users = new ConcurrentHashMap<>();
  private final Map<String, Subscriber> sessions = new ConcurrentHashMap<>();
  private final ObjectMapper json;
  private final Clock clock;
  private final long bufferLimit;
  private final long sendTimeLimitMs;
  private final ExecutorService closer = Executors.newSingleThreadExecutor(r -> {
    Thread thread = new Thread(r, "gateway-ws-closer");
    thread.setDaemon(true);
    return thread;
  });
  private final Counter dropped;

  public StreamHub(ObjectMapper json, Clock clock, GatewaySettings settings, MeterRegistry meters) {
    this.json = json;
    this.clock = clock;
    this.bufferLimit = settings.streamBufferLimitBytes();
    this.sendTimeLimitMs = settings.streamSendTimeLimitMs();
    this.dropped = Counter.builder("matchstream.gateway.ws.dropped")
        .description("WebSocket clients dropped for reading too slowly").register(meters);
    meters.gauge("matchstream.gateway.ws.sessions", sessions, Map::size);
  }

  Subscriber connect(WebSocketSession session) {
    Subscriber subscriber = new Subscriber(session, bufferLimit, sendTimeLimitMs, closer, dropped::increment);
    sessions.put(session.getId(), subscriber);
    return subscriber;
  }

  Subscriber subscriber(WebSocketSession session) {
    return sessions.get(session.getId());
  }

  void disconnect(WebSocketSession session) {
    Subscriber subscriber = sessions.remove(session.getId());
    if (subscriber != null) {
      streams.values().forEach(listeners -> listeners.remove(subscriber));
      users.values().forEach(listeners -> listeners.remove(subscriber));
    }
  }

  void subscribe(Subscriber subscriber, String stream) {
    streams.computeIfAbsent(stream, s -> ConcurrentHashMap.newKeySet()).add(subscriber);
  }

  void unsubscribe(Subscriber subscriber, String stream) {
    Set<Subscriber> listeners = streams.get(stream);
    if (listeners != null) {
      listeners.remove(subscriber);
    }
  }

  void subscribeUser(Subscriber subscriber, String userId) {
    users.computeIfAbsent(userId, u -> ConcurrentHashMap.newKeySet()).add(subscriber);
  }

  /** Sends one message to one client, for the answers to its requests. */
  void reply(Subscriber subscriber, Object message) {
    subscriber.offer(write(message));
  }

  @Override
  public void onTrade(TradeView trade) {
    Map<String, Object> data = event("trade");
    data.put("s", trade.symbol());
    data.put("t", trade.id());
    data.put("p", trade.price());
    data.put("q", trade.qty());
    data.put("T", trade.time());
    data.put("m", trade.isBuyerMaker());
    publish(trade.symbol() + "@trade", data);
    Map<String, Object> own = event("trade");
    own.putAll(json.convertValue(trade, Map.class));
    toUser(trade.makerUserId(), own);
    if (!trade.takerUserId().equals(trade.makerUserId())) {
      toUser(trade.takerUserId(), own);
    }
  }

  @Override
  public void onDepthDiff(DepthDiff diff) {
    Map<String, Object> data = event("depthUpdate");
    data.put("s", diff.symbol());
    data.put("U", diff.firstUpdateId());
    data.put("u", diff.lastUpdateId());
    data.put("b", diff.bids());
    data.put("a", diff.asks());
    publish(diff.symbol() + "@depth", data);
  }

  @Override
  public void onBookTicker(BookTicker ticker) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("u", ticker.updateId());
    data.put("s", ticker.symbol());
    data.put("b", ticker.bidPrice());
    data.put("B", ticker.bidQty());
    data.put("a", ticker.askPrice());
    data.put("A", ticker.askQty());
    publish(ticker.symbol() + "@bookTicker", data);
  }

  @Override
  public void onOrder(OrderView order) {
    Map<String, Object> data = event("order");
    data.putAll(json.convertValue(order, Map.class));
    toUser(order.userId(), data);
  }

  @Override
  public void onBalance(String userId, BalanceView balance) {
    Map<String, Object> data = event("balance");
    data.putAll(json.convertValue(balance, Map.class));
    toUser(userId, data);
  }

  private Map<String, Object> event(String type) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("e", type);
    data.put("E", clock.millis());
    return data;
  }

  private void publish(String stream, Map<String, Object> data) {
    Set<Subscriber> listeners = streams.get(stream);
    if (listeners != null && !listeners.isEmpty()) {
      String message = write(new Envelope(stream, data));
      listeners.forEach(listener -> listener.offer(message));
    }
  }

  private void toUser(String userId, Map<String, Object> data) {
    Set<Subscriber> listeners = users.get(userId);
    if (listeners != null && !listeners.isEmpty()) {
      String message = write(new Envelope("user", data));
      listeners.forEach(listener -> listener.offer(message));
    }
  }

  /** Binance's combined-stream form: which stream, then its message. */
  record Envelope(String stream, Object data) {
  }

  private String write(Object message) {
    return write(json, message);
  }

  /** A stream message as JSON text: written once, whatever the number of listeners. */
  static String write(ObjectMapper json, Object message) {
    try {
      return json.writeValueAsString(message);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stream message could not be written", e);
    }
  }
}
