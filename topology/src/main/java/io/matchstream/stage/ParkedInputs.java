package io.matchstream.stage;

import io.matchstream.schema.state.ParkedInput;
import java.nio.ByteBuffer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A halted task's inputs, in arrival order, in a changelogged store: Kafka Streams has no way to
 * stop one partition of a task's thread, so a halted task goes on consuming but applies nothing,
 * keeping each input here until the one it halted on goes through.
 */
final class ParkedInputs {
  private final KeyValueStore<Long, ParkedInput> store;
  private long first;
  private long next;

  ParkedInputs(KeyValueStore<Long, ParkedInput> store) {
    this.store = store;
    try (KeyValueIterator<Long, ParkedInput> all = store.all()) {
      if (all.hasNext()) {
        first = all.next().key;
        next = first + 1;
        while (all.hasNext()) {
          next = all.next().key + 1;
        }
      }
    }
  }

  boolean isEmpty() {
    return first == next;
  }

  void add(Input input) {
    store.put(next++, new ParkedInput(input.topic(), input.partition(), input.offset(), input.timestamp(), input.key(),
        input.value() == null ? null : ByteBuffer.wrap(input.value())));
  }

  Input head() {
    KeyValue<Long, ParkedInput> head;
    try (KeyValueIterator<Long, ParkedInput> from = store.range(first, next)) {
      head = from.next();
    }
    first = head.key;
    ParkedInput p = head.value;
    byte[] value = null;
    if (p.getValue() != null) {
      ByteBuffer buffer = p.getValue().duplicate();
      value = new byte[buffer.remaining()];
      buffer.get(value);
    }
    return new Input(p.getTopic(), p.getPartition(), p.getOffset(), p.getTimestamp(), p.getKey(), value);
  }

  void removeHead() {
    store.delete(first++);
  }
}
