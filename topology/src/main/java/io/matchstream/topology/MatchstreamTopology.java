package io.matchstream.topology;

import io.matchstream.schema.BalanceEvent;
import io.matchstream.schema.BookCommand;
import io.matchstream.schema.BookDelta;
import io.matchstream.schema.Command;
import io.matchstream.schema.DeadLetter;
import io.matchstream.schema.OrderEvent;
import io.matchstream.schema.ReferenceCommand;
import io.matchstream.schema.RejectEvent;
import io.matchstream.schema.Settlements;
import io.matchstream.schema.Trade;
import io.matchstream.schema.state.AccountState;
import io.matchstream.schema.state.BookMetaState;
import io.matchstream.schema.state.OrderLockState;
import io.matchstream.schema.state.ParkedInput;
import io.matchstream.schema.state.RestingOrderState;
import io.matchstream.schema.state.WaitingStopState;
import io.matchstream.serde.AvroBinarySerde;
import io.matchstream.stage.BookProcessor;
import io.matchstream.stage.Outputs;
import io.matchstream.stage.ReferenceDataLoader;
import io.matchstream.stage.ReferenceProcessor;
import io.matchstream.stage.RiskProcessor;
import io.matchstream.stage.StageSettings;
import io.matchstream.stage.StoreNames;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * The whole topology in one place:
 * <pre>
 * reference ─▶ reference stage ─▶ reference-data ─▶ (global store, read by every task)
 * commands ──▶ risk stage ─▶ accepted ─▶ book stage ─▶ trades, order-events, book-deltas
 *                 ▲                          │
 *                 └──────── settlements ◀────┘     risk stage ─▶ balances, order-events, rejects
 * trades ──▶ windowed aggregations (1s, 1m, 1h, 1d) ─▶ klines
 * </pre>
 * Sources read bytes and the processors decode them, so an undecodable input from outside goes to
 * the dead-letter topic instead of stopping the stage.
 */
public final class MatchstreamTopology {
  private static final String REFERENCE_STAGE = "reference-stage";
  private static final String RISK_STAGE = "risk-stage";
  private static final String BOOK_STAGE = "book-stage";

  private MatchstreamTopology() {}

  public static Topology build(RecordSerdes serdes, StoreOptions stores) {
    return build(serdes, stores, StageSettings.defaults());
  }

