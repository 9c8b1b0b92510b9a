package io.matchstream.app;

import io.matchstream.topology.TopicSpec;
import io.matchstream.topology.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the app's topics that are missing, with their partition counts and configs. */
public final class TopicSetup {
  private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);

  private final Admin admin;
  private final int partitions;
  private final short replication;

  public TopicSetup(Admin admin, int partitions, short replication) {
    if (partitions < 1) {
      throw new IllegalArgumentException("app.partitions must be at least 1, not " + partitions);
    }
    this.admin = admin;
    this.partitions = partitions;
    this.replication = replication;
  }

  /** The configs a topic is created with. */
  public static Map<String, String> configs(TopicSpec topic) {
    Map<String, String> configs = new HashMap<>();
    // a command's ts is the record's timestamp and may be any epoch value: time must neither
    // expire the data nor make the broker refuse it; size-based retention is the operator's knob
    configs.put(TopicConfig.RETENTION_MS_CONFIG, "-1");
    configs.put(TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG, Long.toString(Long.MAX_VALUE));
    configs.put(TopicConfig.CLEANUP_POLICY_CONFIG,
        topic.compacted() ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE);
    if (topic.name().equals(Topics.GATEWAY_SNAPSHOTS)) {
      // a snapshot replaces the one before: the segment rolls hourly so compaction drops the old parts
      configs.put(TopicConfig.SEGMENT_MS_CONFIG, Long.toString(java.time.Duration.ofHours(1).toMillis()));
    }
    return configs;
  }

  public int partitionsOf(TopicSpec topic) {
    return partitionsOf(topic, partitions);
  }

  /** A topic's partition count when the app's keyed topics have {@code appPartitions}. */
  public static int partitionsOf(TopicSpec topic, int appPartitions) {
    return topic.single() ? 1 : appPartitions;
  }

  /**
   * Creates what is missing and checks that the risk stage's two inputs are co-partitioned;
   * returns their partition count.
   */
  public int ensure() throws InterruptedException, ExecutionException, TimeoutException {
    Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
    List<NewTopic> missing = new ArrayList<>();
    for (TopicSpec topic : Topics.CATALOG) {
      if (!existing.contains(topic.name())) {
        missing.add(new NewTopic(topic.name(), partitionsOf(topic), replication).configs(configs(topic)));
      }
    }
    for (var created : admin.createTopics(missing).values().entrySet()) {
      try {
        created.getValue().get(30, TimeUnit.SECONDS);
        LOG.info("created topic {}", created.getKey());
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    }
    return checkCoPartitioned();
  }

  // the risk stage reads a user's commands, transfers and settlements in one task, the one of their
  // partition number: the three topics must have the same partition count
  private int checkCoPartitioned() throws InterruptedException, ExecutionException, TimeoutException {
    List<String> riskInputs = List.of(Topics.COMMANDS, Topics.TRANSFERS, Topics.SETTLEMENTS);
    Map<String, TopicDescription> described =
        admin.describeTopics(riskInputs).allTopicNames().get(30, TimeUnit.SECONDS);
    Map<Integer, List<String>> byCount = new HashMap<>();
    described.values().forEach(d -> byCount.computeIfAbsent(d.partitions().size(), n -> new ArrayList<>()).add(d.name()));
    if (byCount.size() > 1) {
      throw new IllegalStateException("commands, transfers and settlements must have one partition count, but have " + byCount);
    }
    int actual = byCount.keySet().iterator().next();
    if (actual != partitions) {
      LOG.warn("the topics exist with {} partitions; app.partitions={} is ignored", actual, partitions);
    }
    return actual;
  }
}
