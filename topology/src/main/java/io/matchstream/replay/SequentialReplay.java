package io.matchstream.replay;

import io.matchstream.codec.JsonCodec;
import io.matchstream.codec.JsonLineWriter;
import io.matchstream.engine.Commands;
import io.matchstream.engine.Events;
import io.matchstream.engine.Exchange;
import io.matchstream.schema.Command;
import io.matchstream.schema.ReferenceCommand;
import io.matchstream.stage.AvroMapping;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;

/**
 * The engine alone over command lines, both stages called directly: the sequential reference the
 * topology's replay must equal byte for byte, without Kafka in the way.
 */
public final class SequentialReplay implements CommandReplay {
  private static final int BATCH = 1024;
  /** Follows the last batch (compared by identity: a batch is never this list). */
  private static final List<Commands.EngineCommand> END = List.of();

  private final JsonCodec codec = new JsonCodec();
  private final Exchange exchange = new Exchange();
  private final Collector events = new Collector();
  private JsonLineWriter lines;

  @Override
  public void apply(String line, Writer out) throws IOException {
    lines = JsonLineWriter.to(lines, codec, out);
    apply(decode(codec, line));
    lines.flush();
  }

  private static Commands.EngineCommand decode(JsonCodec codec, String line) {
    SpecificRecord decoded = codec.readCommand(line);
    return AvroMapping.command(decoded instanceof Command c ? c.getBody() : ((ReferenceCommand) decoded).getBody());
  }

  private void apply(Commands.EngineCommand command) {
    exchange.apply(command, events);
    for (List<SpecificRecord> group : events.groups) {
      for (SpecificRecord event : group) {
        lines.write(event);
      }
      group.clear();
    }
  }

  /**
   * Decoding a line costs about as much as applying it and writing its events: a second thread
   * decodes ahead, in batches, while this one applies them in the file's order.
   */
  @Override
  public long run(Lines in, Writer out) throws IOException {
    lines = JsonLineWriter.to(lines, codec, out);
    BlockingQueue<List<Commands.EngineCommand>> decoded = new ArrayBlockingQueue<>(16);
    ExecutorService decoder = Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(task, "replay-decoder");
      thread.setDaemon(true);
      return thread;
    });
    try {
      Future<Void> decoding = decoder.submit(() -> {
        JsonCodec own = new JsonCodec();
        List<Commands.EngineCommand> batch = new ArrayList<>(BATCH);
        for (String line = in.next(); line != null; line = in.next()) {
          batch.add(decode(own, line));
          if (batch.size() == BATCH) {
            decoded.put(batch);
            batch = new ArrayList<>(BATCH);
          }
        }
        decoded.put(batch);
        decoded.put(END);
        return null;
      });
      long count = 0;
      for (List<Commands.EngineCommand> batch = next(decoded, decoding); batch != END;
          batch = next(decoded, decoding)) {
        for (Commands.EngineCommand command : batch) {
          apply(command);
        }
        count += batch.size();
        lines.flush();
      }
      out.flush();
      return count;
    } finally {
      decoder.shutdownNow();
    }
  }

  /** The next batch; rethrows what stopped the decoder. */
  private static List<Commands.EngineCommand> next(
      BlockingQueue<List<Commands.EngineCommand>> decoded, Future<Void> decoding) throws IOException {
    try {
      while (true) {
        List<Commands.EngineCommand> batch = decoded.poll(100, TimeUnit.MILLISECONDS);
        if (batch != null) {
          return batch;
        }
        if (decoding.isDone()) {
          decoding.get();
          return decoded.isEmpty() ? END : decoded.poll();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while replaying", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException("decoding the commands failed", e.getCause());
    }
  }

  public Exchange exchange() {
    return exchange;
  }

  /** Groups a command's events by type, in SPEC's order, as the topology's topics do. */
  private static final class Collector implements Events.EventSink {
    final List<SpecificRecord> trades = new ArrayList<>();
    final List<SpecificRecord> orders = new ArrayList<>();
    final List<SpecificRecord> deltas = new ArrayList<>();
    final List<SpecificRecord> balances = new ArrayList<>();
    final List<SpecificRecord> rejects = new ArrayList<>();
    final List<List<SpecificRecord>> groups = List.of(trades, orders, deltas, balances, rejects);

    @Override
    public void trade(Events.TradeEvent event) {
      trades.add(AvroMapping.trade(event));
    }

    @Override
    public void order(Events.OrderUpdate event) {
      orders.add(AvroMapping.order(event));
    }

    @Override
    public void delta(Events.LevelDelta event) {
      deltas.add(AvroMapping.delta(event));
    }

    @Override
    public void balance(Events.BalanceUpdate event) {
      balances.add(AvroMapping.balance(event));
    }

    @Override
    public void reject(Events.Rejection event) {
      rejects.add(AvroMapping.reject(event));
    }
  }
}
