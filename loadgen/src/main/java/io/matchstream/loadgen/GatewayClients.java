package io.matchstream.loadgen;

import io.matchstream.client.RequestSigning;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Closed-loop clients of the gateway's Binance API, one thread and one key each: place a crossing limit order, wait for the
 * answer, place the next. Half buy and half sell at one price, so orders trade and the book stays
 * small. Latency is the request's round trip, in microseconds.
 */
final class GatewayClients {
  record Key(String key, String secret, String user) {
  }

  record Result(String respType, int clients, double seconds, long orders, Map<Integer, Long> statuses,
      Histogram latency) {
    double rate() {
      return orders / seconds;
    }

    String describe() {
      return String.format("%d clients, %s: %,d orders in %.0f s, %,.0f orders/s; round trip p50 %.1f ms, "
              + "p99 %.1f ms, max %.1f ms; answers %s", clients, respType, orders, seconds, rate(),
          GatewayLoad.ms(latency, 50), GatewayLoad.ms(latency, 99), latency.getMaxValue() / 1000.0, statuses);
    }
  }

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String symbol;
  private final List<Key> keys;

  GatewayClients(String base, String symbol, List<Key> keys) {
    this.base = base;
    this.symbol = symbol;
    this.keys = keys;
  }

  /** Waits until every client's account shows its funds through the gateway. */
  void awaitFunded() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    for (Key key : keys) {
      while (!send(key, "GET", "/api/v3/account", "").body().contains("\"GWL\"")) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the clients' deposits did not show on the gateway within 60 s");
        }
        Thread.sleep(100);
      }
    }
  }

  Result run(String respType, double seconds) throws InterruptedException {
    Histogram latency = new Histogram(60_000_000L, 3);
    Map<Integer, Long> statuses = new TreeMap<>();
    long end = System.nanoTime() + (long) (seconds * 1e9);
    List<Thread> threads = new ArrayList<>();
    long started = System.nanoTime();
    for (int i = 0; i < keys.size(); i++) {
      Key key = keys.get(i);
      boolean buy = i % 2 == 0;
      Thread thread = new Thread(() -> {
        Histogram own = new Histogram(60_000_000L, 3);
        Map<Integer, Long> ownStatuses = new TreeMap<>();
        while (System.nanoTime() < end) {
          long sent = System.nanoTime();
          int status;
          try {
            status = place(key, buy ? "BUY" : "SELL", respType).statusCode();
          } catch (Exception e) {
            status = -1;
          }
          own.recordValue(Math.min((System.nanoTime() - sent) / 1000, 60_000_000L));
          ownStatuses.merge(status, 1L, Long::sum);
        }
        synchronized (latency) {
          latency.add(own);
          ownStatuses.forEach((s, n) -> statuses.merge(s, n, Long::sum));
        }
      }, "gateway-client-" + i);
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    double elapsed = (System.nanoTime() - started) / 1e9;
    return new Result(respType, keys.size(), elapsed, statuses.getOrDefault(200, 0L), statuses, latency);
  }

  HttpResponse<String> place(Key key, String side, String respType) throws Exception {
    return send(key, "POST", "/api/v3/order", "symbol=" + symbol.replace("-", "") + "&side=" + side
        + "&type=LIMIT&timeInForce=GTC&price=100.00&quantity=0.01&newOrderRespType=" + respType);
  }

  Key key(int i) {
    return keys.get(i % keys.size());
  }

  private HttpResponse<String> send(Key key, String method, String path, String params) throws Exception {
    HttpRequest request = RequestSigning.request(base, key.key(), key.secret(), method, path, params,
        System.currentTimeMillis()).timeout(Duration.ofSeconds(30)).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
