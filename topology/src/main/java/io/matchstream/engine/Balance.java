package io.matchstream.engine;

/** One asset of one account, with what its last balance event said. */
public final class Balance {
  long available;
  long locked;
  long publishedAvailable;
  long publishedLocked;

  public Balance() {}

  public Balance(long available, long locked, long publishedAvailable, long publishedLocked) {
    this.available = available;
    this.locked = locked;
    this.publishedAvailable = publishedAvailable;
    this.publishedLocked = publishedLocked;
  }

  public long available() {
    return available;
  }

  public long locked() {
    return locked;
  }

  public long publishedAvailable() {
    return publishedAvailable;
  }

  public long publishedLocked() {
    return publishedLocked;
  }

  boolean changedSincePublished() {
    return available != publishedAvailable || locked != publishedLocked;
  }

  void lock(long amount) {
    available = Math.subtractExact(available, amount);
    locked = Math.addExact(locked, amount);
  }

  void unlock(long amount) {
    locked = Math.subtractExact(locked, amount);
    available = Math.addExact(available, amount);
  }
}
