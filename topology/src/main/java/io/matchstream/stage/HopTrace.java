package io.matchstream.stage;

import io.matchstream.topology.Topics;
import java.nio.ByteBuffer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Per-hop timing of a traced command: a command that arrives with the {@link Topics#TRACE_HEADER}
 * header (wall-clock microseconds, one long per stage so far) gets this stage's time appended, and
 * every record it causes carries the longer trace on. The load generator sets it on the orders it
 * times when asked, and reads where an order's time went from its first event. Untraced commands,
 * everything in production, pay one header lookup.
 */
final class HopTrace {
  private byte[] current;

  /** Starts an input: its trace with this stage's time appended, or none. */
  void begin(Headers headers) {
    Header header = headers.lastHeader(Topics.TRACE_HEADER);
    current = header == null ? null : appended(header.value(), Topics.traceMicros());
  }

  void end() {
    current = null;
  }

  /** Adds the current trace to an output's headers. */
  void copyTo(Headers headers) {
    if (current != null) {
      headers.add(Topics.TRACE_HEADER, current);
    }
  }

  private static byte[] appended(byte[] trace, long micros) {
    return ByteBuffer.allocate(trace.length + Long.BYTES).put(trace).putLong(micros).array();
  }
}
