package io.matchstream.app;

import io.matchstream.stage.Halts;
import io.matchstream.stage.StageSettings;
import io.matchstream.topology.MatchstreamTopology;
import io.matchstream.topology.StoreOptions;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streams app against a real broker: creates the missing topics, registers the schemas, then
 * runs the topology with RocksDB stores under the configured processing guarantee
 * ({@code exactly_once_v2} by default).
 */
public final class StreamsApp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StreamsApp.class);

  private final KafkaStreams streams;
  private final HealthServer health;
  private final AppMetrics metrics;
  private final CountDownLatch stopped = new CountDownLatch(1);

  private StreamsApp(KafkaStreams streams, HealthServer health, AppMetrics metrics) {
    this.streams = streams;
    this.health = health;
    this.metrics = metrics;
  }

  public static StreamsApp start(AppConfig config) throws Exception {
    int riskPartitions;
    try (Admin admin = Admin.create(adminSettings(config))) {
      riskPartitions = new TopicSetup(admin, config.getInt(AppConfig.PARTITIONS),
          (short) config.getInt(AppConfig.REPLICATION_FACTOR)).ensure();
    }
    new SchemaSetup(config.get(AppConfig.REGISTRY_URL)).registerAll();
    Halts halts = new Halts(config.getInt(AppConfig.HALT_AFTER_ATTEMPTS));
    double faults = config.getDouble(AppConfig.TEST_FAULT_PROBABILITY);
    if (faults > 0) {
      LOG.warn("TEST FAULTS ON: the stages throw at random with probability {} per store write and forward", faults);
    }
    AppMetrics metrics = new AppMetrics(halts);
    StageSettings settings = new StageSettings(halts, config.getInt(AppConfig.RISK_OBJECT_LIMIT), faults,
        System.nanoTime(), riskPartitions, metrics.stages());
    // the record cache folds a commit's writes of one key into one changelog record when it has room
    boolean cached = Long.parseLong(config.get(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG)) > 0;
    StoreOptions stores = cached ? StoreOptions.PRODUCTION.cachedFor(config.getList(AppConfig.CACHED_STORES))
        : StoreOptions.PRODUCTION;
    KafkaStreams streams = new KafkaStreams(MatchstreamTopology.build(RegistrySerdes.of(config), stores, settings),
        config.streams());
    streams.setUncaughtExceptionHandler(e -> {
      LOG.error("a stream thread failed; it is replaced", e);
      return StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    TaskReport tasks = new TaskReport();
    tasks.watch(streams);
    metrics.bind(streams);
    int port = config.getInt(AppConfig.HEALTH_PORT);
    HealthServer health =
        port == 0 ? null : new HealthServer(config.get(AppConfig.HEALTH_HOST), port, streams::state, halts::report,
            tasks::json, metrics::scrape);
    StreamsApp app = new StreamsApp(streams, health, metrics);
    streams.setStateListener((now, before) -> {
      LOG.info("streams state {} -> {}", before, now);
      if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
        app.stopped.countDown();
      }
    });
    streams.start();
    return app;
  }

  private static Properties adminSettings(AppConfig config) {
    Properties admin = new Properties();
    admin.putAll(config.kafkaClient());
    return admin;
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  /** Blocks until the streams stop for good (closed, or failed beyond recovery). */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  @Override
  public void close() {
    streams.close(Duration.ofSeconds(30));
    if (health != null) {
      health.close();
    }
    metrics.close();
    stopped.countDown();
  }
}
