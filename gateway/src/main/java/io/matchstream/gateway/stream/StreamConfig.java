package io.matchstream.gateway.stream;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/** Where the streams are served. Any origin: public data, and a private stream needs a listen key. */
@Configuration
@EnableWebSocket
public class StreamConfig implements WebSocketConfigurer {
  private final BinanceStreamHandler binanceStreams;
  private final BinanceWsApiHandler binanceWsApi;

  public StreamConfig(BinanceStreamHandler binanceStreams, BinanceWsApiHandler binanceWsApi) {
    this.binanceStreams = binanceStreams;
    this.binanceWsApi = binanceWsApi;
  }

  @Override
  public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
    // Binance's: /ws and /ws/<streams or a listen key> raw, /stream?streams= combined
    registry.addHandler(binanceStreams, "/ws", "/ws/**", "/stream").setAllowedOrigins("*");
    registry.addHandler(binanceWsApi, "/ws-api/v3").setAllowedOrigins("*");
  }
}
