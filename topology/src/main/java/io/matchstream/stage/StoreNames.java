package io.matchstream.stage;

/** State store names (their changelog topics derive from them). */
public final class StoreNames {
  private StoreNames() {}

  public static final String ACCOUNTS = "accounts";
  /** Every order and transfer id a user has used, each open order's with its lock. */
  public static final String USER_IDS = "user-ids";
  public static final String BOOK = "book";
  public static final String BOOK_META = "book-meta";
  public static final String WAITING_STOPS = "waiting-stops";
  public static final String REFERENCE_DEFINITIONS = "reference-definitions";
  public static final String REFERENCE_DATA = "reference-data-store";
  public static final String RISK_PARKED = "risk-parked";
  public static final String BOOK_PARKED = "book-parked";
  public static final String REFERENCE_PARKED = "reference-parked";
}
