package io.matchstream.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Risk state in plain maps: for the sequential exchange, tests and benchmarks. Everything of a user
 * hangs off one {@link User}, so a command costs one lookup by user id (none when the previous call
 * was for the same id object, as every call of one command is).
 */
public final class InMemoryRiskState implements RiskState {
  /** The value of an order id that was used and holds no lock (rejected or ended). */
  private static final OrderLock USED = new OrderLock("", false, false, "", "", 0, Units.ZERO, Units.ZERO);

  private final Map<String, User> users = new HashMap<>();
  private String lastUserId;
  private User lastUser;

  private static final class User {
    final Account account;
    // every order id the user ever used, mapped to its lock while the order is open: one table
    // answers both "used before?" and "what is locked?"
    final IdTable<OrderLock> orders = new IdTable<>();
    Set<String> txIds;
    Set<String> requestIds;

    User(String userId) {
      account = new Account(userId);
    }
  }

  private User user(String userId) {
    if (userId != lastUserId) {
      User user = users.get(userId);
      if (user == null) {
        user = new User(userId);
        users.put(userId, user);
      }
      lastUserId = userId;
      lastUser = user;
    }
    return lastUser;
  }

  @Override
  public Account account(String userId) {
    return user(userId).account;
  }

  @Override
  public void save(Account account) {
    // the account is the stored object itself, already changed in place
  }

  @Override
  public OrderLock lock(String userId, String orderId) {
    OrderLock lock = user(userId).orders.get(orderId);
    return lock == USED ? null : lock;
  }

  @Override
  public void saveLock(String userId, String orderId, OrderLock lock) {
    if (!lock.stored) {
      // a stored lock is this very object, already changed in place
      user(userId).orders.put(orderId, lock);
      lock.stored = true;
    }
  }

  @Override
  public void removeLock(String userId, String orderId) {
    OrderLock removed = user(userId).orders.replace(orderId, USED);
    if (removed != null) {
      removed.stored = false;
    }
  }

  @Override
  public boolean useOrderId(String userId, String orderId) {
    return user(userId).orders.putIfAbsent(orderId, USED) != null;
  }

  @Override
  public boolean useTxId(String userId, String txId) {
    User user = user(userId);
    if (user.txIds == null) {
      user.txIds = new HashSet<>();
    }
    return !user.txIds.add(txId);
  }

  @Override
  public boolean useRequestId(String userId, String requestId) {
    User user = user(userId);
    if (user.requestIds == null) {
      user.requestIds = new HashSet<>();
    }
    return !user.requestIds.add(requestId);
  }

  /** Every account, by user id. */
  public Map<String, Account> accounts() {
    Map<String, Account> accounts = new HashMap<>();
    users.forEach((userId, user) -> accounts.put(userId, user.account));
    return accounts;
  }

  /** The locks of every open order. */
  public List<OrderLock> locks() {
    List<OrderLock> locks = new ArrayList<>();
    for (User user : users.values()) {
      user.orders.forEachValue(lock -> {
        if (lock != USED) {
          locks.add(lock);
        }
      });
    }
    return locks;
  }
}
