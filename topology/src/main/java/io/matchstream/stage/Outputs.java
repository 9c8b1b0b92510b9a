package io.matchstream.stage;

/** Names of the sink nodes the stage processors forward to. */
public final class Outputs {
  private Outputs() {}

  public static final String TRADES = "trades-out";
  public static final String ORDER_EVENTS = "order-events-out";
  public static final String BOOK_DELTAS = "book-deltas-out";
  public static final String BALANCES = "balances-out";
  public static final String REJECTS = "rejects-out";
  public static final String ACCEPTED = "accepted-out";
  public static final String SETTLEMENTS = "settlements-out";
  public static final String REFERENCE_DATA = "reference-data-out";
  public static final String DEAD_LETTERS = "dead-letters-out";
}
