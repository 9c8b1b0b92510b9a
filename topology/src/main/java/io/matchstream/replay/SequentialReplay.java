package io.matchstream.replay;

import io.matchstream.codec.JsonCodec;
import io.matchstream.engine.Events;
import io.matchstream.engine.Exchange;
import io.matchstream.schema.Command;
import io.matchstream.schema.ReferenceCommand;
import io.matchstream.stage.AvroMapping;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * The engine alone over command lines, both stages called directly: the sequential reference the
 * topology's replay must equal byte for byte, without Kafka in the way.
 */
public final class SequentialReplay implements CommandReplay {
  private final JsonCodec codec = new JsonCodec();
  private final Exchange exchange = new Exchange();
  private final Collector events = new Collector();

  @Override
  public void apply(String line, Writer out) throws IOException {
    SpecificRecord decoded = codec.readCommand(line);
    Object body = decoded instanceof Command c ? c.getBody() : ((ReferenceCommand) decoded).getBody();
    exchange.apply(AvroMapping.command(body), events);
    for (List<SpecificRecord> group : events.groups) {
      for (SpecificRecord event : group) {
        codec.write(event, out);
        out.write('\n');
      }
      group.clear();
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
