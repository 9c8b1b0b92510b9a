package io.matchstream.engine;

import io.matchstream.engine.Events.BalanceUpdate;
import io.matchstream.engine.Events.EventSink;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A user's balances, kept sorted by asset code so balance events come in a stable order. An account
 * holds a handful of assets: a sorted array scanned in place beats a tree or a hash table there.
 */
public final class Account {
  private final String userId;
  private String[] assets = new String[4];
  private Balance[] balances = new Balance[4];
  private int size;

  public Account(String userId) {
    this.userId = userId;
  }

  public String userId() {
    return userId;
  }

  public Balance balance(String asset) {
    int at = indexOf(asset);
    if (at < 0) {
      at = -at - 1;
      insert(at, asset, new Balance());
    }
    return balances[at];
  }

  /** How many assets the account holds; with {@link #assetAt} and {@link #balanceAt}, in asset order. */
  public int size() {
    return size;
  }

  public String assetAt(int index) {
    return assets[index];
  }

  public Balance balanceAt(int index) {
    return balances[index];
  }

  /** Asset code to balance, in asset order: a copy. */
  public Map<String, Balance> balances() {
    Map<String, Balance> copy = new LinkedHashMap<>();
    for (int i = 0; i < size; i++) {
      copy.put(assets[i], balances[i]);
    }
    return copy;
  }

  public void put(String asset, Balance balance) {
    int at = indexOf(asset);
    if (at >= 0) {
      balances[at] = balance;
    } else {
      insert(-at - 1, asset, balance);
    }
  }

  /** The asset's index, or -(insertion point) - 1 when the account has none of it. */
  private int indexOf(String asset) {
    for (int i = 0; i < size; i++) {
      // the codes mostly come from the same reference objects: identity before comparing bytes
      if (assets[i] == asset) {
        return i;
      }
      int order = assets[i].compareTo(asset);
      if (order == 0) {
        return i;
      }
      if (order > 0) {
        return -i - 1;
      }
    }
    return -size - 1;
  }

  private void insert(int at, String asset, Balance balance) {
    if (size == assets.length) {
      assets = Arrays.copyOf(assets, size * 2);
      balances = Arrays.copyOf(balances, size * 2);
    }
    System.arraycopy(assets, at, assets, at + 1, size - at);
    System.arraycopy(balances, at, balances, at + 1, size - at);
    assets[at] = asset;
    balances[at] = balance;
    size++;
  }

  /**
   * Emits one balance event per asset whose state differs from the last one published. A command
   * publishes when it completes, so a lock released within the same command shows no event.
   */
  public boolean publish(Reference reference, EventSink out) {
    boolean any = false;
    for (int i = 0; i < size; i++) {
      Balance balance = balances[i];
      if (balance.changedSincePublished()) {
        Asset asset = reference.asset(assets[i]);
        out.balance(new BalanceUpdate(userId, assets[i], balance.available, balance.locked, asset.scale()));
        balance.publishedAvailable = balance.available;
        balance.publishedLocked = balance.locked;
        any = true;
      }
    }
    return any;
  }
}
