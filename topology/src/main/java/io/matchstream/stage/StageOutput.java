package io.matchstream.stage;

import io.matchstream.engine.BookOutput;
import io.matchstream.engine.Commands;
import io.matchstream.engine.Events;
import io.matchstream.engine.Market;
import io.matchstream.engine.Reasons;
import io.matchstream.engine.Settlement;
import io.matchstream.engine.Status;
import io.matchstream.schema.BookDelta;
import io.matchstream.schema.Settlements;
import io.matchstream.topology.Topics;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Forwards the engine's events to their topics, keyed so one symbol's (trades, deltas) or one
 * user's (orders, balances, rejects) events stay in one partition, in order.
 */
class StageOutput implements BookOutput {
  private static final byte[] TRUE = "true".getBytes(StandardCharsets.UTF_8);
  private final ProcessorContext<String, SpecificRecord> context;
  private final Faults faults;
  private final HopTrace hops;
  private final StageMetrics.Tally tally;
  private final int riskPartitions;
  /** The command's settlements by risk partition, sent when it completes. */
  private final TreeMap<Integer, List<io.matchstream.schema.Settlement>> settlements = new TreeMap<>();
  private long timestamp;
  private Market market;
  /** The deposit or withdrawal being applied, if the command is one. */
  private Commands.Transfer transfer;

  StageOutput(ProcessorContext<String, SpecificRecord> context, Faults faults, HopTrace hops, StageMetrics.Tally tally,
      int riskPartitions) {
    this.context = context;
    this.faults = faults;
    this.hops = hops;
    this.tally = tally;
    this.riskPartitions = riskPartitions;
  }

  /** Starts a command: its outputs carry the input's timestamp; settlements convert with its market. */
  void begin(long timestamp, Market market) {
    this.timestamp = timestamp;
    this.market = market;
    this.transfer = null;
    settlements.clear();
  }

  /** The command being applied is this deposit or withdrawal: its balance event says so (a header). */
  void transferring(Commands.Transfer transfer) {
    this.transfer = transfer;
  }

  /**
   * Completes a command: its settlements go out, one record per risk partition, to that partition
   * (with the users in the order the book met them: the risk stage publishes balances in it).
   */
  void end() {
    for (var partition : settlements.entrySet()) {
      List<io.matchstream.schema.Settlement> users = partition.getValue();
      forward(Outputs.SETTLEMENTS, users.get(0).getUserId(),
          new Settlements(partition.getKey(), riskPartitions, users));
    }
    settlements.clear();
  }

  /** The partition a user's commands and settlements go to, as Kafka's producer picks it for the key. */
  static int riskPartition(String userId, int partitions) {
    return BuiltInPartitioner.partitionForKey(userId.getBytes(StandardCharsets.UTF_8), partitions);
  }

  void forward(String sink, String key, SpecificRecord value) {
    send(new Record<>(key, value, timestamp), sink);
  }

  private void send(Record<String, SpecificRecord> record, String sink) {
    hops.copyTo(record.headers());
    context.forward(record, sink);
    faults.point("a forward to ", sink);
  }

  @Override
  public void trade(Events.TradeEvent event) {
    tally.trade(event.symbol());
    forward(Outputs.TRADES, event.symbol(), AvroMapping.trade(event));
  }

  @Override
  public void order(Events.OrderUpdate event) {
    if (event.status() == Status.REJECTED) {
      tally.rejected(event.reason());
    }
    Record<String, SpecificRecord> record = new Record<>(event.userId(), AvroMapping.order(event), timestamp);
    if (Reasons.DUPLICATE_ORDER_ID.equals(event.reason())) {
      // the order that owns this id is untouched: the header lets a reader that keeps one row per
      // order (the orders table's sink, through a header predicate) pass this event by
      record.headers().add(Topics.DUPLICATE_ORDER_ID_HEADER, TRUE);
    }
    send(record, Outputs.ORDER_EVENTS);
  }

  @Override
  public void delta(Events.LevelDelta event) {
    BookDelta delta = AvroMapping.delta(event);
    forward(Outputs.BOOK_DELTAS, event.symbol(), delta);
  }

  @Override
  public void balance(Events.BalanceUpdate event) {
    Record<String, SpecificRecord> record = new Record<>(event.userId(), AvroMapping.balance(event), timestamp);
    if (transfer != null && transfer.userId().equals(event.userId()) && transfer.asset().equals(event.asset())) {
      BigDecimal moved = AvroMapping.decimal(transfer.amount().unscaled(), transfer.amount().scale());
      String amount = (transfer.deposit() ? "" : "-") + moved.stripTrailingZeros().toPlainString();
      record.headers().add(Topics.TRANSFER_HEADER, amount.getBytes(StandardCharsets.UTF_8));
    }
    send(record, Outputs.BALANCES);
  }

  @Override
  public void reject(Events.Rejection event) {
    tally.rejected(event.reason());
    String key = event.userId() != null ? event.userId() : event.symbol() != null ? event.symbol() : event.asset();
    forward(Outputs.REJECTS, key, AvroMapping.reject(event));
  }

  @Override
  public void settlement(Settlement settlement) {
    settlements.computeIfAbsent(riskPartition(settlement.userId(), riskPartitions), p -> new ArrayList<>(2))
        .add(AvroMapping.settlement(settlement, market));
  }
}
