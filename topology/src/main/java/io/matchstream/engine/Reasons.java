package io.matchstream.engine;

/** Rejection reasons, as SPEC spells them. */
public final class Reasons {
  private Reasons() {}

  public static final String MALFORMED = "MALFORMED";
  public static final String UNKNOWN_SYMBOL = "UNKNOWN_SYMBOL";
  public static final String MARKET_HALTED = "MARKET_HALTED";
  public static final String DUPLICATE_ORDER_ID = "DUPLICATE_ORDER_ID";
  public static final String INVALID_ORDER = "INVALID_ORDER";
  public static final String INVALID_PRICE = "INVALID_PRICE";
  public static final String INVALID_QUANTITY = "INVALID_QUANTITY";
  public static final String MIN_NOTIONAL = "MIN_NOTIONAL";
  public static final String INSUFFICIENT_BALANCE = "INSUFFICIENT_BALANCE";
  public static final String POST_ONLY_WOULD_TAKE = "POST_ONLY_WOULD_TAKE";
  public static final String UNKNOWN_ORDER = "UNKNOWN_ORDER";
  public static final String WOULD_TRIGGER_IMMEDIATELY = "WOULD_TRIGGER_IMMEDIATELY";
  public static final String DUPLICATE_TX = "DUPLICATE_TX";
  public static final String UNKNOWN_ASSET = "UNKNOWN_ASSET";
  public static final String INVALID_AMOUNT = "INVALID_AMOUNT";
  public static final String INVALID_SYMBOL = "INVALID_SYMBOL";
  public static final String INVALID_ASSET = "INVALID_ASSET";
  /** A command whose record key is not its userId (beyond SPEC: the risk stage is partitioned by user). */
  public static final String KEY_MISMATCH = "KEY_MISMATCH";
  /** The book does not yet know the market definition the risk stage accepted the order under. */
  public static final String MARKET_NOT_READY = "MARKET_NOT_READY";
  /**
   * A deposit or withdrawal read from any topic but {@code transfers}, or another command read
   * there (beyond SPEC: only the admin principal may write transfers).
   */
  public static final String WRONG_TOPIC = "WRONG_TOPIC";
  /** A cancel-all whose signed request was already taken (beyond SPEC: a replayed request). */
  public static final String DUPLICATE_REQUEST = "DUPLICATE_REQUEST";
}
