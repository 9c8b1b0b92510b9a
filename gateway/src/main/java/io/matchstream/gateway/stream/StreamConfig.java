package io.matchstream.gateway.stream;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/** Where the streams are served. Any origin: public data, and a private stream needs a listen key. */
@Configuration
@EnableWebSocket
public class StreamConfig implements WebSocketConfigurer {
  private final PublicStreamHandler publicStreams;
  private final UserStreamHandler userStreams;

  public StreamConfig(PublicStreamHandler publicStreams, UserStreamHandler userStreams) {
    this.publicStreams = publicStreams;
    this.userStreams = userStreams;
  }

  @Override
  public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
    registry.addHandler(publicStreams, "/ws").setAllowedOrigins("*");
    registry.addHandler(userStreams, UserStreamHandler.PATH + "*").setAllowedOrigins("*");
  }
}
