package io.matchstream.benchmarks;

import io.matchstream.codec.JsonCodec;
import io.matchstream.engine.Commands.EngineCommand;
import io.matchstream.engine.Events;
import io.matchstream.engine.Exchange;
import io.matchstream.schema.Command;
import io.matchstream.schema.ReferenceCommand;
import io.matchstream.stage.AvroMapping;
import io.matchstream.testdata.CommandGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The engine (risk checks, locking, matching, settlement, events) on one thread over the
 * generator's mix: about 60% passive limit places, 25% cancels, 10% marketable orders and 5%
 * transfers and halts. Each invocation measures the same 200,000 commands on a new exchange
 * prepared outside the measurement: with {@code state=fresh} only the reference data and deposits
 * are in place (every table grows from empty while measured); with {@code state=warm} the 200,000
 * commands before them have run too, as on an exchange that has been trading for a while.
 * {@code workload=advanced} mixes in SPEC-ADVANCED's orders: 10% stops (some firing, in cascades),
 * 10% icebergs, amends and cancel-alls ({@link CommandGenerator#advanced}); {@code core} is the
 * mix above.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EngineBenchmark {
  static final int COMMANDS = 200_000;
  static final int SYMBOLS = 4;
  static final int USERS = 200;

  @Param({"fresh", "warm"})
  public String state;

  @Param({"core", "advanced"})
  public String workload;

  private List<EngineCommand> preamble;
  private List<EngineCommand> commands;
  private Exchange exchange;
  private CountingSink sink;

  @Setup(Level.Trial)
  public void generate() {
    JsonCodec codec = new JsonCodec();
    List<EngineCommand> all = new ArrayList<>();
    CommandGenerator generator = "advanced".equals(workload)
        ? CommandGenerator.advanced(42, 2L * COMMANDS, SYMBOLS, USERS, false)
        : CommandGenerator.of(42, 2L * COMMANDS, SYMBOLS, USERS, false);
    for (String line : generator.lines()) {
      SpecificRecord decoded = codec.readCommand(line);
      Object body = decoded instanceof Command c ? c.getBody() : ((ReferenceCommand) decoded).getBody();
      all.add(AvroMapping.command(body));
    }
    int measured = all.size() - COMMANDS;
    int setup = measured - COMMANDS;
    preamble = List.copyOf(all.subList(0, "warm".equals(state) ? measured : setup));
    commands = List.copyOf(all.subList(measured, all.size()));
  }

  @Setup(Level.Invocation)
  public void freshExchange(Blackhole blackhole) {
    exchange = new Exchange();
    sink = new CountingSink(blackhole);
    for (EngineCommand command : preamble) {
      exchange.apply(command, sink);
    }
  }

  @Benchmark
  @OperationsPerInvocation(COMMANDS)
  public long mixedWorkload() {
    for (EngineCommand command : commands) {
      exchange.apply(command, sink);
    }
    return sink.events;
  }

  /** Counts events and hands each to the blackhole, so none is optimized away. */
  static final class CountingSink implements Events.EventSink {
    private final Blackhole blackhole;
    long events;

    CountingSink(Blackhole blackhole) {
      this.blackhole = blackhole;
    }

    @Override
    public void trade(Events.TradeEvent event) {
      events++;
      blackhole.consume(event);
    }

    @Override
    public void order(Events.OrderUpdate event) {
      events++;
      blackhole.consume(event);
    }

    @Override
    public void delta(Events.LevelDelta event) {
      events++;
      blackhole.consume(event);
    }

    @Override
    public void balance(Events.BalanceUpdate event) {
      events++;
      blackhole.consume(event);
    }

    @Override
    public void reject(Events.Rejection event) {
      events++;
      blackhole.consume(event);
    }
  }
}
