package io.matchstream.benchmarks;

import io.matchstream.codec.JsonCodec;
import io.matchstream.schema.Command;
import io.matchstream.schema.ReferenceCommand;
import io.matchstream.serde.AvroBinarySerde;
import io.matchstream.topology.Topics;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The baseline of the replay benchmark: what the test driver alone costs for a topology of the
 * replay's shape (the same four source topics, a command crossing commands → accepted →
 * settlements with an event out of each hop) when the processors do nothing but forward. The
 * commands are read and decoded from the same file, as the replay does.
 */
public final class TestDriverFloor {
  public static void main(String[] args) throws Exception {
    Path in = Path.of(args[0]);
    Topology topology = new Topology();
    topology.addSource("reference-in", Topics.REFERENCE);
    topology.addSource("commands-in", Topics.COMMANDS);
    topology.addSource("accepted-in", Topics.ACCEPTED);
    topology.addSource("settlements-in", Topics.SETTLEMENTS);
    topology.addProcessor("reference", () -> forwardTo("event"), "reference-in");
    topology.addProcessor("risk", () -> forwardTo("accepted", "event"), "commands-in");
    topology.addProcessor("book", () -> forwardTo("settlements", "event"), "accepted-in");
    topology.addProcessor("settle", () -> forwardTo("event"), "settlements-in");
    topology.addSink("accepted", Topics.ACCEPTED, "risk");
    topology.addSink("settlements", Topics.SETTLEMENTS, "book");
    topology.addSink("event", Topics.TRADES, "reference", "risk", "book", "settle");
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "floor");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "floor:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("floor").toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, System.getProperty("guarantee", StreamsConfig.EXACTLY_ONCE_V2));
    props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
    props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
    JsonCodec codec = new JsonCodec();
    AvroBinarySerde<Command> commands = new AvroBinarySerde<>(Command.class);
    AvroBinarySerde<ReferenceCommand> reference = new AvroBinarySerde<>(ReferenceCommand.class);
    long lines = 0;
    long start = System.nanoTime();
    try (TopologyTestDriver driver = new TopologyTestDriver(topology, props);
        BufferedReader reader = Files.newBufferedReader(in, StandardCharsets.UTF_8)) {
      var bytes = Serdes.ByteArray();
      TestInputTopic<byte[], byte[]> commandTopic =
          driver.createInputTopic(Topics.COMMANDS, bytes.serializer(), bytes.serializer());
      TestInputTopic<byte[], byte[]> referenceTopic =
          driver.createInputTopic(Topics.REFERENCE, bytes.serializer(), bytes.serializer());
      List<TestOutputTopic<byte[], byte[]>> outputs = List.of(Topics.TRADES, Topics.ACCEPTED, Topics.SETTLEMENTS)
          .stream().map(t -> driver.createOutputTopic(t, bytes.deserializer(), bytes.deserializer())).toList();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lines++;
        var decoded = codec.readCommand(line);
        if (decoded instanceof Command command) {
          commandTopic.pipeInput(new byte[0], commands.toBytes(command));
        } else {
          referenceTopic.pipeInput(new byte[0], reference.toBytes((ReferenceCommand) decoded));
        }
        for (TestOutputTopic<byte[], byte[]> output : outputs) {
          output.readRecordsToList();
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("test-driver floor: %d commands in %.1f s = %.0f commands/s%n", lines, seconds, lines / seconds);
  }

  private static Processor<Object, Object, Object, Object> forwardTo(String... children) {
    return new Processor<>() {
      private org.apache.kafka.streams.processor.api.ProcessorContext<Object, Object> context;

      @Override
      public void init(org.apache.kafka.streams.processor.api.ProcessorContext<Object, Object> context) {
        this.context = context;
      }

      @Override
      public void process(Record<Object, Object> record) {
        for (String child : children) {
          context.forward(record, child);
        }
      }
    };
  }
}
