package io.matchstream.gateway.commands;

import io.matchstream.gateway.GatewaySettings;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Order ids unique per user across gateway instances and restarts: the instance's id, then a counter that
 * starts at the clock's microseconds when the instance starts, so a restarted instance begins past
 * every id it gave before (as long as its clock does not go back by more than its uptime's ids).
 */
@Component
public class OrderIds {
  private final String prefix;
  private final AtomicLong next;

  public OrderIds(GatewaySettings settings, Clock clock) {
    if (settings.instanceId() == null || !settings.instanceId().matches("[A-Za-z0-9_-]{1,32}")) {
      throw new IllegalStateException("matchstream.gateway.instance-id must be set, 1-32 of A-Z a-z 0-9 _ -,"
          + " and each instance needs its own");
    }
    prefix = settings.instanceId() + "-";
    next = new AtomicLong(clock.millis() * 1000);
  }

  public String next() {
    return prefix + Long.toString(next.getAndIncrement(), 36);
  }

  /**
   * The order id of the caller's order {@code clientOrderId}: the same on every instance, so the
   * engine, which refuses an order id a user already used, makes a retry place nothing new. No
   * instance id holds a colon: these never meet the ids of {@link #next}.
   */
  public static String forClient(String clientOrderId) {
    return "c:" + clientOrderId;
  }
}
