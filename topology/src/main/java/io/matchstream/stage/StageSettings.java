package io.matchstream.stage;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the stages take from the app besides serdes and stores: where failures are counted and
 * halts reported, how many accounts and locks the risk stage keeps as objects, the test-only
 * fault probability, the partition count of the risk stage's topics (the book stage sends a
 * command's settlements to each risk partition in one record), and where the stages' metrics go.
 */
public record StageSettings(Halts halts, int riskObjectLimit, double faultProbability, long faultSeed,
    int riskPartitions, StageMetrics metrics) {
  /** Tries before a task halts on an input. */
  public static final int ATTEMPTS = 3;
  public static final int RISK_OBJECT_LIMIT = 100_000;

  private static final AtomicLong SEEDS = new AtomicLong();

  /** One risk partition, as in the replay. */
  public StageSettings(Halts halts, int riskObjectLimit, double faultProbability, long faultSeed) {
    this(halts, riskObjectLimit, faultProbability, faultSeed, 1, StageMetrics.none());
  }

  public static StageSettings defaults() {
    return new StageSettings(new Halts(ATTEMPTS), RISK_OBJECT_LIMIT, 0, 0);
  }

  /** Each processor its own generator: processors run on different threads. */
  Faults faults() {
    return faultProbability <= 0 ? Faults.none() : new Faults(faultProbability, faultSeed + SEEDS.incrementAndGet());
  }
}
