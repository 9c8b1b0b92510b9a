package io.matchstream.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A test's WebSocket client: every text message it receives, in order, and how the server closed it. */
final class StreamClient implements AutoCloseable {
  final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
  final CompletableFuture<Integer> closedWith = new CompletableFuture<>();
  private final java.util.List<String> backlog = new java.util.ArrayList<>();
  private final WebSocket socket;

  StreamClient(String httpBase, String path) throws Exception {
    URI uri = URI.create(httpBase.replaceFirst("^http", "ws") + path);
    socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
      private final StringBuilder partial = new StringBuilder();

      @Override
      public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
          messages.add(partial.toString());
          partial.setLength(0);
        }
        webSocket.request(1);
        return null;
      }

      @Override
      public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closedWith.complete(statusCode);
        return null;
      }

      @Override
      public void onError(WebSocket webSocket, Throwable error) {
        closedWith.completeExceptionally(error);
      }
    }).get(10, TimeUnit.SECONDS);
  }

  void send(String text) {
    socket.sendText(text, true).join();
  }

  /**
   * The first message not taken yet that contains every one of {@code parts}; the others stay for
   * later calls (fails after 30 s).
   */
  String next(String... parts) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    int scanned = 0;
    while (System.nanoTime() < deadline) {
      for (; scanned < backlog.size(); scanned++) {
        String message = backlog.get(scanned);
        if (java.util.Arrays.stream(parts).allMatch(message::contains)) {
          backlog.remove(scanned);
          return message;
        }
      }
      String message = messages.poll(100, TimeUnit.MILLISECONDS);
      if (message != null) {
        backlog.add(message);
      }
    }
    throw new AssertionError("no message with " + java.util.Arrays.toString(parts) + " within 30 s");
  }

  @Override
  public void close() {
    socket.abort();
  }

  /**
   * A WebSocket client that reads nothing after its handshake: a plain socket with a small receive
   * buffer that asks for {@code path} and reads the 101 answer's first line only.
   */
  static java.net.Socket nonReader(String httpBase, String path) throws Exception {
    URI uri = URI.create(httpBase);
    java.net.Socket socket = new java.net.Socket();
    socket.setReceiveBufferSize(4096);
    socket.connect(new java.net.InetSocketAddress(uri.getHost(), uri.getPort()));
    java.io.OutputStream out = socket.getOutputStream();
    out.write(("GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    out.flush();
    byte[] head = socket.getInputStream().readNBytes(12);
    if (!"HTTP/1.1 101".equals(new String(head, java.nio.charset.StandardCharsets.US_ASCII))) {
      socket.close();
      throw new AssertionError("the handshake of " + path + " answered " + new String(head,
          java.nio.charset.StandardCharsets.US_ASCII));
    }
    return socket;
  }
}
