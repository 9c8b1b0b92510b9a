package io.matchstream.engine;

/** Order ids are unique per user, not globally. */
public record OrderKey(String userId, String orderId) {}
