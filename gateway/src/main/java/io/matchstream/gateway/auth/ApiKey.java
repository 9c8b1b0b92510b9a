package io.matchstream.gateway.auth;

/**
 * An API key: the user it acts for, its HMAC secret, whether it may move funds in and out, and
 * its own request rate when it is not the gateway's per-key default (null).
 */
public record ApiKey(String key, String secret, String userId, boolean admin, Integer requestsPerSecond) {
  @Override
  public String toString() {
    return "ApiKey[" + key + " for " + userId + (admin ? ", admin" : "") + "]";  // never the secret
  }
}
