package io.matchstream.app;

import io.matchstream.stage.Halts;
import io.matchstream.stage.StageMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The app's metrics, as {@code /metrics} serves them to Prometheus: Kafka Streams' own (threads'
 * process and commit rates and latencies, tasks' restores, the clients' consumer lag and
 * rebalances, at the INFO recording level), the JVM's and the process's (heap, GC, CPU), the
 * stages' ({@link StageMetrics}), and {@code matchstream_halted_tasks}: tasks stopped on an input
 * they could not apply (the health endpoint names them).
 */
final class AppMetrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private KafkaStreamsMetrics kafka;

  AppMetrics(Halts halts) {
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    Gauge.builder("matchstream.halted.tasks", halts, h -> h.report().size())
        .description("tasks halted on an input they could not apply").register(registry);
  }

  StageMetrics stages() {
    return new StageMetrics(registry);
  }

  void bind(KafkaStreams streams) {
    kafka = new KafkaStreamsMetrics(streams);
    kafka.bindTo(registry);
  }

  String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    if (kafka != null) {
      kafka.close();
    }
    gc.close();
    registry.close();
  }
}
