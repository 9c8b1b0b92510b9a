package io.matchstream.gateway.commands;

import io.matchstream.gateway.GatewaySettings;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Order ids unique across gateway instances and restarts: the instance's id, then a counter that
 * starts at the clock's microseconds when the instance starts, so a restarted instance begins past
 * every id it gave before (as long as its clock does not go back by more than its uptime's ids).
 */
@Component
public class OrderIds {
  private final String prefix;
  private final AtomicLong next;

  public OrderIds(GatewaySettings settings, Clock clock) {
    if (settings.instanceId() == null || settings.instanceId().isBlank()) {
      throw new IllegalStateException("matchstream.gateway.instance-id is not set: each instance needs its own");
    }
    prefix = settings.instanceId() + "-";
    next = new AtomicLong(clock.millis() * 1000);
  }

  public String next() {
    return prefix + Long.toString(next.getAndIncrement(), 36);
  }
}
