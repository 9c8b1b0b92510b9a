package io.matchstream.stage;

import io.matchstream.engine.Commands;
import io.matchstream.engine.Events.Rejection;
import io.matchstream.engine.ReferenceBook;
import io.matchstream.schema.AssetDefinition;
import io.matchstream.schema.ReferenceCommand;
import io.matchstream.schema.SymbolDefinition;
import io.matchstream.serde.AvroBinarySerde;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Reference stage (one partition, so definitions apply in order): validates assets and symbols and
 * publishes the accepted ones to the compacted reference-data topic every task reads globally. Its
 * store is the log of accepted definitions, replayed on start, so the rules see the same history
 * (a symbol's finest tick and lot ever) after a restart as before it.
 */
public final class ReferenceProcessor extends GuardedProcessor {
  private static final AvroBinarySerde<ReferenceCommand> STORED = new AvroBinarySerde<>(ReferenceCommand.class);

  private final Deserializer<ReferenceCommand> commands;
  private KeyValueStore<String, byte[]> definitions;
  private ReferenceBook book;
  private StageOutput out;
  private long accepted;

  public ReferenceProcessor(Deserializer<ReferenceCommand> commands, StageSettings settings) {
    super("reference", StoreNames.REFERENCE_PARKED, settings);
    this.commands = commands;
  }

  @Override
  void start() {
    this.definitions = context.getStateStore(StoreNames.REFERENCE_DEFINITIONS);
    this.out = new StageOutput(context, faults, hops, tally, settings.riskPartitions());
    this.book = new ReferenceBook();
    this.accepted = 0;
    try (KeyValueIterator<String, byte[]> all = definitions.all()) {
      while (all.hasNext()) {
        KeyValue<String, byte[]> entry = all.next();
        apply(AvroMapping.command(STORED.fromBytes(entry.value).getBody()));
        accepted++;
      }
    }
  }

  private Rejection apply(Commands.EngineCommand command) {
    if (command instanceof Commands.AssetCommand asset) {
      return book.apply(asset);
    } else if (command instanceof Commands.SymbolCommand symbol) {
      return book.apply(symbol);
    }
    return Rejection.malformed(((Commands.Malformed) command).command());
  }

  @Override
  void discard() {
    // the task starts again and replays its definitions from the store
  }

  @Override
  void apply(Input input) {
    ReferenceCommand command = DeadLetters.decode(context, input, commands, tally);
    if (command == null) {
      return;
    }
    tally.command(command.getBody() instanceof AssetDefinition ? "asset" : "symbol");
    out.begin(input.timestamp(), null);
    Rejection rejection = apply(AvroMapping.command(command.getBody()));
    if (rejection != null) {
      out.reject(rejection);
      return;
    }
    String key;
    if (command.getBody() instanceof AssetDefinition a) {
      key = StoreKeys.asset(a.getAsset());
    } else {
      SymbolDefinition symbol = (SymbolDefinition) command.getBody();
      key = StoreKeys.symbol(symbol.getSymbol());
      // the definition's place in the log: what the risk stage passes on with each order it accepts
      symbol.setVersion(accepted + 1);
    }
    definitions.put(String.format("%019d", ++accepted), STORED.toBytes(command));
    out.forward(Outputs.REFERENCE_DATA, key, command);
  }
}
