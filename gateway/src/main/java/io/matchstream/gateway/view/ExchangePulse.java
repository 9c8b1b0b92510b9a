package io.matchstream.gateway.view;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.springframework.stereotype.Component;

/**
 * The exchange's pulse over the last ten minutes, for the web page's status view: live orders taken
 * per second (an order's first event, whoever sent it) and the 99th percentile of the time from an
 * order's command timestamp to that event reaching this gateway, in five-second steps. A person running
 * {@code ./matchstream up} has no Prometheus; this is the part of the dashboard they can see.
 */
@Component
public class ExchangePulse implements FeedListener {
  public static final long STEP_MS = 5_000;
  static final int STEPS = 120;
  /**
   * An event whose command is older on arrival is history (the view reading the topics at start)
   * or was not stamped with the wall clock (a file's commands): neither is the exchange's pulse.
   */
  private static final long LIVE_MS = 60_000;

  public record Point(long time, double ordersPerSecond, long p99Ms) {}

  private final Clock clock;
  private final long[] starts = new long[STEPS];
  private final long[] orders = new long[STEPS];
  private final Histogram[] latency = new Histogram[STEPS];

  public ExchangePulse(Clock clock) {
    this.clock = clock;
    for (int i = 0; i < STEPS; i++) {
      latency[i] = new Histogram(LIVE_MS, 2);
    }
  }

  @Override
  public synchronized void onOrder(OrderView order) {
    // the first event of an order: the one that set its time
    if (order.time() != order.updateTime()) {
      return;
    }
    long now = clock.millis();
    long took = now - order.updateTime();
    if (took < 0 || took >= LIVE_MS) {
      return;
    }
    int step = step(now);
    orders[step]++;
    latency[step].recordValue(took);
  }

  /** The steps of the last ten minutes, oldest first; a step nothing happened in counts zero. */
  public synchronized List<Point> lastMinutes() {
    long now = clock.millis();
    long current = now - now % STEP_MS;
    List<Point> points = new ArrayList<>(STEPS);
    for (long start = current - (STEPS - 1) * STEP_MS; start <= current; start += STEP_MS) {
      int i = (int) ((start / STEP_MS) % STEPS);
      boolean kept = starts[i] == start;
      double perSecond = kept ? orders[i] * 1000.0 / STEP_MS : 0;
      long p99 = kept && latency[i].getTotalCount() > 0 ? latency[i].getValueAtPercentile(99) : 0;
      points.add(new Point(start, perSecond, p99));
    }
    return points;
  }

  /** The slot of the step {@code now} falls in, emptied when it last held an older step. */
  private int step(long now) {
    long start = now - now % STEP_MS;
    int i = (int) ((start / STEP_MS) % STEPS);
    if (starts[i] != start) {
      starts[i] = start;
      orders[i] = 0;
      latency[i].reset();
    }
    return i;
  }
}
