package io.matchstream.stage;

import io.matchstream.engine.Account;
import io.matchstream.engine.Balance;
import io.matchstream.engine.OrderLock;
import io.matchstream.engine.Units;
import io.matchstream.engine.RiskState;
import io.matchstream.schema.state.AccountState;
import io.matchstream.schema.state.BalanceState;
import io.matchstream.schema.state.OrderLockState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The risk stage's state in Kafka Streams stores. Accounts and open orders' locks are also kept as
 * objects, read from the store once and written through on every change, so a command decodes
 * nothing it already knows; the stores stay the truth that changelogs and restores carry, so the
 * objects are a cache of bounded size: the least recently used is forgotten and read back when
 * needed. An order's id and its lock are one record (user-ids): the lock while the order is open,
 * then a closed mark that keeps the id used. Writes wait for the end of the input ({@link #flush}),
 * so a key an input changes several times (an id marked used and then locked, an account locked
 * and settled) is one store write and one changelog record.
 */
final class StoreRiskState implements RiskState {
  /** What an id keeps once its order ended, or a transfer used it. */
  private static final OrderLockState USED = new OrderLockState("", false, false, "", "", 0, 0L, 0L, 0L, 0L, false);

  private final Map<String, Account> knownAccounts;
  private final Map<String, OrderLock> knownLocks;
  private final Map<String, Account> pendingAccounts = new LinkedHashMap<>();
  private final Map<String, OrderLockState> pendingIds = new LinkedHashMap<>();
  private final Faults faults;

  private final KeyValueStore<String, AccountState> accounts;
  private final KeyValueStore<String, OrderLockState> ids;

  StoreRiskState(
      KeyValueStore<String, AccountState> accounts, KeyValueStore<String, OrderLockState> ids, int objectLimit,
      Faults faults) {
    this.knownAccounts = bounded(objectLimit);
    this.knownLocks = bounded(objectLimit);
    this.faults = faults;
    this.accounts = accounts;
    this.ids = ids;
  }

  private static <V> Map<String, V> bounded(int limit) {
    return new LinkedHashMap<>(1024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > limit;
      }
    };
  }

  /** Forgets the objects: after a command failed half way, they may hold what the stores do not. */
  void forget() {
    knownAccounts.clear();
    knownLocks.clear();
    pendingAccounts.clear();
    pendingIds.clear();
  }

  /** Writes what the input changed, each key once. */
  void flush() {
    for (Account account : pendingAccounts.values()) {
      accounts.put(account.userId(), stateOf(account));
      faults.point("an account write");
    }
    pendingAccounts.clear();
    for (Map.Entry<String, OrderLockState> id : pendingIds.entrySet()) {
      ids.put(id.getKey(), id.getValue());
      faults.point(id.getValue().getOpen() ? "a lock write" : "an id's closed mark");
    }
    pendingIds.clear();
  }

  @Override
  public Account account(String userId) {
    Account account = knownAccounts.get(userId);
    if (account == null) {
      account = pendingAccounts.get(userId);
    }
    if (account == null) {
      account = load(userId);
      knownAccounts.put(userId, account);
    }
    return account;
  }

  private Account load(String userId) {
    Account account = new Account(userId);
    AccountState stored = accounts.get(userId);
    if (stored != null) {
      for (BalanceState b : stored.getBalances()) {
        account.put(b.getAsset(),
            new Balance(Units.of(b.getAvailableHigh(), b.getAvailable()), Units.of(b.getLockedHigh(), b.getLocked()),
                Units.of(b.getPublishedAvailableHigh(), b.getPublishedAvailable()),
                Units.of(b.getPublishedLockedHigh(), b.getPublishedLocked())));
      }
    }
    return account;
  }

  @Override
  public void save(Account account) {
    knownAccounts.put(account.userId(), account);
    pendingAccounts.put(account.userId(), account);
  }

  private static AccountState stateOf(Account account) {
    List<BalanceState> balances = new ArrayList<>(account.size());
    for (int i = 0; i < account.size(); i++) {
      Balance b = account.balanceAt(i);
      balances.add(new BalanceState(account.assetAt(i), b.available().low(), b.locked().low(),
          b.publishedAvailable().low(), b.publishedLocked().low(), b.available().high(), b.locked().high(),
          b.publishedAvailable().high(), b.publishedLocked().high()));
    }
    return new AccountState(balances);
  }

  @Override
  public OrderLock lock(String userId, String orderId) {
    String key = orderKey(userId, orderId);
    OrderLock lock = knownLocks.get(key);
    if (lock == null) {
      OrderLockState s = stored(key);
      if (s == null || !s.getOpen()) {
        return null;
      }
      lock = new OrderLock(s.getSymbol(), s.getBuy(), s.getMarket(), s.getBaseAsset(), s.getQuoteAsset(),
          s.getBaseScale(), Units.of(s.getLimitPriceHigh(), s.getLimitPrice()),
          Units.of(s.getRemainingHigh(), s.getRemaining()));
      knownLocks.put(key, lock);
    }
    return lock;
  }

  @Override
  public void saveLock(String userId, String orderId, OrderLock lock) {
    String key = orderKey(userId, orderId);
    knownLocks.put(key, lock);
    pendingIds.put(key, new OrderLockState(lock.symbol, lock.buy, lock.market, lock.baseAsset, lock.quoteAsset,
        lock.baseScale, lock.limitPrice.low(), lock.remaining().low(), lock.limitPrice.high(),
        lock.remaining().high(), true));
  }

  @Override
  public void removeLock(String userId, String orderId) {
    String key = orderKey(userId, orderId);
    knownLocks.remove(key);
    pendingIds.put(key, USED);
  }

  @Override
  public boolean useOrderId(String userId, String orderId) {
    String key = orderKey(userId, orderId);
    return knownLocks.containsKey(key) || use(key);
  }

  @Override
  public boolean useTxId(String userId, String txId) {
    return use("t" + StoreKeys.userScoped(userId, txId));
  }

  @Override
  public boolean useRequestId(String userId, String requestId) {
    return use("r" + StoreKeys.userScoped(userId, requestId));
  }

  private static String orderKey(String userId, String orderId) {
    return "o" + StoreKeys.userScoped(userId, orderId);
  }

  /** Marks the id used; true when it already was. An accepted order's lock then replaces the mark. */
  private boolean use(String key) {
    if (stored(key) != null) {
      return true;
    }
    pendingIds.put(key, USED);
    return false;
  }

  /** What the id's record holds, this input's change included. */
  private OrderLockState stored(String key) {
    OrderLockState pending = pendingIds.get(key);
    return pending != null ? pending : ids.get(key);
  }
}
