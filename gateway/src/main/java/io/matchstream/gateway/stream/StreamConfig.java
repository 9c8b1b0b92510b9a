package io.matchstream.gateway.stream;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * Where the streams are served. Any origin: public data, and a private stream needs a listen key.
 * Every handshake passes {@link ConnectionCaps} first.
 */
@Configuration
@EnableWebSocket
public class StreamConfig implements WebSocketConfigurer {
  private final BinanceStreamHandler binanceStreams;
  private final BinanceWsApiHandler binanceWsApi;
  private final ConnectionCaps caps;

  public StreamConfig(BinanceStreamHandler binanceStreams, BinanceWsApiHandler binanceWsApi, ConnectionCaps caps) {
    this.binanceStreams = binanceStreams;
    this.binanceWsApi = binanceWsApi;
    this.caps = caps;
  }

  @Override
  public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
    // Binance's: /ws and /ws/<streams or a listen key> raw, /stream?streams= combined
    registry.addHandler(binanceStreams, "/ws", "/ws/**", "/stream").addInterceptors(caps).setAllowedOrigins("*");
    registry.addHandler(binanceWsApi, "/ws-api/v3").addInterceptors(caps).setAllowedOrigins("*");
  }
}
