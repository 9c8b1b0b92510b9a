package io.matchstream.engine;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Risk state in plain maps: for the sequential exchange, tests and benchmarks. */
public final class InMemoryRiskState implements RiskState {
  private final Map<String, Account> accounts = new HashMap<>();
  private final Map<OrderKey, OrderLock> locks = new HashMap<>();
  // per user: small tables that grow cheaply and stay in cache, instead of one huge one
  private final Map<String, Set<String>> orderIds = new HashMap<>();
  private final Map<String, Set<String>> txIds = new HashMap<>();

  @Override
  public Account account(String userId) {
    return accounts.computeIfAbsent(userId, Account::new);
  }

  @Override
  public void save(Account account) {
    accounts.put(account.userId(), account);
  }

  @Override
  public OrderLock lock(String userId, String orderId) {
    return locks.get(new OrderKey(userId, orderId));
  }

  @Override
  public void saveLock(String userId, String orderId, OrderLock lock) {
    if (!lock.stored) {
      // a stored lock is this very object, already changed in place
      locks.put(new OrderKey(userId, orderId), lock);
      lock.stored = true;
    }
  }

  @Override
  public void removeLock(String userId, String orderId) {
    OrderLock removed = locks.remove(new OrderKey(userId, orderId));
    if (removed != null) {
      removed.stored = false;
    }
  }

  @Override
  public boolean useOrderId(String userId, String orderId) {
    return !orderIds.computeIfAbsent(userId, u -> new HashSet<>()).add(orderId);
  }

  @Override
  public boolean useTxId(String userId, String txId) {
    return !txIds.computeIfAbsent(userId, u -> new HashSet<>()).add(txId);
  }

  public Map<String, Account> accounts() {
    return accounts;
  }

  public Map<OrderKey, OrderLock> locks() {
    return locks;
  }
}
