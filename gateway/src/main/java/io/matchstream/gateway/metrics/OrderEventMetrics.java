package io.matchstream.gateway.metrics;

import io.matchstream.gateway.view.FeedListener;
import io.matchstream.gateway.view.OrderView;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The exchange's answers to orders as the gateway sees them: order events by status, so that
 * {@code REJECTED} against {@code NEW}/{@code FILLED}/... shows how many orders the engine
 * refused, whichever gateway or producer sent them.
 */
@Component
public class OrderEventMetrics implements FeedListener {
  private final Map<String, Counter> byStatus = new ConcurrentHashMap<>();
  private final MeterRegistry meters;

  public OrderEventMetrics(MeterRegistry meters) {
    this.meters = meters;
  }

  @Override
  public void onOrder(OrderView order) {
    byStatus.computeIfAbsent(order.status(), status -> Counter.builder("matchstream.exchange.order.events")
        .tag("status", status).description("order events read from the order-events topic").register(meters))
        .increment();
  }
}
