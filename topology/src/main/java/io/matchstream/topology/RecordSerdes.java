package io.matchstream.topology;

import io.matchstream.serde.AvroBinarySerde;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/** The value serde of each topic's record type: plain Avro binary, or the registry's serde in production. */
@FunctionalInterface
public interface RecordSerdes {
  <T extends SpecificRecord> Serde<T> serde(Class<T> type);

  /** Avro binary without a registry: the replay tool and the topology tests. */
  RecordSerdes BINARY = AvroBinarySerde::new;
}
