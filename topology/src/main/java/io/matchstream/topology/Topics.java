package io.matchstream.topology;

import java.util.List;

/** Topic names: the inputs users produce to, the stages' internal hops, and the event feeds. */
public final class Topics {
  private Topics() {}

  /** User commands (deposit, withdraw, place, cancel), key userId. */
  public static final String COMMANDS = "commands";
  /** Reference data as sent (asset, symbol), one partition. */
  public static final String REFERENCE = "reference";
  /** Validated reference data, compacted, read by every task as a global store. */
  public static final String REFERENCE_DATA = "reference-data";
  /** Orders and cancels the risk stage passed to the book, key symbol. */
  public static final String ACCEPTED = "accepted";
  /** What the book did to each user's orders, key userId. */
  public static final String SETTLEMENTS = "settlements";
  public static final String TRADES = "trades";
  public static final String ORDER_EVENTS = "order-events";
  public static final String BOOK_DELTAS = "book-deltas";
  public static final String BALANCES = "balances";
  public static final String REJECTS = "rejects";
  public static final String DEAD_LETTERS = "dead-letters";

  /** The event feeds, in the order SPEC gives the events of one command. */
  public static final List<String> EVENTS = List.of(TRADES, ORDER_EVENTS, BOOK_DELTAS, BALANCES, REJECTS);
}
