package io.matchstream.gateway.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.matchstream.gateway.binance.BinanceSymbols;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Binance's WebSocket market stream endpoints: {@code /ws/<stream>[/<stream>...]} (raw payloads)
 * and {@code /stream?streams=<stream>/<stream>} (each as {@code {"stream","data"}}), then Binance's
 * requests {@code SUBSCRIBE}, {@code UNSUBSCRIBE} and {@code LIST_SUBSCRIPTIONS} on the open
 * connection, answered {@code {"result":..,"id":..}} or {@code {"error":{"code":2,"msg":..},"id":..}}.
 * A path segment of digits names no stream: ccxt numbers its connections {@code /ws/0},
 * {@code /ws/1}, ... and subscribes on them. A segment that is a listen key opens that user's data
 * stream ({@code executionReport}, {@code outboundAccountPosition}, raw), and with
 * {@code ?cancelOnDisconnect=<symbols>} cancels the user's orders there when it ends
 * ({@link CancelOnDisconnect}).
 *
 * <p>Bounds: a connection past its IP's or a listen key owner's cap of connections is closed with
 * 1008 and the reason ({@link StreamHub#admit}); a {@code SUBSCRIBE} that would take a connection
 * past {@code streams-per-connection} is refused whole with the error frame, and subscribes nothing.
 */
@Component
public class BinanceStreamHandler extends TextWebSocketHandler {
  private final int maxStreams;
  private final StreamHub hub;
  private final BinanceMarketStreams markets;
  private final BinanceUserStreams users;
  private final BinanceSymbols symbols;
  private final CancelOnDisconnect cancelOnDisconnect;
  private final ObjectMapper json;
  private final Map<String, Set<String>> subscriptions = new ConcurrentHashMap<>();

  public BinanceStreamHandler(StreamHub hub, BinanceMarketStreams markets, BinanceUserStreams users,
      BinanceSymbols symbols, CancelOnDisconnect cancelOnDisconnect, ObjectMapper json,
      io.matchstream.gateway.GatewaySettings settings) {
    this.maxStreams = settings.streamsPerConnection();
    this.hub = hub;
    this.markets = markets;
    this.users = users;
    this.symbols = symbols;
    this.cancelOnDisconnect = cancelOnDisconnect;
    this.json = json;
  }

  @Override
  public void afterConnectionEstablished(WebSocketSession session) throws Exception {
    Subscriber subscriber = hub.connect(session);
    subscriptions.put(session.getId(), ConcurrentHashMap.newKeySet());
    String over = hub.admit(session);
    if (over != null) {
      session.close(CloseStatus.POLICY_VIOLATION.withReason(over));
      return;
    }
    String path = session.getUri() == null ? "/ws" : session.getUri().getPath();
    boolean combined = path.equals("/stream") || path.startsWith("/stream/");
    markets.mode(subscriber, combined);
    List<String> named = new ArrayList<>();
    String user = null;
    if (combined) {
      String streams = UriComponentsBuilder.fromUri(session.getUri()).build().getQueryParams().getFirst("streams");
      if (streams != null) {
        named.addAll(List.of(streams.split("/")));
      }
    } else if (path.startsWith("/ws/")) {
      // every handshake passed ConnectionCaps, which looked the listen keys up
      @SuppressWarnings("unchecked")
      Map<String, String> owners = (Map<String, String>) session.getAttributes().get(ConnectionCaps.LISTEN_KEY_OWNERS);
      for (String segment : path.substring("/ws/".length()).split("/")) {
        java.util.Optional<String> owner = java.util.Optional.ofNullable(owners.get(segment));
        if (owner.isPresent()) {
          over = hub.admitUser(session, owner.get());
          if (over != null) {
            session.close(CloseStatus.POLICY_VIOLATION.withReason(over));
            return;
          }
          user = owner.get();
          users.subscribe(subscriber, user, null);
        } else if (!segment.isEmpty() && !segment.chars().allMatch(Character::isDigit)) {
          named.add(segment);
        }
      }
    }
    String refused = subscribe(subscriber, session.getId(), named);
    if (refused == null) {
      refused = armCancelOnDisconnect(session, user);
    }
    if (refused != null) {
      session.close(CloseStatus.BAD_DATA.withReason(refused));
    }
  }

  @Override
  protected void handleTextMessage(WebSocketSession session, TextMessage message) {
    Subscriber subscriber = hub.subscriber(session);
    if (subscriber == null) {
      return;
    }
    JsonNode id = null;
    String refused;
    Object result = null;
    try {
      JsonNode request = json.readTree(message.getPayload());
      id = request.get("id");
      List<String> params = new ArrayList<>();
      request.path("params").forEach(param -> params.add(param.asText()));
      refused = switch (request.path("method").asText("")) {
        case "SUBSCRIBE" -> subscribe(subscriber, session.getId(), params);
        case "UNSUBSCRIBE" -> {
          params.forEach(stream -> markets.unsubscribe(subscriber, stream));
          subscriptions.get(session.getId()).removeAll(params);
          yield null;
        }
        case "LIST_SUBSCRIPTIONS" -> {
          result = List.copyOf(subscriptions.get(session.getId()));
          yield null;
        }
        default -> "Invalid request: method must be SUBSCRIBE, UNSUBSCRIBE or LIST_SUBSCRIPTIONS";
      };
    } catch (Exception e) {
      refused = "Invalid JSON: a request is {\"method\":..,\"params\":[..],\"id\":..}";
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    if (refused == null) {
      answer.put("result", result);
    } else {
      answer.put("error", Map.of("code", 2, "msg", refused));
    }
    answer.put("id", id);
    hub.reply(subscriber, answer);
  }

  /**
   * Matchstream's extension of a user data stream: {@code ?cancelOnDisconnect=BTCUSDT,ETHUSDT} on
   * {@code /ws/<listenKey>} cancels the user's orders on those symbols when the session ends.
   */
  private String armCancelOnDisconnect(WebSocketSession session, String user) {
    List<String> names = UriComponentsBuilder.fromUri(session.getUri()).build().getQueryParams()
        .getOrDefault("cancelOnDisconnect", List.of()).stream()
        .flatMap(value -> java.util.Arrays.stream(value.split(","))).filter(s -> !s.isBlank()).distinct().toList();
    if (names.isEmpty()) {
      return null;
    }
    if (user == null) {
      return "Invalid request: cancelOnDisconnect needs a listen key in the path";
    }
    List<String> engineSymbols = new ArrayList<>();
    for (String name : names) {
      var market = symbols.market(name);
      if (market.isEmpty()) {
        return "Invalid request: cancelOnDisconnect names an unknown symbol '" + name + "'";
      }
      engineSymbols.add(market.get().symbol());
    }
    cancelOnDisconnect.arm(session.getId(), user, engineSymbols);
    return null;
  }

  @Override
  public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
    cancelOnDisconnect.ended(session.getId());
    subscriptions.remove(session.getId());
    Subscriber subscriber = hub.subscriber(session);
    if (subscriber != null) {
      markets.disconnect(subscriber);
      users.disconnect(subscriber);
    }
    hub.disconnect(session);
  }

  /** Subscribes to every stream named, or to none and says why. */
  private String subscribe(Subscriber subscriber, String sessionId, List<String> names) {
    for (String name : names) {
      String refused = markets.refusal(name);
      if (refused != null) {
        return refused;
      }
    }
    Set<String> current = subscriptions.get(sessionId);
    long added = names.stream().distinct().filter(name -> !current.contains(name)).count();
    if (current.size() + added > maxStreams) {
      hub.countRefusal();
      return "Invalid request: at most " + maxStreams + " streams per connection (" + current.size()
          + " subscribed)";
    }
    for (String name : names) {
      current.add(name);
      markets.subscribe(subscriber, name);
    }
    return null;
  }
}
