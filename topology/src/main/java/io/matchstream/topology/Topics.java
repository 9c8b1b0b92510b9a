package io.matchstream.topology;

import io.matchstream.schema.BalanceEvent;
import io.matchstream.schema.BookCommand;
import io.matchstream.schema.BookDelta;
import io.matchstream.schema.CancelAllAfter;
import io.matchstream.schema.Command;
import io.matchstream.schema.DeadLetter;
import io.matchstream.schema.Kline;
import io.matchstream.schema.ListenKey;
import io.matchstream.schema.OrderEvent;
import io.matchstream.schema.ReferenceCommand;
import io.matchstream.schema.RejectEvent;
import io.matchstream.schema.Settlements;
import io.matchstream.schema.Trade;
import io.matchstream.schema.ViewSnapshotPart;
import java.util.List;

/** Topic names: the inputs users produce to, the stages' internal hops, and the event feeds. */
public final class Topics {
  private Topics() {}

  /** User commands (place, cancel, amend, cancelAll), key userId. */
  public static final String COMMANDS = "commands";
  /**
   * Deposits and withdrawals, key userId: the one topic the risk stage takes them from, so that
   * the broker's ACLs can keep moving money to the admin principal while the gateway writes orders.
   */
  public static final String TRANSFERS = "transfers";
  /** Reference data as sent (asset, symbol), one partition. */
  public static final String REFERENCE = "reference";
  /** Validated reference data, compacted, read by every task as a global store. */
  public static final String REFERENCE_DATA = "reference-data";
  /** Orders, cancels, amends and cancel-alls the risk stage passed to the book, key symbol. */
  public static final String ACCEPTED = "accepted";
  /** What the book did to each user's orders, key userId. */
  public static final String SETTLEMENTS = "settlements";
  public static final String TRADES = "trades";
  public static final String ORDER_EVENTS = "order-events";
  public static final String BOOK_DELTAS = "book-deltas";
  public static final String BALANCES = "balances";
  public static final String REJECTS = "rejects";
  /** Candles, compacted, key symbol:interval:openTime, partitioned by symbol (see {@link KlineTopology}). */
  public static final String KLINES = "klines";
  public static final String DEAD_LETTERS = "dead-letters";
  /**
   * The gateway's dead-man's switches, compacted, key userId: armed on any gateway instance, fired
   * by the one whose consumer-group share holds the user's partition.
   */
  public static final String CANCEL_ALL_AFTER = "cancel-all-after";
  /**
   * The gateway's Binance listen keys, compacted, key the listen key (a tombstone once closed): made
   * or kept alive on any gateway instance, read whole by every one. One partition: it is small.
   */
  public static final String LISTEN_KEYS = "listen-keys";

  /**
   * The gateway's snapshots of its view, compacted, one partition: a starting gateway loads the
   * latest and reads the event topics on from its positions, not from their beginning.
   */
  public static final String GATEWAY_SNAPSHOTS = "gateway-snapshots";

  /**
   * A header on the REJECTED order event of a place that reused an order id: the order that owns
   * the id is unchanged, so a table of orders by id must not take this event.
   */
  public static final String DUPLICATE_ORDER_ID_HEADER = "matchstream.duplicate-order-id";

  /**
   * A header on the balance event a deposit or withdrawal changed: the amount it moved, signed
   * ({@code "100"}, {@code "-5"}), so that a reader can tell the user of a transfer (Binance's
   * {@code balanceUpdate}) without SPEC's balance event changing.
   */
  public static final String TRANSFER_HEADER = "matchstream.transfer";

  /**
   * Per-hop timing, set by the load generator on the commands it traces: wall-clock microseconds
   * of the send and of each stage that processed it (8 bytes each), carried onto what it causes.
   */
  public static final String TRACE_HEADER = "matchstream.trace";

  /** The clock of {@link #TRACE_HEADER}: wall-clock microseconds, comparable across processes on one machine. */
  public static long traceMicros() {
    java.time.Instant now = java.time.Instant.now();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
  }

  /** The event feeds, in the order SPEC gives the events of one command. */
  public static final List<String> EVENTS = List.of(TRADES, ORDER_EVENTS, BOOK_DELTAS, BALANCES, REJECTS);

  /**
   * Every topic the app and the gateway read or write (the stores' changelogs aside, which Kafka
   * Streams creates).
   */
  public static final List<TopicSpec> CATALOG = List.of(
      new TopicSpec(COMMANDS, Command.class, false, false),
      new TopicSpec(TRANSFERS, Command.class, false, false),
      new TopicSpec(REFERENCE, ReferenceCommand.class, true, false),
      new TopicSpec(REFERENCE_DATA, ReferenceCommand.class, true, true),
      new TopicSpec(ACCEPTED, BookCommand.class, false, false),
      new TopicSpec(SETTLEMENTS, Settlements.class, false, false),
      new TopicSpec(TRADES, Trade.class, false, false),
      new TopicSpec(ORDER_EVENTS, OrderEvent.class, false, false),
      new TopicSpec(BOOK_DELTAS, BookDelta.class, false, false),
      new TopicSpec(BALANCES, BalanceEvent.class, false, false),
      new TopicSpec(REJECTS, RejectEvent.class, false, false),
      new TopicSpec(DEAD_LETTERS, DeadLetter.class, false, false),
      new TopicSpec(KLINES, Kline.class, false, true),
      new TopicSpec(CANCEL_ALL_AFTER, CancelAllAfter.class, false, true),
      new TopicSpec(LISTEN_KEYS, ListenKey.class, true, true),
      new TopicSpec(GATEWAY_SNAPSHOTS, ViewSnapshotPart.class, true, true));

  public static TopicSpec spec(String name) {
    return CATALOG.stream().filter(t -> t.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no topic " + name + "; the topics are "
            + CATALOG.stream().map(TopicSpec::name).toList()));
  }
}
