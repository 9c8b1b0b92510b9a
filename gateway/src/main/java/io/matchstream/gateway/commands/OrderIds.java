package io.matchstream.gateway.commands;

import io.matchstream.gateway.GatewaySettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Order ids as Binance's clients take them: integers below 2^53 (JavaScript clients parse them as
 * doubles), unique per user across gateway instances and restarts, written in the engine's order
 * id as decimal digits. An id the gateway makes is below 2^52: the milliseconds since 2026 (40
 * bits, until 2060), this instance's number (6 bits) and a sequence (6 bits); an instance that
 * places more than 64 orders in a millisecond borrows the next one, and a restarted instance starts
 * at its clock, past every id it gave before (as long as the clock does not go back by more than
 * that borrowing). An order named by its {@code newClientOrderId}, or placed straight on Kafka with
 * an id that is not such a number, gets a number from 2^52 up out of a hash of that id.
 */
@Component
public class OrderIds {
  private static final long EPOCH_MS = 1_767_225_600_000L;  // 2026-01-01T00:00:00Z
  private static final long HASHED = 1L << 52;
  private static final Pattern NUMBER = Pattern.compile("[0-9]{1,16}");
  private final long instance;
  private final Clock clock;
  // milliseconds since the epoch and sequence, (ms << 6) | seq: one increment per id
  private final AtomicLong last = new AtomicLong();

  public OrderIds(GatewaySettings settings, Clock clock) {
    if (settings.instanceId() == null || !settings.instanceId().matches("[A-Za-z0-9_-]{1,32}")) {
      throw new IllegalStateException("matchstream.gateway.instance-id must be set, 1-32 of A-Z a-z 0-9 _ -,"
          + " and each instance needs its own");
    }
    this.instance = settings.instanceNumber();
    this.clock = clock;
  }

  /** A new order id: an integer below 2^52, as the engine's decimal string. */
  public String next() {
    long now = (clock.millis() - EPOCH_MS) << 6;
    long counter = last.updateAndGet(previous -> Math.max(now, previous + 1));
    return Long.toString((counter >>> 6) << 12 | instance << 6 | (counter & 63));
  }

  /**
   * The engine's order id of the caller's order {@code clientOrderId}: the same on every instance,
   * so the engine, which refuses an order id a user already used, makes a retry place nothing new.
   */
  public static String forClient(String clientOrderId) {
    return Long.toString(hashed("client:" + clientOrderId));
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
