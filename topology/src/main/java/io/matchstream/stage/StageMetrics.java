package io.matchstream.stage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the stages count for the app's {@code /metrics}: commands by type, rejections by reason,
 * orders and trades per symbol, dead letters, and the time from a command's record timestamp to
 * the events a stage made of it. Every record a stage forwards keeps its input's timestamp, so the
 * book stage's time is from the order's command to its fills, and the risk stage's on the
 * settlements topic from that command to its balances.
 */
public final class StageMetrics {
  /**
   * The latency histogram's buckets: the seed system's checklist asks for p50, p95 and p99 under
   * 30 ms, and Prometheus estimates quantiles from buckets, so they are dense around that.
   */
  private static final Duration[] BUCKETS = millis(1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 75, 100, 200, 500, 1000, 5000);

  /**
   * The longest time recorded: a file's commands carry the timestamps they were recorded with,
   * years back, whose sum would overflow the histogram's (nanoseconds in a long) in a few thousand.
   */
  private static final long LONGEST_MS = 3_600_000;

  private final MeterRegistry registry;

  public StageMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Counts nothing: for the replay and the test driver. */
  public static StageMetrics none() {
    return new StageMetrics(new CompositeMeterRegistry());
  }

  Tally tally(String stage, String task) {
    return new Tally(stage, task);
  }

  private static Duration[] millis(long... values) {
    Duration[] durations = new Duration[values.length];
    for (int i = 0; i < values.length; i++) {
      durations[i] = Duration.ofMillis(values[i]);
    }
    return durations;
  }

  /**
   * One processor's counts (a processor runs on one thread). An input's counts wait until it
   * applied: an input whose transaction aborts is counted when it applies again, not twice.
   */
  final class Tally {
    private final String stage;
    private final String task;
    private final Map<String, Counter> commands = new HashMap<>();
    private final Map<String, Counter> rejections = new HashMap<>();
    private final Map<String, Counter> orders = new HashMap<>();
    private final Map<String, Counter> trades = new HashMap<>();
    private final Map<String, Timer> latency = new HashMap<>();
    private final Counter deadLetters;
    private final List<Counter> pending = new ArrayList<>();

    private Tally(String stage, String task) {
      this.stage = stage;
      this.task = task;
      this.deadLetters = Counter.builder("matchstream.dead.letters").description("inputs sent to the dead letters")
          .tag("stage", stage).register(registry);
    }

    void command(String type) {
      pending.add(commands.computeIfAbsent(type, t -> Counter.builder("matchstream.commands")
          .description("inputs a stage applied, by type").tags("stage", stage, "task", task, "type", t)
          .register(registry)));
    }

    void rejected(String reason) {
      pending.add(rejections.computeIfAbsent(reason, r -> Counter.builder("matchstream.rejections")
          .description("commands refused, by reason").tags("stage", stage, "reason", r).register(registry)));
    }

    void order(String symbol) {
      pending.add(orders.computeIfAbsent(symbol, s -> Counter.builder("matchstream.orders")
          .description("orders that reached the book").tag("symbol", s).register(registry)));
    }

    void trade(String symbol) {
      pending.add(trades.computeIfAbsent(symbol, s -> Counter.builder("matchstream.trades")
          .description("trades made").tag("symbol", s).register(registry)));
    }

    void deadLetter() {
      pending.add(deadLetters);
    }

    /** The input read from {@code topic} with {@code recordTimestamp} applied: its counts count. */
    void applied(String topic, long recordTimestamp) {
      for (int i = 0; i < pending.size(); i++) {
        pending.get(i).increment();
      }
      pending.clear();
      latency.computeIfAbsent(topic, t -> Timer.builder("matchstream.stage.latency")
              .description("from a command's record timestamp to the events a stage made of it")
              .tags("stage", stage, "task", task, "topic", t).serviceLevelObjectives(BUCKETS).register(registry))
          .record(Math.min(Math.max(0, System.currentTimeMillis() - recordTimestamp), LONGEST_MS), TimeUnit.MILLISECONDS);
    }

    void discard() {
      pending.clear();
    }
  }
}
