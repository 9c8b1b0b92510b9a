package io.matchstream.engine;

/** One asset of one account, with what its last balance event said. */
public final class Balance {
  Units available = Units.ZERO;
  Units locked = Units.ZERO;
  Units publishedAvailable = Units.ZERO;
  Units publishedLocked = Units.ZERO;

  public Balance() {}

  public Balance(Units available, Units locked, Units publishedAvailable, Units publishedLocked) {
    this.available = available;
    this.locked = locked;
    this.publishedAvailable = publishedAvailable;
    this.publishedLocked = publishedLocked;
  }

  public Units available() {
    return available;
  }

  public Units locked() {
    return locked;
  }

  public Units publishedAvailable() {
    return publishedAvailable;
  }

  public Units publishedLocked() {
    return publishedLocked;
  }

  boolean changedSincePublished() {
    return !available.same(publishedAvailable) || !locked.same(publishedLocked);
  }

  void lock(Units amount) {
    available = available.subtract(amount);
    locked = locked.add(amount);
  }

  void unlock(Units amount) {
    locked = locked.subtract(amount);
    available = available.add(amount);
  }
}
