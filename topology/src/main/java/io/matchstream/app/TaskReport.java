package io.matchstream.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this instance runs ({@code GET /tasks}): its streams state, its active and standby tasks,
 * and how many changelog records it has restored since it started. An operator sees where each
 * task lives and whether a takeover had a warm standby (few records restored) or not; the
 * scale-out test times a takeover with it.
 */
final class TaskReport implements StateRestoreListener {
  private static final Logger LOG = LoggerFactory.getLogger(TaskReport.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AtomicLong restored = new AtomicLong();
  private KafkaStreams streams;

  /** Counts restores of {@code streams}' stores; call before it starts. */
  void watch(KafkaStreams streams) {
    this.streams = streams;
    streams.setGlobalStateRestoreListener(this);
  }

  String json() {
    ObjectNode report = JSON.createObjectNode();
    report.put("state", streams.state().name());
    TreeSet<String> active = new TreeSet<>();
    TreeSet<String> standby = new TreeSet<>();
    if (streams.state().isRunningOrRebalancing()) {
      for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
        thread.activeTasks().stream().map(TaskMetadata::taskId).forEach(t -> active.add(t.toString()));
        thread.standbyTasks().stream().map(TaskMetadata::taskId).forEach(t -> standby.add(t.toString()));
      }
    }
    active.forEach(report.putArray("active")::add);
    standby.forEach(report.putArray("standby")::add);
    report.put("restoredRecords", restored.get());
    return report.toString();
  }

  @Override
  public void onRestoreStart(TopicPartition partition, String store, long startOffset, long endOffset) {
    LOG.info("restoring {} from {} ({} records)", store, partition, endOffset - startOffset);
  }

  @Override
  public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
    restored.addAndGet(numRestored);
  }

  @Override
  public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
    LOG.info("restored {} from {}: {} records", store, partition, totalRestored);
  }
}
