package io.matchstream.gateway.stream;

import io.matchstream.gateway.commands.CommandSender;
import io.matchstream.gateway.view.ExchangeView;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code /ws/user/{listenKey}}: one user's private stream, their order events, trades and balance
 * changes. The listen key comes from {@code POST /api/v1/userDataStream}, a signed request: the
 * connection needs no signature of its own. The client sends nothing.
 *
 * <p>{@code ?cancelOnDisconnect=BTC-USDT,ETH-USDT} asks that the user's orders on those symbols be
 * canceled when this session ends, however it ends (closed, dropped, timed out): one
 * {@code cancelAll} per symbol. If the gateway instance itself dies, nobody is left to send them:
 * a client that needs that covered arms the dead-man's switch too ({@code /api/v1/cancelAllAfter}).
 */
@Component
public class UserStreamHandler extends TextWebSocketHandler {
  static final String PATH = "/ws/user/";
  private static final Logger LOG = LoggerFactory.getLogger(UserStreamHandler.class);
  private final StreamHub hub;
  private final ListenKeys listenKeys;
  private final ExchangeView view;
  private final CommandSender commands;
  private final Clock clock;
  /** The user and symbols of each session that asked for cancel-on-disconnect. */
  private final Map<String, CancelOnDisconnect> cancelOnDisconnect = new ConcurrentHashMap<>();

  private record CancelOnDisconnect(String userId, List<String> symbols) {}

  public UserStreamHandler(StreamHub hub, ListenKeys listenKeys, ExchangeView view, CommandSender commands,
      Clock clock) {
    this.hub = hub;
    this.listenKeys = listenKeys;
    this.view = view;
    this.commands = commands;
    this.clock = clock;
  }

  @Override
  public void afterConnectionEstablished(WebSocketSession session) throws Exception {
    String path = session.getUri() == null ? "" : session.getUri().getPath();
    Optional<String> userId = listenKeys.userOf(path.substring(path.lastIndexOf('/') + 1));
    if (userId.isEmpty()) {
      session.close(CloseStatus.POLICY_VIOLATION.withReason("unknown or expired listen key"));
      return;
    }
    List<String> symbols = session.getUri() == null ? List.of() : UriComponentsBuilder.fromUri(session.getUri())
        .build().getQueryParams().getOrDefault("cancelOnDisconnect", List.of()).stream()
        .flatMap(value -> Arrays.stream(value.split(","))).filter(s -> !s.isBlank()).distinct().toList();
    for (String symbol : symbols) {
      if (view.symbol(symbol).isEmpty()) {
        session.close(CloseStatus.POLICY_VIOLATION.withReason("cancelOnDisconnect names an unknown symbol"));
        return;
      }
    }
    if (!symbols.isEmpty()) {
      cancelOnDisconnect.put(session.getId(), new CancelOnDisconnect(userId.get(), symbols));
    }
    hub.subscribeUser(hub.connect(session), userId.get());
  }

  @Override
  protected void handleTextMessage(WebSocketSession session, TextMessage message) {
    // a private stream only sends
  }

  @Override
  public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
    hub.disconnect(session);
    CancelOnDisconnect cancel = cancelOnDisconnect.remove(session.getId());
    if (cancel != null) {
      for (String symbol : cancel.symbols()) {
        try {
          commands.cancelAll(cancel.userId(), symbol, clock.millis());
        } catch (Exception e) {
          LOG.error("session of {} ended: the cancelAll on {} could not be sent", cancel.userId(), symbol, e);
        }
      }
    }
  }
}
