package io.matchstream.gateway.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.matchstream.gateway.GatewaySettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketSession;

/**
 * The open WebSocket sessions, each with its {@link Subscriber} (its bounded send queue), what
 * the market and user streams send to; and the JSON writing of a message, once whatever the number
 * of listeners.
 */
@Component
public class StreamHub {
  private final Map<String, Subscriber> sessions = new ConcurrentHashMap<>();
  private final ObjectMapper json;
  private final long bufferLimit;
  private final long sendTimeLimitMs;
  private final ExecutorService closer = Executors.newSingleThreadExecutor(r -> {
    Thread thread = new Thread(r, "gateway-ws-closer");
    thread.setDaemon(true);
    return thread;
  });
  private final Counter dropped;

  public StreamHub(ObjectMapper json, GatewaySettings settings, MeterRegistry meters) {
    this.json = json;
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
    sessions.remove(session.getId());
  }

  /** Sends one message to one client, for the answers to its requests. */
  void reply(Subscriber subscriber, Object message) {
    subscriber.offer(write(message));
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
