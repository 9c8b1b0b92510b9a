package io.matchstream.gateway.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.matchstream.gateway.GatewaySettings;
import io.matchstream.gateway.auth.ApiKey;
import io.matchstream.gateway.binance.BinanceError;
import io.matchstream.gateway.binance.SignatureCheck;
import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * {@code /ws-api/v3}: the part of Binance's WebSocket API that trading clients use for their user
 * data ({@code userDataStream.subscribe.signature}, as ccxt's {@code watchOrders} and
 * {@code watchBalance} do), with {@code ping}, {@code time} and {@code userDataStream.unsubscribe}.
 * A request {@code {"id","method","params"}} is answered {@code {"id","status":200,"result"}} or
 * {@code {"id","status":4xx,"error":{"code","msg"}}}; the user's events then come on the same
 * connection as {@code {"subscriptionId","event"}}. A signed request carries {@code apiKey},
 * {@code timestamp}, optional {@code recvWindow} and {@code signature}: the HMAC-SHA256 of the other
 * parameters sorted by name, {@code name=value} joined by {@code &}.
 *
 * <p>Bounds: a session counts against its client IP's cap of connections (past it, closed 1008),
 * and once it subscribes to a user, against that user's ({@code -1034}, status 429, past it; the
 * session's count for the user stays until it closes); at most {@code streams-per-connection}
 * subscriptions per session ({@code -1101}).
 */
@Component
public class BinanceWsApiHandler extends TextWebSocketHandler {
  private final StreamHub hub;
  private final BinanceUserStreams users;
  private final ObjectMapper json;
  private final Clock clock;
  private final SignatureCheck signatures;
  private final Map<String, ApiKey> keys;
  private final Map<String, AtomicInteger> nextSubscription = new ConcurrentHashMap<>();
  private final Map<String, java.util.Set<Integer>> open = new ConcurrentHashMap<>();
  private final int maxSubscriptions;

  public BinanceWsApiHandler(StreamHub hub, BinanceUserStreams users, ObjectMapper json, Clock clock,
      GatewaySettings settings, SignatureCheck signatures) {
    this.hub = hub;
    this.signatures = signatures;
    this.users = users;
    this.json = json;
    this.clock = clock;
    this.keys = settings.keys().stream().collect(Collectors.toMap(ApiKey::key, Function.identity()));
    this.maxSubscriptions = settings.streamsPerConnection();
  }

  @Override
  public void afterConnectionEstablished(WebSocketSession session) throws java.io.IOException {
    hub.connect(session);
    nextSubscription.put(session.getId(), new AtomicInteger());
    open.put(session.getId(), ConcurrentHashMap.newKeySet());
    String over = hub.admit(session);
    if (over != null) {
      session.close(CloseStatus.POLICY_VIOLATION.withReason(over));
    }
  }

  @Override
  protected void handleTextMessage(WebSocketSession session, TextMessage message) {
    Subscriber subscriber = hub.subscriber(session);
    if (subscriber == null) {
      return;
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    JsonNode id = null;
    try {
      JsonNode request = json.readTree(message.getPayload());
      id = request.get("id");
      JsonNode params = request.path("params");
      Object result = switch (request.path("method").asText("")) {
        case "ping" -> Map.of();
        case "time" -> Map.of("serverTime", clock.millis());
        case "userDataStream.subscribe.signature" -> {
          ApiKey key = verified(params);
          java.util.Set<Integer> subscriptions = open.get(session.getId());
          if (subscriptions.size() >= maxSubscriptions) {
            hub.countRefusal();
            throw new BinanceError(400, -1101, "Too many subscriptions: at most " + maxSubscriptions
                + " per connection.");
          }
          String over = hub.admitUser(session, key.userId());
          if (over != null) {
            throw new BinanceError(429, -1034, over);
          }
          int subscription = nextSubscription.get(session.getId()).getAndIncrement();
          subscriptions.add(subscription);
          users.subscribe(subscriber, key.userId(), subscription);
          yield Map.of("subscriptionId", subscription);
        }
        case "userDataStream.unsubscribe" -> {
          Integer which = params.has("subscriptionId") ? params.get("subscriptionId").asInt() : null;
          users.unsubscribe(subscriber, which);
          if (which == null) {
            open.get(session.getId()).clear();
          } else {
            open.get(session.getId()).remove(which);
          }
          yield Map.of();
        }
        default -> throw new BinanceError(400, -1100, "Unknown method '" + request.path("method").asText() + "'.");
      };
      answer.put("id", id);
      answer.put("status", 200);
      answer.put("result", result);
    } catch (BinanceError e) {
      answer.put("id", id);
      answer.put("status", e.status());
      answer.put("error", Map.of("code", e.code(), "msg", e.getMessage()));
    } catch (Exception e) {
      answer.put("id", id);
      answer.put("status", 400);
      answer.put("error", Map.of("code", -1100, "msg", "Invalid JSON: a request is {\"id\",\"method\",\"params\"}."));
    }
    hub.reply(subscriber, answer);
  }

  @Override
  public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
    nextSubscription.remove(session.getId());
    open.remove(session.getId());
    Subscriber subscriber = hub.subscriber(session);
    if (subscriber != null) {
      users.disconnect(subscriber);
    }
    hub.disconnect(session);
  }

  private ApiKey verified(JsonNode params) {
    ApiKey key = keys.get(params.path("apiKey").asText(""));
    if (key == null || key.admin()) {
      throw new BinanceError(401, -2015, "Invalid API-key, IP, or permissions for action.");
    }
    if (!params.path("timestamp").canConvertToLong()) {
      throw BinanceError.mandatory("timestamp");
    }
    Map<String, String> signed = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> fields = params.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!field.getKey().equals("signature")) {
        signed.put(field.getKey(), field.getValue().isTextual() ? field.getValue().asText() : field.getValue().toString());
      }
    }
    String payload = signed.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("&"));
    signatures.verify(key, params.path("timestamp").asLong(),
        params.has("recvWindow") ? params.path("recvWindow").asLong() : null, payload,
        params.path("signature").asText(""));
    return key;
  }
}
