package io.matchstream.client;

import io.matchstream.app.AppConfig;
import io.matchstream.app.RegistrySerdes;
import io.matchstream.codec.JsonCodec;
import io.matchstream.topology.CommandRouting;
import io.matchstream.topology.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends SPEC's JSON command lines as Avro records, routed and keyed as the topology needs. A line
 * that is not a command still goes out (as a malformed command) and comes back as a MALFORMED
 * rejection, as in the replay tool.
 *
 * <p>Reference data reaches the stages through a global store, outside the commands' own order.
 * So that a definition (a listing, a halt) takes effect exactly between the commands around it in
 * the file, this waits, at each switch between reference data and commands, until the app has
 * processed everything sent before (and, after reference data, for {@code referenceGrace}, the
 * time the app's global store takes to catch up). Reference data comes in bursts, so this is rare.
 * Deposits and withdrawals go to the transfers topic, which the risk stage's tasks read with the
 * commands: at each switch between the two this waits the same way, unless {@link #racingTransfers}.
 */
public final class CommandProducer implements AutoCloseable {
  /** Ample for the app's global store to take in committed reference data (it takes milliseconds). */
  public static final Duration REFERENCE_GRACE = Duration.ofMillis(100);

  private final JsonCodec codec = new JsonCodec();
  private final KafkaProducer<String, SpecificRecord> producer;
  private final Admin admin;
  private final AppProgress progress;
  private final Duration referenceGrace;
  private final Map<TopicPartition, Long> lastSent = new ConcurrentHashMap<>();
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private String lastTopic;
  private boolean racingTransfers;
  private long sent;

  public CommandProducer(AppConfig config, Duration referenceGrace) {
    producer = kafkaProducer(config, Map.of(ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"));
    admin = Admin.create(config.kafkaClient());
    progress = new AppProgress(admin, config.get("application.id"));
    this.referenceGrace = referenceGrace;
  }

  /**
   * A producer of commands for the exchange: idempotent, acknowledged by every replica, Avro values
   * with their registry id in the payload; {@code tuning} adds producer settings (linger, compression).
   */
  public static KafkaProducer<String, SpecificRecord> kafkaProducer(AppConfig config, Map<String, Object> tuning) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
    props.putAll(config.kafkaClient());
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.putAll(tuning);
    @SuppressWarnings("unchecked")
    var values = (org.apache.kafka.common.serialization.Serializer<SpecificRecord>)
        (Object) RegistrySerdes.of(config).serde(SpecificRecord.class).serializer();
    return new KafkaProducer<>(props, new StringSerializer(), values);
  }

  /** The record a command goes out as: the topic, key and timestamp the topology routes it by. */
  public static ProducerRecord<String, SpecificRecord> record(SpecificRecord command) {
    return new ProducerRecord<>(CommandRouting.topic(command), null, CommandRouting.timestamp(command),
        CommandRouting.key(command), command);
  }

  /**
   * From now on, at a switch between commands and transfers, only waits until the broker has what
   * came before: a transfer may then be applied before or after the commands sent around it, as two
   * clients' requests would be. For a stream checked by its invariants, not against the replay:
   * waiting for the app at each transfer of a stream with 5% of them makes it ten times slower.
   */
  public CommandProducer racingTransfers() {
    racingTransfers = true;
    return this;
  }

  /** Sends one command line; returns the topic it went to. */
  public String send(String line) throws InterruptedException, ExecutionException, TimeoutException {
    return send(codec.readCommand(line));
  }

  /** Sends one command (a {@code Command} or a {@code ReferenceCommand}); returns the topic it went to. */
  public String send(SpecificRecord decoded) throws InterruptedException, ExecutionException, TimeoutException {
    return send(decoded, null);
  }

  /** The same, with a hop trace ({@link Topics#TRACE_HEADER}) when {@code trace} is not null. */
  public String send(SpecificRecord decoded, byte[] trace)
      throws InterruptedException, ExecutionException, TimeoutException {
    String topic = CommandRouting.topic(decoded);
    if (lastTopic != null && !lastTopic.equals(topic)) {
      if (Topics.REFERENCE.equals(lastTopic) || Topics.REFERENCE.equals(topic)) {
        awaitProcessed();
        if (Topics.REFERENCE.equals(lastTopic)) {
          Thread.sleep(referenceGrace.toMillis());
        }
      } else if (racingTransfers) {
        flush();
      } else {
        // commands and transfers: one risk task reads a user's both, but after a failover or with a
        // backlog it may take a later command before an earlier transfer it has not fetched yet
        awaitProcessed();
      }
    }
    lastTopic = topic;
    ProducerRecord<String, SpecificRecord> record = record(decoded);
    if (trace != null) {
      record.headers().add(Topics.TRACE_HEADER, trace);
    }
    producer.send(record, (meta, error) -> {
      if (error != null) {
        failure.compareAndSet(null, error);
      } else {
        lastSent.merge(new TopicPartition(meta.topic(), meta.partition()), meta.offset(), Math::max);
      }
    });
    sent++;
    return topic;
  }

  /** Waits until the app has processed every command sent so far, and what they caused. */
  public void awaitProcessed() throws InterruptedException, ExecutionException, TimeoutException {
    flush();
    Map<TopicPartition, Long> offsets = new HashMap<>(lastSent);
    lastSent.clear();
    progress.awaitProcessed(offsets, Duration.ofSeconds(120));
  }

  public long sent() {
    return sent;
  }

  /** Sends what is buffered; throws if any send failed. */
  public void flush() throws ExecutionException {
    producer.flush();
    Exception error = failure.get();
    if (error != null) {
      throw new ExecutionException("sending a command failed: " + error.getMessage(), error);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(30));
    admin.close(Duration.ofSeconds(5));
  }
}
