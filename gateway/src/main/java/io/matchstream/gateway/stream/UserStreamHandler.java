package io.matchstream.gateway.stream;

import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * {@code /ws/user/{listenKey}}: one user's private stream, their order events, trades and balance
 * changes. The listen key comes from {@code POST /api/v1/userDataStream}, a signed request: the
 * connection needs no signature of its own. The client sends nothing.
 */
@Component
public class UserStreamHandler extends TextWebSocketHandler {
  static final String PATH = "/ws/user/";
  private final StreamHub hub;
  private final ListenKeys listenKeys;

  public UserStreamHandler(StreamHub hub, ListenKeys listenKeys) {
    this.hub = hub;
    this.listenKeys = listenKeys;
  }

  @Override
  public void afterConnectionEstablished(WebSocketSession session) throws Exception {
    String path = session.getUri() == null ? "" : session.getUri().getPath();
    Optional<String> userId = listenKeys.userOf(path.substring(path.lastIndexOf('/') + 1));
    if (userId.isEmpty()) {
      session.close(CloseStatus.POLICY_VIOLATION.withReason("unknown or expired listen key"));
      return;
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
  }
}
