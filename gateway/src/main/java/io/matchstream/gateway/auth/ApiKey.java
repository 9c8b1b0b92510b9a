package io.matchstream.gateway.auth;

/** An API key: the user it acts for, its HMAC secret, and whether it may move funds in and out. */
public record ApiKey(String key, String secret, String userId, boolean admin) {
  @Override
  public String toString() {
    return "ApiKey[" + key + " for " + userId + (admin ? ", admin" : "") + "]";  // never the secret
  }
}
