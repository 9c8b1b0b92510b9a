package io.matchstream.gateway.stream;

import io.matchstream.app.AppConfig;
import io.matchstream.client.CommandProducer;
import io.matchstream.client.CommittedReader;
import io.matchstream.client.PollLoop;
import io.matchstream.gateway.binance.BinanceError;
import io.matchstream.schema.ListenKey;
import io.matchstream.topology.Topics;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listen keys, Binance's way of opening a user's private stream: a signed request creates one, a
 * WebSocket connects with it. A key lives 60 minutes past its creation or last keep-alive. A user
 * holds at most {@code listen-keys-per-user} live keys: past it, creating one is refused
 * ({@code -1034}) and the keys the user has stay as they are (none is dropped to make room: a
 * client's open stream never loses its key under it). The user closes one
 * ({@code DELETE userDataStream}) or lets one expire.
 *
 * <p>A client behind a load balancer creates a key on one gateway instance and connects, keeps it
 * alive or closes it on others, so the keys live on the compacted {@code listen-keys} topic, which
 * every instance reads whole, from its beginning, into its map. A create, keep-alive or close is
 * answered once the broker has it and this instance has read it back. An instance asked to open a
 * stream with a key, to keep one alive, to close one it does not know or to count a user's keys
 * first reads up to the topic's end as it is then (2 s at most): what another instance answered a
 * moment ago holds here too.
 */
public final class ListenKeys implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ListenKeys.class);
  static final long LIFETIME_MS = 60 * 60 * 1000;
  private static final long CATCH_UP_MS = 2_000;
  // what create makes: only a path segment of this shape is worth a wait for the topic's end (the
  // others of /ws/... are stream names)
  private static final Pattern SHAPE = Pattern.compile("[0-9a-f]{64}");

  private final SecureRandom random = new SecureRandom();
  // written by the reader thread only, so it follows the topic's order: an instance's own write never
  // lands here over a later one of another instance
  private final Map<String, ListenKey> keys = new ConcurrentHashMap<>();
  private final Queue<Waiter> waiters = new ConcurrentLinkedQueue<>();
  private final Clock clock;
  private final int perUser;
  private final KafkaProducer<String, SpecificRecord> producer;
  private final KafkaConsumer<String, SpecificRecord> consumer;
  private final PollLoop reader;
  // owned by the reader's thread: the waiters taken from the queue; their ends are taken after they came
  private final List<Waiter> waiting = new ArrayList<>();
  private long prunedAt;

  /** A request thread waiting for the reader to reach {@code ends}; null: the topic's end once the reader looks. */
  private record Waiter(Map<TopicPartition, Long> ends, CompletableFuture<Void> done) {}

  public ListenKeys(AppConfig config, Clock clock, int perUser) {
    this.clock = clock;
    this.perUser = perUser;
    this.producer = CommandProducer.kafkaProducer(config, Map.of());
    // a fetch answers within 10 ms: the broker takes one request of a connection at a time, so the
    // end offsets a catch-up asks for would otherwise wait behind a fetch held for its 500 ms
    this.consumer = CommittedReader.open(config, Topics.LISTEN_KEYS, true,
        Map.of(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10));
    this.prunedAt = clock.millis();
    // a short poll: a new waiter is seen within 50 ms, no wakeup interrupting a reader busy elsewhere
    this.reader = new PollLoop("gateway-listen-keys", consumer, Duration.ofMillis(50), this::read, LOG);
  }

  public void start() {
    reader.start();
  }

  /** A new key for the user; a {@link BinanceError} when the user already holds the most allowed. */
  public synchronized String create(String userId) throws InterruptedException, ExecutionException, TimeoutException {
    // the count is of every instance's keys; synchronized: two creates here never both take the last room
    catchUp(null);
    long now = clock.millis();
    if (keys.values().stream().filter(k -> k.getUserId().equals(userId) && k.getExpires() >= now).count() >= perUser) {
      throw new BinanceError(400, -1034, "Too many listen keys for this user; current limit is " + perUser
          + ". Close one (DELETE /api/v3/userDataStream) or let one expire.");
    }
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String key = HexFormat.of().formatHex(bytes);
    write(key, new ListenKey(userId, now + LIFETIME_MS));
    return key;
  }

  /** Extends the key's life; false when it is not the user's or has expired. */
  public boolean keepAlive(String userId, String key) throws InterruptedException, ExecutionException,
      TimeoutException {
    // even for a key known here: a close on another instance before this request must not be undone by it
    catchUp(null);
    if (!live(key).filter(userId::equals).isPresent()) {
      return false;
    }
    write(key, new ListenKey(userId, clock.millis() + LIFETIME_MS));
    return true;
  }

  /** Ends the key: no new connection opens with it. False when it is not the user's. */
  public boolean close(String userId, String key) throws InterruptedException, ExecutionException, TimeoutException {
    ListenKey known = keys.get(key);
    if (known == null) {
      catchUp(null);
      known = keys.get(key);
    }
    if (known == null || !known.getUserId().equals(userId)) {
      return false;
    }
    write(key, null);
    return true;
  }

  /** The user whose live key {@code key} is. */
  Optional<String> userOf(String key) {
    // a known key too: one closed on another instance a moment ago must open nothing here
    if (key != null && SHAPE.matcher(key).matches()) {
      catchUp(null);
    }
    return live(key);
  }

  private Optional<String> live(String key) {
    ListenKey known = key == null ? null : keys.get(key);
    return known == null || known.getExpires() < clock.millis() ? Optional.empty() : Optional.of(known.getUserId());
  }

  /** Writes the key's record (null: closed) and waits until this instance has read it. */
  private void write(String key, ListenKey value) throws InterruptedException, ExecutionException, TimeoutException {
    RecordMetadata sent = producer.send(new ProducerRecord<>(Topics.LISTEN_KEYS, key, value)).get(10, TimeUnit.SECONDS);
    catchUp(Map.of(new TopicPartition(sent.topic(), sent.partition()), sent.offset() + 1));
  }

  /**
   * Waits, 2 s at most, until the reader has read up to {@code ends} (null: the topic's end as it is
   * once this is asked). Past that the caller answers from what has been read: a broker that does not
   * answer holds a request up 2 s, no more.
   */
  private void catchUp(Map<TopicPartition, Long> ends) {
    Waiter waiter = new Waiter(ends, new CompletableFuture<>());
    waiters.add(waiter);
    try {
      waiter.done().get(CATCH_UP_MS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      waiter.done().cancel(false);
      LOG.warn("the listen keys' reader did not reach the topic's end within {} ms", CATCH_UP_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A poll's batch, on the reader's thread: the keys it brings, then the waiters it satisfies. */
  private void read(ConsumerRecords<String, SpecificRecord> records) {
    for (ConsumerRecord<String, SpecificRecord> record : records) {
      if (record.value() instanceof ListenKey value && value.getExpires() >= clock.millis()) {
        keys.put(record.key(), value);
      } else {
        keys.remove(record.key());
      }
    }
    for (Waiter waiter; (waiter = waiters.poll()) != null; ) {
      waiting.add(waiter);
    }
    if (waiting.stream().anyMatch(w -> w.ends() == null)) {
      Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
      waiting.replaceAll(w -> w.ends() == null ? new Waiter(ends, w.done()) : w);
    }
    waiting.removeIf(w -> w.done().isDone() || (w.ends().entrySet().stream()
        .allMatch(end -> consumer.position(end.getKey()) >= end.getValue()) && w.done().complete(null)));
    // keys left to expire have no tombstone: the map forgets them now and then, the topic keeps them
    long now = clock.millis();
    if (now - prunedAt > 60_000) {
      keys.values().removeIf(k -> k.getExpires() < now);
      prunedAt = now;
    }
  }

  @Override
  public void close() throws InterruptedException {
    reader.close();
    producer.close(Duration.ofSeconds(5));
  }
}
