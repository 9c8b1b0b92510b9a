package io.matchstream.replay;

import io.matchstream.codec.JsonCodec;
import io.matchstream.codec.JsonLineWriter;
import io.matchstream.schema.BalanceEvent;
import io.matchstream.schema.BookDelta;
import io.matchstream.schema.DeadLetter;
import io.matchstream.schema.OrderEvent;
import io.matchstream.schema.RejectEvent;
import io.matchstream.schema.Trade;
import io.matchstream.stage.StageSettings;
import io.matchstream.stage.StoreNames;
import io.matchstream.topology.MatchstreamTopology;
import io.matchstream.topology.RecordSerdes;
import io.matchstream.topology.StoreOptions;
import io.matchstream.topology.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.StateStore;

/**
 * Runs the real topology through Kafka Streams' test driver over command lines, one command to
 * completion before the next, and writes every event as a JSON line in emission order. Input and
 * output stream, so the file size is bounded only by disk.
 */
public final class Replay implements CommandReplay, AutoCloseable {
  private final JsonCodec codec = new JsonCodec();
  private JsonLineWriter lines;
  private final TopologyTestDriver driver;
  private final DriverInputs inputs;
  private final List<TestOutputTopic<String, ? extends SpecificRecord>> events = new ArrayList<>();
  private final List<TestOutputTopic<byte[], byte[]>> internal = new ArrayList<>();
  private final TestOutputTopic<String, DeadLetter> deadLetters;
  private final Path stateDir;
  private long deadLetterCount;

  public Replay(StoreOptions stores) {
    this(stores, temporaryDirectory());
  }

  /** A replay whose state lives in {@code stateDir}: one left by an earlier replay carries on from it. */
  public Replay(StoreOptions stores, Path stateDir) {
    this(stores, stateDir, StageSettings.defaults());
  }

  /** A replay whose stages run with {@code settings} (a small risk object cache, say). */
  public Replay(StoreOptions stores, Path stateDir, StageSettings settings) {
    this.stateDir = stateDir;
    RecordSerdes serdes = RecordSerdes.BINARY;
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "matchstream-replay");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "replay:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
    driver = new TopologyTestDriver(MatchstreamTopology.build(serdes, stores, settings), props);
    inputs = new DriverInputs(driver, serdes);
    Deserializer<String> keyReader = Serdes.String().deserializer();
    events.add(driver.createOutputTopic(Topics.TRADES, keyReader, serdes.serde(Trade.class).deserializer()));
    events.add(driver.createOutputTopic(Topics.ORDER_EVENTS, keyReader, serdes.serde(OrderEvent.class).deserializer()));
    events.add(driver.createOutputTopic(Topics.BOOK_DELTAS, keyReader, serdes.serde(BookDelta.class).deserializer()));
    events.add(driver.createOutputTopic(Topics.BALANCES, keyReader, serdes.serde(BalanceEvent.class).deserializer()));
    events.add(driver.createOutputTopic(Topics.REJECTS, keyReader, serdes.serde(RejectEvent.class).deserializer()));
    deadLetters = driver.createOutputTopic(Topics.DEAD_LETTERS, keyReader, serdes.serde(DeadLetter.class).deserializer());
    // the driver keeps every record sent to a topic until it is read: drain the internal hops
    for (String topic : List.of(Topics.ACCEPTED, Topics.SETTLEMENTS, Topics.REFERENCE_DATA, Topics.KLINES)) {
      internal.add(driver.createOutputTopic(topic, Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer()));
    }
  }

  private static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("matchstream-replay");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void apply(String line, Writer out) throws IOException {
    inputs.pipe(codec.readCommand(line));
    lines = JsonLineWriter.to(lines, codec, out);
    for (TestOutputTopic<String, ? extends SpecificRecord> topic : events) {
      while (!topic.isEmpty()) {
        lines.write(topic.readValue());
      }
    }
    lines.flush();
    for (TestOutputTopic<byte[], byte[]> topic : internal) {
      while (!topic.isEmpty()) {
        topic.readRecord();
      }
    }
    while (!deadLetters.isEmpty()) {
      DeadLetter letter = deadLetters.readValue();
      deadLetterCount++;
      System.err.println("dead letter from " + letter.getTopic() + ": " + letter.getReason());
    }
  }

  /**
   * SHA-256 over the final state of the stages' stores (accounts, open-order locks, used ids,
   * books and their counters), in key order: two replays with the same digest ended identical.
   */
  public String stateDigest() {
    try {
      java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
      for (String name : List.of(StoreNames.ACCOUNTS, StoreNames.USER_IDS, StoreNames.BOOK,
          StoreNames.BOOK_META)) {
        sha.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try (var all = driver.getKeyValueStore(name).all()) {
          while (all.hasNext()) {
            var entry = all.next();
            Object key = entry.key instanceof org.apache.kafka.common.utils.Bytes bytes
                ? java.util.HexFormat.of().formatHex(bytes.get()) : entry.key;
            Object value = entry.value instanceof byte[] raw ? java.util.HexFormat.of().formatHex(raw) : entry.value;
            sha.update((key + "=" + value + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
          }
        }
      }
      return java.util.HexFormat.of().formatHex(sha.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Shuts down as a clean restart does and leaves a copy of the state in {@code target}, for a new
   * replay to carry on from. The stores are closed before the copy because since Kafka 4.3 a commit
   * no longer flushes RocksDB's memtables (KIP-1035) and an open store is marked as one to wipe;
   * the driver itself deletes its directory when it closes.
   */
  public void closeInto(Path target) throws IOException {
    for (StateStore store : driver.getAllStateStores().values()) {
      store.close();
    }
    try (var paths = Files.walk(stateDir)) {
      for (Path path : paths.toList()) {
        Path copy = target.resolve(stateDir.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(copy);
        } else if (!path.getFileName().toString().equals("LOCK")) {
          Files.copy(path, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    close();
  }

  public long deadLetterCount() {
    return deadLetterCount;
  }

  @Override
  public void close() {
    driver.close();
    try (var paths = Files.walk(stateDir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory left behind is harmless
    }
  }
}
