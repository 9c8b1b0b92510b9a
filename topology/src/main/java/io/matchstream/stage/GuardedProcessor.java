package io.matchstream.stage;

import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.errors.TaskCorruptedException;
import org.apache.kafka.streams.errors.TaskMigratedException;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * What every stage does around an input. A failure is an internal error, never a dead letter:
 * the stage drops what the input changed in memory and rethrows, so the transaction aborts and
 * the task starts again from its stores (exactly-once makes that safe). An input that failed
 * {@link Halts}' number of times halts the task on it: it and everything after it are parked in
 * order and applied, from that input on, once a restart gets it through.
 */
abstract class GuardedProcessor implements Processor<String, byte[], String, SpecificRecord> {
  private static final Duration RETRY_PARKED = Duration.ofSeconds(1);
  private static final int DRAIN_BATCH = 1000;

  private final String name;
  private final String stage;
  private final String parkStore;
  protected final StageSettings settings;
  protected final Faults faults;
  protected ProcessorContext<String, SpecificRecord> context;
  private ParkedInputs parked;
  private String task;
  /** This task's counts; the stage adds to them while it applies an input. */
  protected StageMetrics.Tally tally;

  /** The trace of the input being applied, for the stage's outputs to carry on. */
  final HopTrace hops = new HopTrace();

  /** {@code stage}: its name in the metrics, "risk" say; the log says "risk stage". */
  GuardedProcessor(String stage, String parkStore, StageSettings settings) {
    this.name = stage;
    this.stage = stage + " stage";
    this.parkStore = parkStore;
    this.settings = settings;
    this.faults = settings.faults();
  }

  @Override
  public final void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.task = stage + " task " + context.taskId();
    this.tally = settings.metrics().tally(name, context.taskId().toString());
    start();
    this.parked = new ParkedInputs(context.getStateStore(parkStore));
    context.schedule(RETRY_PARKED, PunctuationType.WALL_CLOCK_TIME, now -> drain());
  }

  /** Loads the stage's state: runs whenever the task starts, a restart after a failure included. */
  abstract void start();

  /** Applies one input; throws on an internal error. */
  abstract void apply(Input input);

  /** Drops what a failed input left in memory, so nothing of it outlives the aborted transaction. */
  abstract void discard();

  @Override
  public final void process(Record<String, byte[]> record) {
    Input input = Input.of(context.recordMetadata().orElseThrow(), record);
    hops.begin(record.headers());
    try {
      if (!parked.isEmpty()) {
        parked.add(input);
        drain();
      } else if (!run(input)) {
        parked.add(input);
      }
    } finally {
      hops.end();
    }
  }

  /**
   * Applies parked inputs in order until one is halted on or none is left, a batch at a time: a
   * long halt's backlog in one transaction would outlast the transaction timeout and never commit.
   */
  private void drain() {
    for (int applied = 0; !parked.isEmpty(); applied++) {
      if (applied == DRAIN_BATCH || !run(parked.head())) {
        return;
      }
      parked.removeHead();
    }
    settings.halts().resumed(task);
  }

  /** Applies the input; false when it failed too often and the task halts on it. */
  private boolean run(Input input) {
    Halts halts = settings.halts();
    if (halts.exhausted(input)) {
      halts.halt(task, input);
      return false;
    }
    faults.arm(halts.attempts(input) == 0);
    try {
      apply(input);
    } catch (TaskMigratedException | TaskCorruptedException e) {
      // the task is moving or its state is being rebuilt: nothing says the input is at fault
      discard();
      tally.discard();
      throw e;
    } catch (RuntimeException e) {
      discard();
      tally.discard();
      halts.failed(stage, input, e);
      throw e;
    } finally {
      faults.arm(false);
    }
    tally.applied(input.topic(), input.timestamp());
    halts.succeeded(input);
    return true;
  }

  @Override
  public void close() {
    if (task != null) {
      settings.halts().resumed(task);
    }
  }
}
