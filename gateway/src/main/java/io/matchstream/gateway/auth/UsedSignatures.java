package io.matchstream.gateway.auth;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The signatures of requests already taken, each kept until its receive window ends: a captured
 * request sent again inside its window is refused, and after it its timestamp is too old anyway.
 */
public final class UsedSignatures {
  // by the second their window ends: a whole second is forgotten at once
  private final ConcurrentSkipListMap<Long, Set<String>> bySecond = new ConcurrentSkipListMap<>();

  /** Records {@code signature}, valid until {@code validUntilMs}; false when it was used before. */
  public boolean firstUse(String signature, long validUntilMs, long nowMs) {
    bySecond.headMap(nowMs / 1000).clear();
    return bySecond.computeIfAbsent(validUntilMs / 1000, second -> ConcurrentHashMap.newKeySet()).add(signature);
  }
}
