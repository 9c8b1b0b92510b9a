package io.matchstream.gateway.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * stream ({@code executionReport}, {@code outboundAccountPosition}, raw).
 */
@Component
public class BinanceStreamHandler extends TextWebSocketHandler {
  static final int MAX_STREAMS = 1024;
  private final StreamHub hub;
  private final BinanceMarketStreams markets;
  private final BinanceUserStreams users;
  private final ListenKeys listenKeys;
  private final ObjectMapper json;
  private final Map<String, Set<String>> subscriptions = new ConcurrentHashMap<>();

  public BinanceStreamHandler(StreamHub hub, BinanceMarketStreams markets, BinanceUserStreams users,
      ListenKeys listenKeys, ObjectMapper json) {
    this.hub = hub;
    this.markets = markets;
    this.users = users;
    this.listenKeys = listenKeys;
    this.json = json;
  }

  @Override
  public void afterConnectionEstablished(WebSocketSession session) throws Exception {
    Subscriber subscriber = hub.connect(session);
    subscriptions.put(session.getId(), ConcurrentHashMap.newKeySet());
    String path = session.getUri() == null ? "/ws" : session.getUri().getPath();
    boolean combined = path.equals("/stream") || path.startsWith("/stream/");
    markets.mode(subscriber, combined);
    List<String> named = new ArrayList<>();
    if (combined) {
      String streams = UriComponentsBuilder.fromUri(session.getUri()).build().getQueryParams().getFirst("streams");
      if (streams != null) {
        named.addAll(List.of(streams.split("/")));
      }
    } else if (path.startsWith("/ws/")) {
      for (String segment : path.substring("/ws/".length()).split("/")) {
        java.util.Optional<String> user = listenKeys.userOf(segment);
        if (user.isPresent()) {
          users.subscribe(subscriber, user.get(), null);
        } else if (!segment.isEmpty() && !segment.chars().allMatch(Character::isDigit)) {
          named.add(segment);
        }
      }
    }
    String refused = subscribe(subscriber, session.getId(), named);
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

  @Override
  public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
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
    if (current.size() + names.size() > MAX_STREAMS) {
      return "Invalid request: at most " + MAX_STREAMS + " streams per connection";
    }
    for (String name : names) {
      current.add(name);
      markets.subscribe(subscriber, name);
    }
    return null;
  }
}
