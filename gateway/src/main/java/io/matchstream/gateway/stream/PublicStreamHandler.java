package io.matchstream.gateway.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.matchstream.gateway.view.ExchangeView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code /ws}: public market streams. A client names streams in the URL
 * ({@code /ws?streams=BTC-USDT@trade,BTC-USDT@depth}) or sends Binance's requests
 * {@code {"method":"SUBSCRIBE"|"UNSUBSCRIBE"|"LIST_SUBSCRIPTIONS","params":[...],"id":1}},
 * answered {@code {"result":..,"id":1}} or {@code {"error":{"code":400,"msg":..},"id":1}}.
 */
@Component
public class PublicStreamHandler extends TextWebSocketHandler {
  static final int MAX_STREAMS = 200;
  private static final Pattern STREAM = Pattern.compile("(.+)@(trade|depth|bookTicker)");
  private final StreamHub hub;
  private final ExchangeView view;
  private final ObjectMapper json;
  private final Map<String, Set<String>> subscriptions = new ConcurrentHashMap<>();

  public PublicStreamHandler(StreamHub hub, ExchangeView view, ObjectMapper json) {
    this.hub = hub;
    this.view = view;
    this.json = json;
  }

  @Override
  public void afterConnectionEstablished(WebSocketSession session) throws Exception {
    Subscriber subscriber = hub.connect(session);
    subscriptions.put(session.getId(), ConcurrentHashMap.newKeySet());
    String named = session.getUri() == null ? null
        : UriComponentsBuilder.fromUri(session.getUri()).build().getQueryParams().getFirst("streams");
    if (named != null) {
      String refused = subscribe(subscriber, session.getId(), List.of(named.split(",")));
      if (refused != null) {
        session.close(CloseStatus.BAD_DATA.withReason(refused));
      }
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
      List<String> params = request.has("params") && request.get("params").isArray()
          ? json.convertValue(request.get("params"), json.getTypeFactory().constructCollectionType(List.class,
              String.class)) : List.of();
      String method = request.path("method").asText("");
      refused = switch (method) {
        case "SUBSCRIBE" -> subscribe(subscriber, session.getId(), params);
        case "UNSUBSCRIBE" -> {
          params.forEach(stream -> hub.unsubscribe(subscriber, stream));
          subscriptions.get(session.getId()).removeAll(params);
          yield null;
        }
        case "LIST_SUBSCRIPTIONS" -> {
          result = List.copyOf(subscriptions.get(session.getId()));
          yield null;
        }
        default -> "method must be SUBSCRIBE, UNSUBSCRIBE or LIST_SUBSCRIPTIONS";
      };
    } catch (Exception e) {
      refused = "a request is a JSON object {\"method\":..,\"params\":[..],\"id\":..}";
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    if (refused == null) {
      answer.put("result", result);
    } else {
      answer.put("error", Map.of("code", 400, "msg", refused));
    }
    answer.put("id", id);
    hub.reply(subscriber, answer);
  }

  @Override
  public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
    subscriptions.remove(session.getId());
    hub.disconnect(session);
  }

  /** Subscribes to every stream named, or to none and says why. */
  private String subscribe(Subscriber subscriber, String sessionId, List<String> names) {
    Set<String> current = subscriptions.get(sessionId);
    for (String name : names) {
      Matcher stream = STREAM.matcher(name);
      if (!stream.matches()) {
        return "unknown stream '" + name + "': streams are SYMBOL@trade, SYMBOL@depth and SYMBOL@bookTicker";
      }
      if (view.symbol(stream.group(1)).isEmpty()) {
        return "unknown symbol " + stream.group(1);
      }
    }
    if (current.size() + names.size() > MAX_STREAMS) {
      return "at most " + MAX_STREAMS + " streams per connection";
    }
    for (String name : names) {
      current.add(name);
      hub.subscribe(subscriber, name);
    }
    return null;
  }
}
