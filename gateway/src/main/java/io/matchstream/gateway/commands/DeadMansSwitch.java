package io.matchstream.gateway.commands;

import io.matchstream.app.AppConfig;
import io.matchstream.client.CommandProducer;
import io.matchstream.client.CommittedReader;
import io.matchstream.client.PollLoop;
import io.matchstream.schema.CancelAllAfter;
import io.matchstream.topology.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kraken's {@code cancelAllOrdersAfter}: a user arms a timer and keeps refreshing it; if it runs
 * out, the user's orders on every symbol are canceled (one {@code cancelAll} each), as a guard
 * against a client that died or lost its connection.
 *
 * <p>The timers live on the compacted {@code cancel-all-after} topic, keyed by user, so a request
 * that arms or refreshes one may reach any gateway instance. Each instance belongs to a consumer
 * group on that topic and fires the timers of the partitions it holds; when an instance goes, the
 * group hands its partitions, and their timers, to the others. An instance that takes a partition
 * reads it whole before it fires anything, so a refresh further on is never missed. A timer that
 * fired is marked so under a key of its own (an arm that races the firing is never overwritten),
 * and no instance fires that timer again; both keys of a user go to the user's partition.
 *
 * <p>Each arming names its signed request (timestamp and signature): a request older than the
 * last one taken for the user, or the same one again (a replay, sent to another instance before
 * it read the first), changes nothing here, whatever order the records come in. The gateway
 * refuses such a request before it writes anything as soon as its view has read the last one
 * ({@code ExchangeView#switchRequestTaken}).
 */
public final class DeadMansSwitch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeadMansSwitch.class);
  static final String GROUP = "matchstream-gateway-cancel-all-after";
  /** Kraken's limit: a day. */
  public static final long MAX_TIMEOUT_SECONDS = 86_400;
  // the keys of a user's timer and of the mark of its last firing: distinct prefixes, so no user id
  // can make one the other's
  private static final String ARMED = "armed/";
  private static final String FIRED = "fired/";

  private final KafkaProducer<String, SpecificRecord> producer;
  private final KafkaConsumer<String, SpecificRecord> consumer;
  private final CommandSender commands;
  private final Supplier<Collection<String>> symbols;
  private final Clock clock;
  private final Counter firings;
  private final PollLoop reader;
  // owned by the reader's thread, for the users of the partitions this instance holds: their armed
  // timers, and the trigger time of the last timer of theirs that fired
  private final Map<String, Armed> armed = new HashMap<>();
  private final Map<String, Armed> fired = new HashMap<>();
  private final Map<TopicPartition, Long> catchingUp = new HashMap<>();
  private final Map<String, Request> lastRequest = new HashMap<>();

  private record Armed(TopicPartition partition, long triggerTime) {}

  private record Request(TopicPartition partition, long setTime, String requestId) {
    /** Whether {@code later} is no newer request than this one: older, or this very request again. */
    boolean supersedes(CancelAllAfter later) {
      return superseded(setTime, requestId, later.getSetTime(), later.getRequestId());
    }
  }

  /**
   * Whether a request to a user's switch, signed at {@code setTime} with {@code requestId}, changes
   * nothing after the one known (signed at {@code knownSetTime} with {@code knownRequestId}): it is
   * older, or that very request again.
   */
  public static boolean superseded(long knownSetTime, String knownRequestId, long setTime, String requestId) {
    return knownSetTime > setTime || (knownRequestId != null && knownRequestId.equals(requestId));
  }

  public DeadMansSwitch(AppConfig config, CommandSender commands, Supplier<Collection<String>> symbols, Clock clock,
      MeterRegistry meters) {
    this.commands = commands;
    this.symbols = symbols;
    this.clock = clock;
    this.firings = Counter.builder("matchstream.gateway.cancel_all_after.fired")
        .description("dead-man's switches that ran out: the user's orders were canceled").register(meters);
    this.producer = CommandProducer.kafkaProducer(config, Map.of());
    Properties props = new Properties();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
    props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
    this.consumer = CommittedReader.groupMember(config, props);
    this.reader = new PollLoop("gateway-cancel-all-after", consumer, Duration.ofMillis(200), this::read, LOG);
  }

  /**
   * Arms or refreshes the user's switch to fire {@code timeoutSeconds} from now; 0 disarms it, by
   * the request signed at {@code requestTime} (epoch ms) with {@code requestId}. Returns the
   * trigger time (epoch ms), 0 when disarmed, once the broker has the record.
   */
  public long arm(String userId, long timeoutSeconds, long requestTime, String requestId) throws Exception {
    if (timeoutSeconds < 0 || timeoutSeconds > MAX_TIMEOUT_SECONDS) {
      throw new IllegalArgumentException("timeout must be 0 to " + MAX_TIMEOUT_SECONDS + " seconds");
    }
    long now = clock.millis();
    long triggerTime = timeoutSeconds == 0 ? 0 : now + TimeUnit.SECONDS.toMillis(timeoutSeconds);
    send(ARMED + userId, new CancelAllAfter(userId, triggerTime, requestTime, false, requestId))
        .get(10, TimeUnit.SECONDS);
    return triggerTime;
  }

  /** Both of a user's keys go to the partition of the user id, so one instance holds them. */
  private Future<?> send(String key, CancelAllAfter value) {
    int partitions = producer.partitionsFor(Topics.CANCEL_ALL_AFTER).size();
    int partition = Utils.toPositive(Utils.murmur2(value.getUserId().getBytes(StandardCharsets.UTF_8))) % partitions;
    return producer.send(new ProducerRecord<>(Topics.CANCEL_ALL_AFTER, partition, key, value));
  }

  public void start() {
    consumer.subscribe(List.of(Topics.CANCEL_ALL_AFTER), new ConsumerRebalanceListener() {
      @Override
      public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        armed.values().removeIf(a -> partitions.contains(a.partition()));
        lastRequest.values().removeIf(r -> partitions.contains(r.partition()));
        fired.values().removeIf(a -> partitions.contains(a.partition()));
        partitions.forEach(catchingUp::remove);
      }

      @Override
      public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        // the offsets are never committed: a partition taken over is read from its beginning
        consumer.seekToBeginning(partitions);
        catchingUp.putAll(consumer.endOffsets(partitions));
      }
    });
    reader.start();
  }

  /** A poll's batch, on the reader's thread: the requests it brings, then the timers that ran out. */
  private void read(ConsumerRecords<String, SpecificRecord> records) {
    for (ConsumerRecord<String, SpecificRecord> record : records) {
      if (record.value() instanceof CancelAllAfter timer) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        Armed seen = new Armed(partition, timer.getTriggerTime());
        Request known = lastRequest.get(timer.getUserId());
        if (timer.getFired()) {
          fired.put(timer.getUserId(), seen);
          continue;
        } else if (known != null && known.supersedes(timer)) {
          continue;
        }
        lastRequest.put(timer.getUserId(), new Request(partition, timer.getSetTime(), timer.getRequestId()));
        if (timer.getTriggerTime() > 0) {
          armed.put(timer.getUserId(), seen);
        } else {
          armed.remove(timer.getUserId());
        }
      }
    }
    catchingUp.entrySet().removeIf(end -> consumer.position(end.getKey()) >= end.getValue());
    if (catchingUp.isEmpty()) {
      fireExpired();
    }
  }

  private void fireExpired() {
    long now = clock.millis();
    for (Map.Entry<String, Armed> timer : armed.entrySet()) {
      String userId = timer.getKey();
      Armed due = timer.getValue();
      Armed last = fired.get(userId);
      if (due.triggerTime() > now || (last != null && last.triggerTime() == due.triggerTime())) {
        continue;
      }
      try {
        for (String symbol : symbols.get()) {
          commands.cancelAll(userId, symbol, now, null);
        }
        send(FIRED + userId, new CancelAllAfter(userId, due.triggerTime(), now, true, null));
        fired.put(userId, due);
        firings.increment();
        LOG.info("the dead-man's switch of {} ran out: its orders are canceled", userId);
      } catch (Exception e) {
        LOG.error("the dead-man's switch of {} ran out but the cancels could not be sent; trying again", userId, e);
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    reader.close();
    producer.close(Duration.ofSeconds(5));
  }
}
