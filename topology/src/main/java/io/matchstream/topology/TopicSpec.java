package io.matchstream.topology;

import org.apache.avro.specific.SpecificRecord;

/**
 * One topic of the app: its value type (its registered schema), whether it has a single partition
 * (reference data, read whole by every task) or the app's partition count, and whether it is
 * compacted (latest value per key).
 */
public record TopicSpec(String name, Class<? extends SpecificRecord> valueType, boolean single, boolean compacted) {
  /** The registry artifact of the topic's values (Apicurio's default TopicIdStrategy). */
  public String valueArtifact() {
    return name + "-value";
  }
}
