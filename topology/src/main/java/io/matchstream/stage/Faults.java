package io.matchstream.stage;

import java.util.SplittableRandom;

/**
 * Test-only fault injection ({@code app.test.fault.probability}, 0 and so off by default): throws at
 * the stages' store writes and forwards, which is where a half-applied command would show. It
 * fails an input only on its first attempt, so a retried input goes through: the run tests
 * recovery, not halting.
 */
public final class Faults {
  /** Thrown where a fault was injected. */
  public static final class InjectedFault extends RuntimeException {
    InjectedFault(String where) {
      super("injected fault at " + where);
    }
  }

  private final double probability;
  private final SplittableRandom random;
  private boolean armed;

  public Faults(double probability, long seed) {
    this.probability = probability;
    this.random = new SplittableRandom(seed);
  }

  static Faults none() {
    return new Faults(0, 0);
  }

  void arm(boolean firstAttempt) {
    armed = probability > 0 && firstAttempt;
  }

  void point(String where) {
    point(where, "");
  }

  /** A point named {@code where + detail}, joined only when it throws: forwards pass here on every record. */
  void point(String where, String detail) {
    if (armed && random.nextDouble() < probability) {
      armed = false;
      throw new InjectedFault(where + detail);
    }
  }
}
