package io.matchstream.gateway.stream;

import io.matchstream.gateway.GatewaySettings;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Refuses a WebSocket handshake, before the upgrade, that would go past a cap: 429 with Binance's
 * {@code {"code":-1034,"msg"}} when the client's IP, or the owner of a listen key in the path, has
 * its cap of connections open; 400 with {@code -1101} when the URL names more streams than a
 * connection may have. The client's address is the one the rest of the gateway uses
 * ({@code request.getRemoteAddr()}, which Tomcat's RemoteIpValve sets from trusted proxies); it
 * goes to the session as {@link StreamHub#CLIENT_IP}. These checks only spare the upgrade: the
 * counts that hold under racing handshakes are taken when the session opens ({@link StreamHub#admit}),
 * which closes a session past them with 1008.
 */
@Component
public class ConnectionCaps implements HandshakeInterceptor {
  private final StreamHub hub;
  /**
   * The users of the listen keys a {@code /ws/} path names, as looked up here: the handler takes
   * them from the handshake's attributes rather than wait for the listen keys' reader a second time,
   * so the connection counts for its user as soon as it opens.
   */
  static final String LISTEN_KEY_OWNERS = "matchstream.ws.listen-key-owners";
  private final ListenKeys listenKeys;
  private final int streamsPerConnection;
  private final int perIp;
  private final int perUser;

  public ConnectionCaps(StreamHub hub, ListenKeys listenKeys, GatewaySettings settings) {
    this.hub = hub;
    this.listenKeys = listenKeys;
    this.streamsPerConnection = settings.streamsPerConnection();
    this.perIp = settings.wsConnectionsPerIp();
    this.perUser = settings.wsConnectionsPerUser();
  }

  @Override
  public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
      Map<String, Object> attributes) {
    String ip = request instanceof ServletServerHttpRequest servlet ? servlet.getServletRequest().getRemoteAddr()
        : request.getRemoteAddress() == null ? "unknown" : request.getRemoteAddress().getAddress().getHostAddress();
    attributes.put(StreamHub.CLIENT_IP, ip);
    if (!hub.ipHasRoom(ip)) {
      return refuse(response, HttpStatus.TOO_MANY_REQUESTS, -1034, StreamHub.ipRefusal(perIp));
    }
    String path = request.getURI().getPath();
    int streams = 0;
    if (path.equals("/stream") || path.startsWith("/stream/")) {
      String named = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams().getFirst("streams");
      streams = named == null ? 0 : (int) Arrays.stream(named.split("/")).filter(s -> !s.isEmpty()).count();
    } else if (path.startsWith("/ws/")) {
      Map<String, String> owners = new HashMap<>();
      attributes.put(LISTEN_KEY_OWNERS, owners);
      for (String segment : path.substring("/ws/".length()).split("/")) {
        var owner = listenKeys.userOf(segment);
        owner.ifPresent(user -> owners.put(segment, user));
        if (owner.isPresent()) {
          if (!hub.userHasRoom(owner.get())) {
            return refuse(response, HttpStatus.TOO_MANY_REQUESTS, -1034, StreamHub.userRefusal(perUser));
          }
        } else if (!segment.isEmpty() && !segment.chars().allMatch(Character::isDigit)) {
          streams++;
        }
      }
    }
    if (streams > streamsPerConnection) {
      return refuse(response, HttpStatus.BAD_REQUEST, -1101,
          "Too many streams: at most " + streamsPerConnection + " per connection.");
    }
    return true;
  }

  @Override
  public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
      Exception exception) {
  }

  private boolean refuse(ServerHttpResponse response, HttpStatus status, int code, String message) {
    hub.countRefusal();
    response.setStatusCode(status);
    response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
    try {
      response.getBody().write(("{\"code\":" + code + ",\"msg\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      // the client is gone: nothing to tell
    }
    return false;
  }
}
