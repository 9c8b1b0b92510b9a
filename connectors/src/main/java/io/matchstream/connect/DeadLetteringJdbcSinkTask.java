package io.matchstream.connect;

import io.debezium.connector.jdbc.JdbcSinkConnectorTask;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debezium's JDBC sink task, made to honour {@code errors.tolerance} for the writes themselves.
 * Kafka Connect sends a record it cannot convert or transform to the dead-letter topic, but a
 * record the database refuses (a string too long for its column, a missing key field) fails
 * Debezium's task, and with it every later record of the topic. Here a batch that fails is
 * written again one record at a time, and each record that still fails goes to the connector's
 * errant-record reporter (its dead-letter topic) while the rest are written.
 *
 * <p>Debezium writes a batch before {@code put} returns, so what {@code put} accepted is in the
 * database or in the dead-letter topic; a failed write leaves Debezium's task unusable, so it is
 * replaced by a fresh one. Redelivery is harmless: the sinks upsert.
 */
public class DeadLetteringJdbcSinkTask extends SinkTask {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetteringJdbcSinkTask.class);
  private final Set<TopicPartition> assigned = new HashSet<>();
  private Map<String, String> config;
  private JdbcSinkConnectorTask writer;

  @Override
  public String version() {
    return new JdbcSinkConnectorTask().version();
  }

  @Override
  public void start(Map<String, String> props) {
    config = props;
    writer = newWriter();
  }

  private JdbcSinkConnectorTask newWriter() {
    JdbcSinkConnectorTask task = new JdbcSinkConnectorTask();
    task.initialize(context);
    task.start(config);
    if (!assigned.isEmpty()) {
      task.open(assigned);
    }
    return task;
  }

  @Override
  public void open(Collection<TopicPartition> partitions) {
    assigned.addAll(partitions);
    writer.open(partitions);
  }

  @Override
  public void close(Collection<TopicPartition> partitions) {
    assigned.removeAll(partitions);
    writer.close(partitions);
  }

  @Override
  public void put(Collection<SinkRecord> records) {
    if (records.isEmpty()) {
      return;
    }
    Throwable failure = write(records);
    if (failure == null) {
      return;
    }
    ErrantRecordReporter reporter = context.errantRecordReporter();
    if (reporter == null) {
      throw new ConnectException("writing " + records.size() + " records failed", failure);
    }
    LOG.warn("a batch of {} records failed ({}): writing them one at a time", records.size(), failure.toString());
    for (SinkRecord record : records) {
      Throwable refused = write(List.of(record));
      if (refused != null) {
        LOG.warn("{}-{}@{} refused: {}", record.topic(), record.kafkaPartition(), record.kafkaOffset(), refused.toString());
        report(reporter, record, refused);
      }
    }
  }

  /** Writes the batch; returns why it failed, or null. */
  private Throwable write(Collection<SinkRecord> batch) {
    try {
      writer.put(batch);
      // Debezium keeps a failed write to throw it from the next put: an empty one asks
      writer.put(List.of());
      return null;
    } catch (RuntimeException e) {
      try {
        writer.stop();
      } catch (RuntimeException ignored) {
        // the replacement below starts clean either way
      }
      writer = newWriter();
      return rootCause(e);
    }
  }

  // Debezium wraps the database's refusal twice; the dead-letter headers should name the refusal
  private static Throwable rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }

  private static void report(ErrantRecordReporter reporter, SinkRecord record, Throwable error) {
    try {
      // waited for, so that the offsets committed next never pass a record not yet in the topic
      reporter.report(record, error).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectException("interrupted while reporting a refused record", e);
    } catch (ExecutionException e) {
      throw new ConnectException("could not report a refused record to the dead-letter topic", e.getCause());
    }
  }

  @Override
  public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    // everything put() returned from is written or reported (above): its offsets can be committed
    return currentOffsets;
  }

  @Override
  public void stop() {
    if (writer != null) {
      writer.stop();
    }
  }
}