  public static Topology build(RecordSerdes serdes, StoreOptions stores, StageSettings settings) {
    Deserializer<String> keys = Serdes.String().deserializer();
    Deserializer<byte[]> bytes = Serdes.ByteArray().deserializer();
    // the stages' nodes first: sub-topologies are numbered in the order their first nodes were added,
    // and the stages' tasks keep the ids (0_p) their state directories have had since before the candles
    DslAfterStages builder = new DslAfterStages();
    Topology topology = builder.topology();

    topology.addSource("reference-in", keys, bytes, Topics.REFERENCE);
    topology.addProcessor(REFERENCE_STAGE,
        () -> new ReferenceProcessor(serdes.serde(ReferenceCommand.class).deserializer(), settings), "reference-in");
    topology.addStateStore(stores.keyValue(StoreNames.REFERENCE_DEFINITIONS, Serdes.String(), Serdes.ByteArray()),
        REFERENCE_STAGE);
    parkedInputs(topology, stores, StoreNames.REFERENCE_PARKED, REFERENCE_STAGE);

    topology.addGlobalStore(
        // a global store restores from its own topic: it never has a changelog
        stores.withoutChangelog().keyValue(StoreNames.REFERENCE_DATA, Serdes.String(), Serdes.ByteArray()),
        "reference-data-in", keys, bytes, Topics.REFERENCE_DATA, "reference-data-loader",
        () -> new ReferenceDataLoader(serdes.serde(ReferenceCommand.class).deserializer()));

    // one source node for both: the risk stage's sub-topology and its task ids stay what they were
    topology.addSource("commands-in", keys, bytes, Topics.COMMANDS, Topics.TRANSFERS);
    topology.addSource("settlements-in", keys, bytes, Topics.SETTLEMENTS);
    topology.addProcessor(RISK_STAGE, () -> new RiskProcessor(serdes.serde(Command.class).deserializer(),
        serdes.serde(Settlements.class).deserializer(), Topics.SETTLEMENTS, settings), "commands-in", "settlements-in");
    topology.addStateStore(stores.keyValue(StoreNames.ACCOUNTS, Serdes.String(), stateSerde(AccountState.class)),
        RISK_STAGE);
    topology.addStateStore(stores.keyValue(StoreNames.USER_IDS, Serdes.String(), stateSerde(OrderLockState.class)),
        RISK_STAGE);
    parkedInputs(topology, stores, StoreNames.RISK_PARKED, RISK_STAGE);

    topology.addSource("accepted-in", keys, bytes, Topics.ACCEPTED);
    topology.addProcessor(BOOK_STAGE,
        () -> new BookProcessor(serdes.serde(BookCommand.class).deserializer(), settings), "accepted-in");
    topology.addStateStore(stores.keyValue(StoreNames.BOOK, Serdes.Bytes(), stateSerde(RestingOrderState.class)),
        BOOK_STAGE);
    topology.addStateStore(stores.keyValue(StoreNames.BOOK_META, Serdes.String(), stateSerde(BookMetaState.class)),
        BOOK_STAGE);
    topology.addStateStore(
        stores.keyValue(StoreNames.WAITING_STOPS, Serdes.Bytes(), stateSerde(WaitingStopState.class)), BOOK_STAGE);
    parkedInputs(topology, stores, StoreNames.BOOK_PARKED, BOOK_STAGE);

    sink(topology, serdes, Outputs.REFERENCE_DATA, Topics.REFERENCE_DATA, ReferenceCommand.class, REFERENCE_STAGE);
    sink(topology, serdes, Outputs.ACCEPTED, Topics.ACCEPTED, BookCommand.class, RISK_STAGE);
    sink(topology, serdes, Outputs.SETTLEMENTS, Topics.SETTLEMENTS, Settlements.class,
        MatchstreamTopology::riskPartition, BOOK_STAGE);
    sink(topology, serdes, Outputs.TRADES, Topics.TRADES, Trade.class, BOOK_STAGE);
    sink(topology, serdes, Outputs.ORDER_EVENTS, Topics.ORDER_EVENTS, OrderEvent.class, RISK_STAGE, BOOK_STAGE);
    sink(topology, serdes, Outputs.BOOK_DELTAS, Topics.BOOK_DELTAS, BookDelta.class, BOOK_STAGE);
    sink(topology, serdes, Outputs.BALANCES, Topics.BALANCES, BalanceEvent.class, RISK_STAGE);
    sink(topology, serdes, Outputs.REJECTS, Topics.REJECTS, RejectEvent.class,
        REFERENCE_STAGE, RISK_STAGE, BOOK_STAGE);
    sink(topology, serdes, Outputs.DEAD_LETTERS, Topics.DEAD_LETTERS, DeadLetter.class,
        REFERENCE_STAGE, RISK_STAGE, BOOK_STAGE);

    KlineTopology.add(builder, serdes, stores);
    return builder.build();  // the same Topology, the DSL's nodes added after the stages'
  }

  /** A StreamsBuilder whose Topology takes Processor API nodes before the DSL's are built into it. */
  private static final class DslAfterStages extends StreamsBuilder {
    Topology topology() {
      return topology;
    }
  }

  /** Where a halted stage keeps its inputs until a restart applies them (see {@code GuardedProcessor}). */
  private static void parkedInputs(Topology topology, StoreOptions stores, String name, String stage) {
    topology.addStateStore(stores.keyValue(name, Serdes.Long(), stateSerde(ParkedInput.class)), stage);
  }

  @SuppressWarnings("unchecked")
  private static <T extends SpecificRecord> void sink(
      Topology topology, RecordSerdes serdes, String name, String topic, Class<T> type, String... parents) {
    sink(topology, serdes, name, topic, type, null, parents);
  }

  /** A sink that places records with {@code partitioner}; null places them by key, as the producer does. */
  private static <T extends SpecificRecord> void sink(Topology topology, RecordSerdes serdes, String name,
      String topic, Class<T> type, StreamPartitioner<String, SpecificRecord> partitioner, String... parents) {
    Serializer<SpecificRecord> values = (Serializer<SpecificRecord>) serdes.serde(type).serializer();
    topology.addSink(name, topic, Serdes.String().serializer(), values, partitioner, parents);
  }

  /**
   * A command's settlements for one risk partition go to that partition. A topic whose count is not
   * the one the book stage worked them out for would hand users to tasks that do not own them:
   * the book stage halts instead.
   */
  private static Optional<Set<Integer>> riskPartition(String topic, String key, SpecificRecord value, int count) {
    Settlements batch = (Settlements) value;
    if (batch.getPartitions() != count) {
      throw new IllegalStateException(topic + " has " + count + " partitions, but the book stage worked out its "
          + "settlements for " + batch.getPartitions());
    }
    return Optional.of(Set.of(batch.getPartition()));
  }

  private static <T extends SpecificRecord> Serde<T> stateSerde(Class<T> type) {
    return new AvroBinarySerde<>(type);
  }
}
