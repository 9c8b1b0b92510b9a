package io.matchstream.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "sink-lag", mixinStandardHelpOptions = true,
    description = "How far each MySQL sink is behind its topic (committed records not yet written, from the sink's "
        + "committed offsets), how many rows its table holds and how far it has written (the sum of its committed "
        + "offsets); one tab-separated line per sink and sample.")
final class SinkLagCommand implements Callable<Integer> {
  @Option(names = "--bootstrap", defaultValue = "127.0.0.1:9092", description = "default ${DEFAULT-VALUE}")
  String bootstrap;

  @Option(names = "--data", paramLabel = "DIR", defaultValue = ".matchstream",
      description = "the stack's data folder, whose operator login it uses (default ${DEFAULT-VALUE})")
  Path data;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Kafka client settings to log in with (default: DIR/kafka/clients/operator.properties)")
  Path config;

  @Option(names = "--url", paramLabel = "JDBC_URL", defaultValue = "jdbc:mariadb://127.0.0.1:3307/" + Stack.DATABASE,
      description = "the sinks' database (default ${DEFAULT-VALUE})")
  String url;

  @Option(names = "--watch", paramLabel = "SECONDS", description = "sample every SECONDS until stopped")
  Double watch;

  @Option(names = "--until-caught-up", description = "sample (every --watch seconds, default 1) until every sink's lag is 0")
  boolean untilCaughtUp;

  /** The operator's login (its file, when there is one) with {@code --bootstrap}. */
  private Map<String, Object> adminSettings() throws java.io.IOException {
    Path file = config != null ? config : data.resolve("kafka/clients/" + KafkaPrincipals.OPERATOR + ".properties");
    Properties login = new Properties();
    if (config != null || Files.exists(file)) {
      try (java.io.Reader in = Files.newBufferedReader(file)) {
        login.load(in);
      }
    }
    Map<String, Object> settings = new HashMap<>();
    login.forEach((key, value) -> settings.put((String) key, value));
    settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    return settings;
  }

  /** How far a sink is behind its topic, and how far it has written (the sum of its committed offsets). */
  private record Progress(long lag, long written) {}

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    long interval = (long) ((watch == null ? 1 : watch) * 1000);
    List<SinkConfig> sinks = SinkConfig.all(Layout.find()).stream()
        .sorted(java.util.Comparator.comparing(SinkConfig::name)).toList();
    System.out.println("seconds\tsink\tlag\trows\twritten");
    try (Admin admin = Admin.create(adminSettings());
        Connection db = DriverManager.getConnection(url, MariaDbNode.USER, MariaDbNode.PASSWORD)) {
      while (true) {
        long total = 0;
        String seconds = String.format("%.1f", (System.nanoTime() - start) / 1e9);
        for (SinkConfig sink : sinks) {
          // Connect's consumer group of a sink connector is connect-<name>
          Progress progress = progress(admin, "connect-" + sink.name(), sink.topic());
          total += progress.lag();
          System.out.println(seconds + "\t" + sink.name() + "\t" + progress.lag() + "\t" + rows(db, sink.table())
              + "\t" + progress.written());
        }
        System.out.flush();
        if ((untilCaughtUp && total == 0) || (watch == null && !untilCaughtUp)) {
          return 0;
        }
        Thread.sleep(interval);
      }
    }
  }

  /**
   * The lag: offsets of the topic that are committed on the broker (its last stable offset) but not
   * yet by the sink. The app writes in transactions: a sink commits the offset after the last
   * record it wrote, and the marker that ends that record's transaction sits there, so a partition
   * one offset short is caught up; the markers between records count. A partition the sink has
   * committed nothing of is behind by all of it.
   */
  private static Progress progress(Admin admin, String group, String topic) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
    Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
    admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions()
        .forEach(p -> partitions.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
    long lag = 0;
    long written = 0;
    for (var end : admin.listOffsets(partitions, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
        .get(30, TimeUnit.SECONDS).entrySet()) {
      OffsetAndMetadata done = committed.get(end.getKey());
      lag += done == null ? end.getValue().offset() : Math.max(0, end.getValue().offset() - done.offset() - 1);
      written += done == null ? 0 : done.offset();
    }
    return new Progress(lag, written);
  }

  private static long rows(Connection db, String table) throws SQLException {
    try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      r.next();
      return r.getLong(1);
    }
  }
}
