package io.matchstream.gateway.commands;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Pattern;

/**
 * Order ids as Binance's clients take them: integers below 2^53 (JavaScript clients parse them as
 * doubles), written in the engine's order id as decimal digits. Every order the gateway places is
 * named by what its request carries, so that the same request, sent again to any instance or after
 * a restart, names the same order, which the engine refuses to place twice: its
 * {@code newClientOrderId}, or else its signature. The number is 2^52 plus 52 bits of a SHA-256
 * of that name; an order placed straight on Kafka with an id that is not a number below 2^53 gets
 * one the same way. Ids do not grow with time, so {@code allOrders}'s {@code orderId} counts in the
 * order the orders were placed (see docs/api.md).
 */
public final class OrderIds {
  private static final long HASHED = 1L << 52;
  private static final Pattern NUMBER = Pattern.compile("[0-9]{1,16}");

  private OrderIds() {}

  /**
   * The engine's order id of the caller's order {@code clientOrderId}: the same on every instance,
   * so the engine, which refuses an order id a user already used, makes a retry place nothing new.
   */
  public static String forClient(String clientOrderId) {
    return Long.toString(hashed("client:" + clientOrderId));
  }

  /**
   * The engine's order id of the order a signed request places without a {@code newClientOrderId}:
   * the same on every instance and after restarts, so the engine, which never takes an order id
   * twice from a user, refuses the request sent again (a replay) wherever it arrives.
   */
  public static String forRequest(String signature) {
    return Long.toString(hashed("request:" + signature));
  }

  /** The integer a client sees for an engine order id. */
  public static long number(String orderId) {
    if (NUMBER.matcher(orderId).matches()) {
      long number = Long.parseLong(orderId);
      if (number < 1L << 53) {
        return number;
      }
    }
    return hashed("order:" + orderId);
  }

  private static long hashed(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      long bits = 0;
      for (int i = 0; i < 7; i++) {
        bits = bits << 8 | (digest[i] & 0xff);
      }
      return HASHED | (bits & (HASHED - 1));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
