package io.matchstream.app;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * {@code GET /health}: 200 while the streams state is RUNNING, 503 with the state otherwise. The
 * local stack waits on it before it prints {@code ready}, and Kubernetes uses it for readiness.
 */
final class HealthServer implements AutoCloseable {
  private final HttpServer server;

  HealthServer(String host, int port, Supplier<KafkaStreams.State> state) throws IOException {
    server = HttpServer.create(new InetSocketAddress(host, port), 16);
    server.createContext("/health", exchange -> {
      KafkaStreams.State now = state.get();
      byte[] body = (now + "\n").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(now == KafkaStreams.State.RUNNING ? 200 : 503, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
