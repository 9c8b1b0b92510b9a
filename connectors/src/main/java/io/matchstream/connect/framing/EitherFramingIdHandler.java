package io.matchstream.connect.framing;

import io.apicurio.registry.resolver.strategy.ArtifactReference;
import io.apicurio.registry.serde.IdHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The Avro converter's schema id in Confluent's wire format (the 4-byte content id the registry's
 * Confluent-compatible API serves), still reading the 8-byte global id that builds before it wrote,
 * so the sinks read a topic through a rolling move from one framing to the other. Ids start at 1
 * and stay below 2^32: an earlier frame starts with four zero bytes where a Confluent frame has its
 * non-zero id.
 *
 * <p>Apicurio's deserializer asks {@link #idSize()} right after {@link #readId} to find where the
 * value starts, so the size of the id last read is kept. Kafka Connect gives each task its own
 * converter and calls it from the task's thread only.
 */
public final class EitherFramingIdHandler implements IdHandler {
  private int lastSize = Integer.BYTES;

  @Override
  public void writeId(ArtifactReference reference, OutputStream out) throws IOException {
    out.write(ByteBuffer.allocate(Integer.BYTES).putInt(contentId(reference)).array());
  }

  @Override
  public void writeId(ArtifactReference reference, ByteBuffer buffer) {
    buffer.putInt(contentId(reference));
  }

  @Override
  public ArtifactReference readId(ByteBuffer buffer) {
    int contentId = buffer.getInt();
    if (contentId != 0) {
      lastSize = Integer.BYTES;
      return ArtifactReference.builder().contentId((long) contentId).build();
    }
    if (buffer.remaining() < Integer.BYTES) {
      throw new SerializationException("schema id 0 is no registry's: not a registry-framed Avro value");
    }
    lastSize = Long.BYTES;
    return ArtifactReference.builder().globalId(Integer.toUnsignedLong(buffer.getInt())).build();
  }

  @Override
  public int idSize() {
    return lastSize;
  }

  private static int contentId(ArtifactReference reference) {
    Long id = reference.getContentId();
    if (id == null) {
      throw new SerializationException("no content id for " + reference + ": set apicurio.registry.use-id=contentId");
    }
    return Math.toIntExact(id);
  }

  @Override
  public void configure(Map<String, Object> configs, boolean isKey) {
    // the ids' kinds are fixed by the format; nothing to configure
  }
}
