package io.matchstream.gateway.view;

import io.matchstream.schema.ViewSnapshotPart;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/** A snapshot's bytes as the parts records of {@link SnapshotStore} carry them, streamed either way. */
final class SnapshotParts {
  private SnapshotParts() {}

  /** A part the pointer names is not there: overwritten by a later write, or compacted away. */
  static final class MissingPart extends IOException {
    MissingPart(String message) {
      super(message);
    }
  }

  /** Sends a part each time {@link SnapshotStore#PART_BYTES} are written; close sends the rest. */
  static final class Writer extends OutputStream {
    private final KafkaProducer<String, SpecificRecord> producer;
    private final TopicPartition partition;
    private final String id;
    private final long takenAt;
    private final String slot;
    private final byte[] buffer = new byte[SnapshotStore.PART_BYTES];
    private final List<Future<RecordMetadata>> sent = new ArrayList<>();
    private int filled;
    private long bytes;
    private boolean closed;

    Writer(KafkaProducer<String, SpecificRecord> producer, TopicPartition partition, String id, long takenAt,
        String slot) {
      this.producer = producer;
      this.partition = partition;
      this.id = id;
      this.takenAt = takenAt;
      this.slot = slot;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] data, int offset, int length) {
      while (length > 0) {
        int taken = Math.min(length, buffer.length - filled);
        System.arraycopy(data, offset, buffer, filled, taken);
        filled += taken;
        offset += taken;
        length -= taken;
        if (filled == buffer.length) {
          send();
        }
      }
    }

    private void send() {
      int part = sent.size();
      sent.add(producer.send(new ProducerRecord<>(partition.topic(), partition.partition(),
          slot + "/" + part, new ViewSnapshotPart(id, takenAt, slot, part, 0,
          ByteBuffer.wrap(Arrays.copyOf(buffer, filled)), -1L))));
      bytes += filled;
      filled = 0;
    }

    @Override
    public void close() {
      if (!closed && (filled > 0 || sent.isEmpty())) {
        send();
      }
      closed = true;
    }

    /** Waits until the broker has every part; the offset of the first. */
    long awaitSent() throws InterruptedException, ExecutionException {
      for (Future<RecordMetadata> part : sent) {
        part.get();
      }
      return sent.get(0).get().offset();
    }

    int count() {
      return sent.size();
    }

    long bytes() {
      return bytes;
    }
  }

  /**
   * The parts of the snapshot {@code pointer} names, read on from the consumer's position, in order:
   * records of other keys or snapshots between them are passed by. Past the pointer's own offset
   * with parts still missing, {@link MissingPart}.
   */
  static final class Reader extends InputStream {
    private final KafkaConsumer<String, SpecificRecord> consumer;
    private final ViewSnapshotPart pointer;
    private final long pointerOffset;
    private Iterator<ConsumerRecord<String, SpecificRecord>> batch = Collections.emptyIterator();
    private ByteBuffer current = ByteBuffer.allocate(0);
    private int next;

    Reader(KafkaConsumer<String, SpecificRecord> consumer, ViewSnapshotPart pointer, long pointerOffset) {
      this.consumer = consumer;
      this.pointer = pointer;
      this.pointerOffset = pointerOffset;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
      while (!current.hasRemaining()) {
        if (next == pointer.getParts()) {
          return -1;
        }
        current = nextPart();
      }
      int taken = Math.min(length, current.remaining());
      current.get(into, offset, taken);
      return taken;
    }

    private ByteBuffer nextPart() throws IOException {
      String key = pointer.getSlot() + "/" + next;
      long deadline = System.nanoTime() + SnapshotStore.READ_LIMIT.toNanos();
      while (true) {
        while (batch.hasNext()) {
          ConsumerRecord<String, SpecificRecord> record = batch.next();
          if (record.offset() >= pointerOffset) {
            throw new MissingPart("snapshot " + pointer.getSnapshotId() + " misses part " + next);
          }
          if (key.equals(record.key()) && record.value() instanceof ViewSnapshotPart part
              && part.getSnapshotId().equals(pointer.getSnapshotId())) {
            next++;
            return part.getData();
          }
        }
        if (System.nanoTime() > deadline) {
          throw new IOException("the snapshots' topic did not answer within " + SnapshotStore.READ_LIMIT);
        }
        batch = consumer.poll(Duration.ofMillis(200)).iterator();
      }
    }
  }
}
