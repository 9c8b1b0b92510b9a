package io.matchstream.gateway.stream;

import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * One WebSocket client's outgoing messages: a queue drained by asynchronous sends, one in flight at
 * a time. Whoever offers a message never waits for the client. A client that reads too slowly is
 * dropped (closed with 1008) and the others go on: slow means a send still unfinished after the
 * time limit, or more queued than the byte limit (the queue is counted as messages are offered, so
 * it never holds more than the limit). A burst a reading client drains is no reason. A client that
 * reads nothing may not get the close frame either: its connection is cut all the same.
 */
final class Subscriber {
  private final WebSocketSession session;
  private final jakarta.websocket.RemoteEndpoint.Async remote;
  private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
  private final AtomicLong queuedChars = new AtomicLong();
  private final long charLimit;
  private final long sendTimeLimitNanos;
  // when the send in flight started (nanoTime), IDLE when none is: one atomic, so that a reader of
  // it never pairs "sending" with the start time of an earlier send
  private static final long IDLE = Long.MIN_VALUE;
  private final AtomicLong inFlightSince = new AtomicLong(IDLE);
  private final AtomicBoolean dropped = new AtomicBoolean();
  private final Executor closer;
  private final java.util.function.Consumer<String> onDrop;

  /** Why a client was dropped: the tag of {@code matchstream_gateway_ws_dropped_total}. */
  static final String SLOW_SEND = "send-time", OVER_BYTES = "queue-bytes", BROKEN = "send-failed";

  Subscriber(WebSocketSession session, long byteLimit, long sendTimeLimitMs, Executor closer,
      java.util.function.Consumer<String> onDrop) {
    this.session = session;
    this.remote = ((NativeWebSocketSession) session).getNativeSession(jakarta.websocket.Session.class)
        .getAsyncRemote();
    // a char of these messages is a byte of UTF-8 but for names beyond ASCII: near enough for a limit
    this.charLimit = byteLimit;
    this.sendTimeLimitNanos = sendTimeLimitMs * 1_000_000;
    this.closer = closer;
    this.onDrop = onDrop;
  }

  /** Queues a message for the client, or drops the client when it is too slow. */
  void offer(String message) {
    if (dropped.get()) {
      return;
    }
    long since = inFlightSince.get();
    if (since != IDLE && System.nanoTime() - since > sendTimeLimitNanos) {
      drop(CloseStatus.POLICY_VIOLATION.withReason("too slow: a message unread for "
          + sendTimeLimitNanos / 1_000_000 + " ms"), SLOW_SEND);
      return;
    }
    if (queuedChars.addAndGet(message.length()) > charLimit) {
      drop(CloseStatus.POLICY_VIOLATION.withReason("too slow: over " + charLimit + " bytes waiting"), OVER_BYTES);
      return;
    }
    queue.add(message);
    pump();
  }

  private void pump() {
    while (!dropped.get() && inFlightSince.compareAndSet(IDLE, System.nanoTime())) {
      String next = queue.poll();
      if (next != null) {
        queuedChars.addAndGet(-next.length());
        try {
          remote.sendText(next, result -> {
            inFlightSince.set(IDLE);
            if (result.isOK()) {
              pump();
            } else {
              drop(CloseStatus.SESSION_NOT_RELIABLE, BROKEN);
            }
          });
        } catch (RuntimeException e) {
          // the connection is closing or broken: this client is done, the others are not touched
          drop(CloseStatus.SESSION_NOT_RELIABLE, BROKEN);
        }
        return;
      }
      inFlightSince.set(IDLE);
      if (queue.isEmpty()) {
        return;
      }
    }
  }

  /** Closes the session off the caller's thread: closing a stuck connection may itself wait. */
  void drop(CloseStatus why, String reason) {
    if (dropped.compareAndSet(false, true)) {
      queue.clear();
      onDrop.accept(reason);
      closer.execute(() -> {
        try {
          session.close(why);
        } catch (IOException | RuntimeException e) {
          // the connection is gone either way
        }
      });
    }
  }
}
