package io.matchstream.engine;

import io.matchstream.engine.Events.BalanceUpdate;
import io.matchstream.engine.Events.EventSink;
import java.util.Map;
import java.util.TreeMap;

/** A user's balances; assets kept sorted so balance events come in a stable order. */
public final class Account {
  private final String userId;
  private final TreeMap<String, Balance> balances = new TreeMap<>();

  public Account(String userId) {
    this.userId = userId;
  }

  public String userId() {
    return userId;
  }

  public Balance balance(String asset) {
    return balances.computeIfAbsent(asset, a -> new Balance());
  }

  public Map<String, Balance> balances() {
    return balances;
  }

  public void put(String asset, Balance balance) {
    balances.put(asset, balance);
  }

  /**
   * Emits one balance event per asset whose state differs from the last one published. A command
   * publishes when it completes, so a lock released within the same command shows no event.
   */
  public boolean publish(Reference reference, EventSink out) {
    boolean any = false;
    for (Map.Entry<String, Balance> entry : balances.entrySet()) {
      Balance balance = entry.getValue();
      if (balance.changedSincePublished()) {
        Asset asset = reference.asset(entry.getKey());
        out.balance(new BalanceUpdate(userId, entry.getKey(), balance.available, balance.locked, asset.scale()));
        balance.publishedAvailable = balance.available;
        balance.publishedLocked = balance.locked;
        any = true;
      }
    }
    return any;
  }
}
