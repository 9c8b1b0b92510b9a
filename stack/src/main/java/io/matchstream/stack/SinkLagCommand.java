package io.matchstream.stack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
  /** The sinks of connectors/sinks: connector name, its topic and its table. */
  private static final Map<String, List<String>> SINKS = Map.of("sink-trades", List.of("trades", "trades"),
      "sink-orders", List.of("order-events", "orders"), "sink-balances", List.of("balances", "balances"),
      "sink-book-levels", List.of("book-levels", "book_levels"));

  @Option(names = "--bootstrap", defaultValue = "127.0.0.1:9092", description = "default ${DEFAULT-VALUE}")
  String bootstrap;

  @Option(names = "--url", paramLabel = "JDBC_URL", defaultValue = "jdbc:mariadb://127.0.0.1:3307/" + Stack.DATABASE,
      description = "the sinks' database (default ${DEFAULT-VALUE})")
  String url;

  @Option(names = "--watch", paramLabel = "SECONDS", description = "sample every SECONDS until stopped")
  Double watch;

  @Option(names = "--until-caught-up", description = "sample (every --watch seconds, default 1) until every sink's lag is 0")
  boolean untilCaughtUp;

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    long interval = (long) ((watch == null ? 1 : watch) * 1000);
    System.out.println("seconds\tsink\tlag\trows\twritten");
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        Connection db = DriverManager.getConnection(url, MariaDbNode.USER, MariaDbNode.PASSWORD)) {
      while (true) {
        long total = 0;
        String seconds = String.format("%.1f", (System.nanoTime() - start) / 1e9);
        for (Map.Entry<String, List<String>> sink : new TreeMap<>(SINKS).entrySet()) {
          long[] progress = progress(admin, "connect-" + sink.getKey(), sink.getValue().get(0));
          total += progress[0];
          System.out.println(seconds + "\t" + sink.getKey() + "\t" + progress[0] + "\t" + rows(db, sink.getValue().get(1))
              + "\t" + progress[1]);
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
   * The lag and the committed offsets' sum (what the sink has written, transaction markers
   * included). The lag: offsets of the group's topics that are committed on the broker but not yet by the group. The
   * app writes in transactions: a sink commits the offset after the last record it wrote, and the
   * marker that ends that record's transaction sits there, so a partition one offset short is
   * caught up; the markers between records count.
   */
  private static long[] progress(Admin admin, String group, String topic) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed = new java.util.HashMap<>(
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS));
    // a partition the sink has committed nothing of is behind by all of it
    admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions()
        .forEach(p -> committed.putIfAbsent(new TopicPartition(topic, p.partition()), null));
    Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
    committed.keySet().forEach(p -> latest.put(p, OffsetSpec.latest()));
    var ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
        .get(30, TimeUnit.SECONDS);
    long lag = 0;
    long written = 0;
    for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
      long done = entry.getValue() == null ? 0 : entry.getValue().offset();
      lag += Math.max(0, ends.get(entry.getKey()).offset() - done - (entry.getValue() == null ? 0 : 1));
      written += done;
    }
    return new long[] {lag, written};
  }

  private static long rows(Connection db, String table) throws SQLException {
    try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      r.next();
      return r.getLong(1);
    }
  }
}
