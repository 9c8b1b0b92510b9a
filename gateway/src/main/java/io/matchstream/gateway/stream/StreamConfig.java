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
  private final BinanceStreamHandler binanceStreams;
  private final BinanceWsApiHandler binanceWsApi;

  public StreamConfig(PublicStreamHandler publicStreams, UserStreamHandler userStreams,
      BinanceStreamHandler binanceStreams, BinanceWsApiHandler binanceWsApi) {
    this.publicStreams = publicStreams;
    this.userStreams = userStreams;
    this.binanceStreams = binanceStreams;
    this.binanceWsApi = binanceWsApi;
  }

  @Override
  public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
    registry.addHandler(publicStreams, "/ws").setAllowedOrigins("*");
    registry.addHandler(userStreams, UserStreamHandler.PATH + "*").setAllowedOrigins("*");
    // Binance's: /ws/<streams> raw, /stream?streams= combined (the bare /ws is the older dialect's, above)
    registry.addHandler(binanceStreams, "/ws/**", "/stream").setAllowedOrigins("*");
    registry.addHandler(binanceWsApi, "/ws-api/v3").setAllowedOrigins("*");
  }
}
