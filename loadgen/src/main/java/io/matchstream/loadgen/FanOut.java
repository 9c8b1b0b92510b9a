package io.matchstream.loadgen;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.Histogram;

/**
 * The trade stream fanned out: many WebSocket subscribers to {@code SYMBOL@trade} while crossing
 * orders trade at a steady rate. Each delivery's latency is measured twice: from the gateway's
 * send stamp {@code E} (the fan-out alone) and from the trade's {@code T}, the time the gateway
 * took the taker order (REST to subscriber, the exchange in between). Both in microseconds, from
 * wall clocks of one machine at millisecond resolution.
 */
final class FanOut {
  private static final Pattern STAMPS = Pattern.compile("\"E\":(\\d+).*\"t\":(\\d+).*\"T\":(\\d+)");

  record Result(int subscribers, long trades, long delivered, Histogram fromGateway, Histogram fromOrder) {
    double deliveredShare() {
      return trades == 0 ? 0 : (double) delivered / (trades * (long) subscribers);
    }

    String describe() {
      return String.format("%,d subscribers, %,d trades: %,d deliveries (%.2f%% of trades x subscribers); from the "
              + "gateway's send p50 %.1f ms, p99 %.1f ms; from the order p50 %.1f ms, p99 %.1f ms", subscribers,
          trades, delivered, 100 * deliveredShare(), GatewayLoad.ms(fromGateway, 50), GatewayLoad.ms(fromGateway, 99),
          GatewayLoad.ms(fromOrder, 50), GatewayLoad.ms(fromOrder, 99));
    }
  }

  private final String base;
  private final String symbol;
  private final int subscribers;
  private final GatewayClients rest;

  FanOut(String base, String symbol, int subscribers, GatewayClients rest) {
    this.base = base;
    this.symbol = symbol;
    this.subscribers = subscribers;
    this.rest = rest;
  }

  Result run(double tradeRate, double seconds) throws Exception {
    Recorder fromGateway = new Recorder(3);
    Recorder fromOrder = new Recorder(3);
    AtomicLong delivered = new AtomicLong();
    java.util.Set<Long> tradeIds = java.util.concurrent.ConcurrentHashMap.newKeySet();
    AtomicLong measuring = new AtomicLong(); // 0 until the sockets are open: set-up traffic is not counted
    HttpClient http = HttpClient.newHttpClient();
    List<WebSocket> sockets = new ArrayList<>();
    URI uri = URI.create(base.replaceFirst("^http", "ws") + "/ws/"
        + symbol.replace("-", "").toLowerCase(java.util.Locale.ROOT) + "@trade");
    for (int i = 0; i < subscribers; i++) {
      sockets.add(http.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
          long now = System.currentTimeMillis();
          Matcher stamps = STAMPS.matcher(data);
          if (measuring.get() != 0 && stamps.find()) {
            delivered.incrementAndGet();
            tradeIds.add(Long.parseLong(stamps.group(2)));
            fromGateway.recordValue(Math.max(0, now - Long.parseLong(stamps.group(1))) * 1000);
            fromOrder.recordValue(Math.max(0, now - Long.parseLong(stamps.group(3))) * 1000);
          }
          socket.request(1);
          return null;
        }
      }).get(30, TimeUnit.SECONDS));
    }
    measuring.set(1);
    // a sell and a buy that cross, from two clients, at a steady pace
    long pairs = (long) (tradeRate * seconds);
    long start = System.nanoTime();
    for (long n = 0; n < pairs; n++) {
      long due = start + (long) (n * 1e9 / tradeRate);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      rest.place(rest.key(0), "SELL", "ACK");
      rest.place(rest.key(1), "BUY", "ACK");
    }
    Thread.sleep(3_000); // the last trades reach every subscriber
    measuring.set(0);
    sockets.forEach(WebSocket::abort);
    return new Result(subscribers, tradeIds.size(), delivered.get(), fromGateway.getIntervalHistogram(),
        fromOrder.getIntervalHistogram());
  }
}
