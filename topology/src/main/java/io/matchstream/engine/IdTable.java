package io.matchstream.engine;

import java.util.function.Consumer;

/**
 * String ids to values, for tables that only grow (a user's order ids are never forgotten).
 * Open addressing with each slot's hash kept in an int array (0 marks a free slot): a lookup of an
 * id that is not there, the common case when an order is placed, mostly reads one slot of that
 * array and no key object.
 */
final class IdTable<V> {
  private int[] hashes = new int[16];
  private String[] keys = new String[16];
  private Object[] values = new Object[16];
  private int size;

  @SuppressWarnings("unchecked")
  V get(String key) {
    int at = find(key, spread(key.hashCode()));
    return at < 0 ? null : (V) values[at];
  }

  /** Puts the value unless the key is there; returns the value that was there, or null. */
  @SuppressWarnings("unchecked")
  V putIfAbsent(String key, V value) {
    int hash = spread(key.hashCode());
    int at = find(key, hash);
    if (at >= 0) {
      return (V) values[at];
    }
    insert(-at - 1, hash, key, value);
    return null;
  }

  /** Puts the value; returns the one it replaced, or null. */
  @SuppressWarnings("unchecked")
  V put(String key, V value) {
    int hash = spread(key.hashCode());
    int at = find(key, hash);
    if (at >= 0) {
      V old = (V) values[at];
      values[at] = value;
      return old;
    }
    insert(-at - 1, hash, key, value);
    return null;
  }

  /** Replaces the value of a key that is there; returns the old value, or null when the key is not. */
  @SuppressWarnings("unchecked")
  V replace(String key, V value) {
    int at = find(key, spread(key.hashCode()));
    if (at < 0) {
      return null;
    }
    V old = (V) values[at];
    values[at] = value;
    return old;
  }

  @SuppressWarnings("unchecked")
  void forEachValue(Consumer<V> action) {
    for (int i = 0; i < hashes.length; i++) {
      if (hashes[i] != 0) {
        action.accept((V) values[i]);
      }
    }
  }

  /** The key's slot, or -(free slot) - 1 when it is not in the table. */
  private int find(String key, int hash) {
    int mask = keys.length - 1;
    for (int at = hash & mask; ; at = (at + 1) & mask) {
      int slotHash = hashes[at];
      if (slotHash == 0) {
        return -at - 1;
      }
      if (slotHash == hash) {
        String known = keys[at];
        if (known == key || known.equals(key)) {
          return at;
        }
      }
    }
  }

  private void insert(int at, int hash, String key, Object value) {
    hashes[at] = hash;
    keys[at] = key;
    values[at] = value;
    if (++size * 2 > keys.length) {
      grow();
    }
  }

  private void grow() {
    int[] oldHashes = hashes;
    String[] oldKeys = keys;
    Object[] oldValues = values;
    int capacity = oldKeys.length * 2;
    hashes = new int[capacity];
    keys = new String[capacity];
    values = new Object[capacity];
    int mask = capacity - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldHashes[i] != 0) {
        int at = oldHashes[i] & mask;
        while (hashes[at] != 0) {
          at = (at + 1) & mask;
        }
        hashes[at] = oldHashes[i];
        keys[at] = oldKeys[i];
        values[at] = oldValues[i];
      }
    }
  }

  private static int spread(int hash) {
    // Fibonacci hashing: the low bits pick the slot, so mix the high bits into them
    int h = hash * 0x9E3779B9;
    h ^= h >>> 16;
    return h == 0 ? 1 : h;
  }
}
