package io.matchstream.client;

import io.matchstream.topology.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far the streams app has got, from its consumer group's committed offsets: under exactly-once
 * a committed input offset means the records before it were processed and their outputs committed.
 */
public final class AppProgress {
  private static final List<String> HOPS = List.of(Topics.ACCEPTED, Topics.SETTLEMENTS);

  private final Admin admin;
  private final String applicationId;

  public AppProgress(Admin admin, String applicationId) {
    this.admin = admin;
    this.applicationId = applicationId;
  }

  /**
   * Waits until the app has processed every record up to {@code lastSent} (offset per partition
   * of the input topics) and everything those caused on the stages' hops, the accepted orders and
   * the settlements: nothing the app was given is still in flight.
   */
  public void awaitProcessed(Map<TopicPartition, Long> lastSent, Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<TopicPartition, Long> lastEnds = null;
    while (true) {
      Map<TopicPartition, OffsetAndMetadata> committed = committed();
      boolean inputsDone = lastSent.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null
          && committed.get(e.getKey()).offset() > e.getValue());
      if (inputsDone) {
        Map<TopicPartition, Long> ends = endOffsets(HOPS);
        // a transaction's commit marker takes the last offset of a partition: one behind is caught up
        boolean hopsDone = ends.entrySet().stream().allMatch(e -> e.getValue() == 0
            || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue() - 1));
        if (hopsDone && ends.equals(lastEnds)) {
          return;
        }
        lastEnds = hopsDone ? ends : null;
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("the streams app (" + applicationId + ") has not processed what was sent in "
            + timeout.toSeconds() + " s: is it running?");
      }
      Thread.sleep(20);
    }
  }

  /** Waits until the app has processed everything now on its input topics, and what that caused. */
  public void awaitIdle(Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
    Map<TopicPartition, Long> lastOffsets = new HashMap<>();
    endOffsets(List.of(Topics.COMMANDS, Topics.REFERENCE)).forEach((partition, end) -> {
      if (end > 0) {
        lastOffsets.put(partition, end - 1);
      }
    });
    awaitProcessed(lastOffsets, timeout);
  }

  private Map<TopicPartition, OffsetAndMetadata> committed()
      throws InterruptedException, ExecutionException, TimeoutException {
    return admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
  }

  private Map<TopicPartition, Long> endOffsets(List<String> topics)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values().forEach(d ->
        d.partitions().forEach(p -> request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
    Map<TopicPartition, Long> ends = new HashMap<>();
    for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e
        : admin.listOffsets(request).all().get(10, TimeUnit.SECONDS).entrySet()) {
      ends.put(e.getKey(), e.getValue().offset());
    }
    return ends;
  }
}
