package io.matchstream.stack;

import io.matchstream.testdata.CommandGenerator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Utils;

/**
 * A generated stream whose order no partitioning can change: group {@code g} has its own symbol
 * and its own users, all of whose ids land on commands partition {@code g}, so each book receives
 * its orders from one partition, in the file's order. The groups' lines are interleaved. The
 * symbols are never halted after the set-up.
 */
final class PartitionedStream {
  private PartitionedStream() {}

  static List<String> of(long seed, int partitions, int commandsPerGroup, int usersPerGroup) {
    List<List<String>> groups = new ArrayList<>();
    for (int g = 0; g < partitions; g++) {
      Map<String, String> users = new HashMap<>();
      for (int u = 0; u < usersPerGroup; u++) {
        users.put("u" + u, userOnPartition("g" + g + "u" + u, g, partitions));
      }
      List<String> lines = new ArrayList<>();
      for (String line : CommandGenerator.of(seed + g, commandsPerGroup, 1, usersPerGroup, false).lines()) {
        // one symbol per group: B0 becomes the group's own base asset; ids get the group's prefix
        if (lines.size() > 3 && line.startsWith("{\"type\":\"symbol\"")) {
          continue;  // a halt mid-stream makes the producer wait for the app: the equivalence test has them
        }
        String renamed = line.replace("\"B0", "\"G" + g).replace("\"orderId\":\"o", "\"orderId\":\"g" + g + "o")
            .replace("\"txId\":\"", "\"txId\":\"g" + g);
        for (Map.Entry<String, String> user : users.entrySet()) {
          renamed = renamed.replace("\"userId\":\"" + user.getKey() + "\"", "\"userId\":\"" + user.getValue() + "\"");
        }
        lines.add(renamed);
      }
      groups.add(lines);
    }
    List<String> merged = new ArrayList<>();
    for (int i = 0; merged.size() < groups.stream().mapToInt(List::size).sum(); i++) {
      for (List<String> group : groups) {
        if (i < group.size()) {
          merged.add(group.get(i));
        }
      }
    }
    return merged;
  }

  /** A user id starting with {@code prefix} that the default partitioner puts on {@code partition}. */
  static String userOnPartition(String prefix, int partition, int partitions) {
    for (int salt = 0; ; salt++) {
      String id = prefix + "-" + salt;
      if (Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % partitions == partition) {
        return id;
      }
    }
  }
}
