package io.matchstream.connect.framing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apicurio.registry.resolver.strategy.ArtifactReference;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class EitherFramingIdHandlerTest {
  private final EitherFramingIdHandler handler = new EitherFramingIdHandler();

  @Test
  void readsAConfluentContentIdAndThenAnEarlierGlobalId() {
    ByteBuffer confluent = ByteBuffer.allocate(7).put((byte) 0).putInt(42).put(new byte[] {9, 9});
    confluent.position(1);
    assertThat(handler.readId(confluent).getContentId()).isEqualTo(42L);
    assertThat(handler.idSize()).isEqualTo(4);
    assertThat(confluent.position()).isEqualTo(5);

    ByteBuffer earlier = ByteBuffer.allocate(11).put((byte) 0).putLong(7L).put(new byte[] {9, 9});
    earlier.position(1);
    ArtifactReference reference = handler.readId(earlier);
    assertThat(reference.getGlobalId()).isEqualTo(7L);
    assertThat(reference.getContentId()).isNull();
    assertThat(handler.idSize()).isEqualTo(8);
    assertThat(earlier.position()).isEqualTo(9);
  }

  @Test
  void writesTheContentIdInFourBytes() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.writeId(ArtifactReference.builder().contentId(258L).globalId(99L).build(), out);
    assertThat(out.toByteArray()).containsExactly(0, 0, 1, 2);
    assertThatThrownBy(() -> handler.writeId(ArtifactReference.builder().globalId(99L).build(), ByteBuffer.allocate(4)))
        .isInstanceOf(SerializationException.class).hasMessageContaining("use-id=contentId");
  }

  @Test
  void aZeroIdWithNoRoomForAGlobalIdIsRefused() {
    ByteBuffer truncated = ByteBuffer.wrap(new byte[] {0, 0, 0, 0, 0, 1});
    truncated.position(1);
    assertThatThrownBy(() -> handler.readId(truncated)).isInstanceOf(SerializationException.class);
  }
}
