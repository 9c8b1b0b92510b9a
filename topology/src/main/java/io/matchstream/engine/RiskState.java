package io.matchstream.engine;

/** The risk stage's state: in memory for the engine alone, Kafka Streams stores in the topology. */
public interface RiskState {
  /** The user's account, empty when the user has none yet. */
  Account account(String userId);

  void save(Account account);

  OrderLock lock(String userId, String orderId);

  void saveLock(String userId, String orderId, OrderLock lock);

  void removeLock(String userId, String orderId);

  /** Marks the order id used by that user; true when it already was. */
  boolean useOrderId(String userId, String orderId);

  /** Marks the transfer id used by that user; true when it already was. */
  boolean useTxId(String userId, String txId);

  /** Marks a signed request's id used by the user; true when it already was. */
  boolean useRequestId(String userId, String requestId);
}
