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
 * of listeners. It also holds the count of sessions per client IP and per user: a session takes its
 * place when it opens ({@link #admit}) and when it starts following a user ({@link #admitUser}),
 * and gives them back when it closes. {@link ConnectionCaps} refuses a handshake past a count; the
 * counts here are the ones that hold when handshakes race.
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
  private final Map<String, Counter> dropped = new ConcurrentHashMap<>();
  private final MeterRegistry meters;
  private final Counter refused;
  private final int perIp;
  private final int perUser;
  private final Map<String, Integer> ips = new ConcurrentHashMap<>();
  private final Map<String, Integer> users = new ConcurrentHashMap<>();
  // what each session holds of those counts
  private final Map<String, Held> held = new ConcurrentHashMap<>();

  /** A session's places: its IP (null until admitted) and the users it follows. */
  private static final class Held {
    private String ip;
    private final java.util.Set<String> users = new java.util.HashSet<>();
  }

  /** The session attribute that carries the client's address from the handshake (request.getRemoteAddr()). */
  static final String CLIENT_IP = "matchstream.ws.client-ip";

  public StreamHub(ObjectMapper json, GatewaySettings settings, MeterRegistry meters) {
    this.json = json;
    this.bufferLimit = settings.streamBufferLimitBytes();
    this.sendTimeLimitMs = settings.streamSendTimeLimitMs();
    this.meters = meters;
    for (String reason : java.util.List.of(Subscriber.SLOW_SEND, Subscriber.OVER_BYTES, Subscriber.BROKEN)) {
      dropped(reason);
    }
    this.refused = Counter.builder("matchstream.gateway.ws.refused")
        .description("WebSocket connections and subscriptions refused over a cap").register(meters);
    this.perIp = settings.wsConnectionsPerIp();
    this.perUser = settings.wsConnectionsPerUser();
    meters.gauge("matchstream.gateway.ws.sessions", sessions, Map::size);
  }

  private Counter dropped(String reason) {
    return dropped.computeIfAbsent(reason, r -> Counter.builder("matchstream.gateway.ws.dropped").tag("reason", r)
        .description("WebSocket clients dropped: too slow (send-time, queue-bytes) or a failed send")
        .register(meters));
  }

  /** Whether {@code ip} has fewer than its cap of connections open: a handshake's early check. */
  boolean ipHasRoom(String ip) {
    return ips.getOrDefault(ip, 0) < perIp;
  }

  boolean userHasRoom(String userId) {
    return users.getOrDefault(userId, 0) < perUser;
  }

  /** Counts the session against its client IP: null, or why it is refused (over the IP's cap). */
  String admit(WebSocketSession session) {
    Object ip = session.getAttributes().get(CLIENT_IP);
    String address = ip != null ? ip.toString()
        : session.getRemoteAddress() == null ? "unknown" : session.getRemoteAddress().getAddress().getHostAddress();
    if (!take(ips, address, perIp)) {
      refused.increment();
      return ipRefusal(perIp);
    }
    Held places = new Held();
    places.ip = address;
    held.put(session.getId(), places);
    return null;
  }

  /** Counts the session against {@code userId} (once however often it follows the user): null, or why not. */
  String admitUser(WebSocketSession session, String userId) {
    Held places = held.get(session.getId());
    if (places == null) {
      return "The connection is not open.";  // refused at its IP, or already closed
    }
    synchronized (places) {
      if (places.users.contains(userId)) {
        return null;
      }
      if (!take(users, userId, perUser)) {
        refused.increment();
        return userRefusal(perUser);
      }
      places.users.add(userId);
      return null;
    }
  }

  static String ipRefusal(int cap) {
    return "Too many concurrent connections from this IP; current limit is " + cap + ".";
  }

  static String userRefusal(int cap) {
    return "Too many concurrent connections for this user; current limit is " + cap + ".";
  }

  /** One more for {@code key} unless it is at {@code cap}. */
  private static boolean take(Map<String, Integer> counts, String key, int cap) {
    boolean[] taken = new boolean[1];
    counts.compute(key, (k, n) -> {
      int now = n == null ? 0 : n;
      taken[0] = now < cap;
      return taken[0] ? now + 1 : n;
    });
    return taken[0];
  }

  private static void release(Map<String, Integer> counts, String key) {
    counts.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
  }

  void countRefusal() {
    refused.increment();
  }

  Subscriber connect(WebSocketSession session) {
    Subscriber subscriber = new Subscriber(session, bufferLimit, sendTimeLimitMs, closer,
        reason -> dropped(reason).increment());
    sessions.put(session.getId(), subscriber);
    return subscriber;
  }

  Subscriber subscriber(WebSocketSession session) {
    return sessions.get(session.getId());
  }

  /** Forgets the session and gives back its places. */
  void disconnect(WebSocketSession session) {
    sessions.remove(session.getId());
    Held places = held.remove(session.getId());
    if (places != null) {
      synchronized (places) {
        if (places.ip != null) {
          release(ips, places.ip);
        }
        places.users.forEach(user -> release(users, user));
      }
    }
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
