package io.matchstream.stack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Waits until a part's HTTP health address answers 200, or its process dies, or time runs out. */
final class Readiness {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private Readiness() {}

  static boolean ok(String url) {
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build();
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (java.io.IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static void await(ChildProcess process, String url, Duration timeout) throws InterruptedException {
    await(process, "at " + url, () -> ok(url), timeout);
  }

  /** Waits until {@code ready} holds ({@code where} says what it asks, for the error), the process dies, or time runs out. */
  static void await(ChildProcess process, String where, java.util.function.BooleanSupplier ready, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(process.name() + " exited (" + process.exitValue() + "); its log "
            + process.log() + " ends:\n" + process.tail(30));
      }
      if (ready.getAsBoolean()) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(process.name() + " was not ready " + where + " after " + timeout.toSeconds()
        + " s; its log " + process.log() + " ends:\n" + process.tail(30));
  }
}
