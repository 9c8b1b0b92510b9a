package io.matchstream.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * {@code GET /health}: 200 while the streams state is RUNNING and no task is halted, 503 with the
 * state and each halted task's input and reason otherwise. The
 * local stack waits on it before it prints {@code ready}, and Kubernetes uses it for readiness.
 * {@code GET /tasks}: the instance's tasks, as {@link TaskReport} gives them. {@code GET /metrics}:
 * the app's metrics in Prometheus' text format ({@link AppMetrics}).
 */
final class HealthServer implements AutoCloseable {
  private final HttpServer server;

  HealthServer(String host, int port, Supplier<KafkaStreams.State> state, Supplier<List<String>> halted,
      Supplier<String> tasks, Supplier<String> metrics) throws IOException {
    server = HttpServer.create(new InetSocketAddress(host, port), 16);
    server.createContext("/health", exchange -> {
      KafkaStreams.State now = state.get();
      List<String> halts = halted.get();
      StringBuilder text = new StringBuilder(halts.isEmpty() ? now.toString() : "HALTED").append('\n');
      halts.forEach(halt -> text.append(halt).append('\n'));
      respond(exchange, now == KafkaStreams.State.RUNNING && halts.isEmpty() ? 200 : 503, text.toString());
    });
    server.createContext("/tasks", exchange -> respond(exchange, 200, tasks.get() + "\n"));
    server.createContext("/metrics", exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
      respond(exchange, 200, metrics.get());
    });
    server.start();
  }

  private static void respond(HttpExchange exchange, int status, String text) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
