package io.matchstream.loadgen;

import io.matchstream.client.CommandProducer;
import io.matchstream.schema.Command;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * One steady-rate run: command i is due at start + i/rate; a late sender catches up at once, and
 * latency counts from the due time, so a stall shows in the figures instead of hiding
 * (no coordinated omission).
 */
final class LoadRun {
  record Result(double targetRate, double seconds, long commands, long orders, long answered, long unanswered,
      Histogram latency) {
    double sentRate() {
      return commands / seconds;
    }

    double answeredRate() {
      return answered / seconds;
    }

    double p99Millis() {
      return latency.getValueAtPercentile(99) / 1e6;
    }

    String describe() {
      return String.format("target %,.0f/s for %.0f s: sent %,d commands (%,.0f/s), %,d orders; answered %,d orders "
          + "(%,.0f/s), unanswered %,d; latency ms p50 %.2f p99 %.2f p99.9 %.2f max %.2f", targetRate, seconds, commands,
          sentRate(), orders, answered, answeredRate(), unanswered, millis(50), millis(99), millis(99.9),
          latency.getMaxValue() / 1e6);
    }

    private double millis(double percentile) {
      return latency.getValueAtPercentile(percentile) / 1e6;
    }
  }

  private LoadRun() {}

  static Result run(CommandProducer producer, LatencyProbe probe, OrderFlow flow, double rate, double seconds,
      long drainMillis) throws Exception {
    probe.interval();
    long answeredBefore = probe.answered();
    long period = (long) (1e9 / rate);
    long total = (long) (rate * seconds);
    long start = System.nanoTime();
    long orders = 0;
    for (long i = 0; i < total; i++) {
      long due = start + i * period;
      long wait = due - System.nanoTime();
      if (wait > 20_000) {
        LockSupport.parkNanos(wait);
      }
      Command command = flow.next(System.currentTimeMillis());
      String orderId = flow.lastOrderId();
      if (orderId != null) {
        probe.expect(orderId, due);
        orders++;
      }
      producer.send(command, orderId != null && probe.tracing() ? LatencyProbe.traceNow() : null);
    }
    producer.flush();
    double elapsed = (System.nanoTime() - start) / 1e9;
    long drainUntil = System.currentTimeMillis() + drainMillis;
    while (probe.unanswered() > 0 && System.currentTimeMillis() < drainUntil) {
      Thread.sleep(20);
    }
    long unanswered = probe.unanswered();
    probe.forgetPending();
    return new Result(rate, Math.max(seconds, elapsed), total, orders, probe.answered() - answeredBefore, unanswered,
        probe.interval());
  }
}
