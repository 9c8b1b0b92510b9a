package io.matchstream.stage;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An app instance's record of inputs that failed and of tasks halted on one. An input that throws
 * aborts its transaction and is tried again from the stores; after {@code maxAttempts} failures its
 * task halts on it: an exchange stops a partition rather than skip or guess. Shared by every task
 * of the instance, so it outlives the task instances a failure replaces.
 */
public final class Halts {
  private static final Logger LOG = LoggerFactory.getLogger(Halts.class);

  private record Failures(int count, String last) {}

  private final int maxAttempts;
  private final Map<String, Failures> failures = new ConcurrentHashMap<>();
  private final Map<String, String> halted = new ConcurrentSkipListMap<>();

  public Halts(int maxAttempts) {
    this.maxAttempts = maxAttempts;
  }

  int attempts(Input input) {
    if (failures.isEmpty()) {
      return 0;
    }
    Failures known = failures.get(input.position());
    return known == null ? 0 : known.count();
  }

  boolean exhausted(Input input) {
    return attempts(input) >= maxAttempts;
  }

  void failed(String stage, Input input, RuntimeException e) {
    Failures now = failures.merge(input.position(), new Failures(1, String.valueOf(e)),
        (before, next) -> new Failures(before.count() + 1, next.last()));
    LOG.error("{} failed on {} (attempt {} of {}); the transaction aborts and the task starts again from its stores",
        stage, input.position(), now.count(), maxAttempts, e);
  }

  void succeeded(Input input) {
    if (!failures.isEmpty()) {
      failures.remove(input.position());
    }
  }

  /** The task stops on {@code input}: nothing after it is applied until a restart gets it through. */
  void halt(String task, Input input) {
    Failures known = failures.get(input.position());
    String why = known == null ? "halted before this instance started" : known.last();
    String report = task + " stopped at " + input.position() + ": " + why;
    if (halted.put(task, report) == null) {
      LOG.error("HALTED {}; nothing after it is applied until the cause is fixed and the app restarted", report);
    }
  }

  void resumed(String task) {
    if (halted.remove(task) != null) {
      LOG.info("{} resumed", task);
    }
  }

  /** What is halted on this instance, a line per task; empty when nothing is. */
  public List<String> report() {
    return List.copyOf(halted.values());
  }
}
