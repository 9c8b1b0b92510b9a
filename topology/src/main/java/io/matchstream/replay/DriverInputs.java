package io.matchstream.replay;

import io.matchstream.schema.Command;
import io.matchstream.schema.ReferenceCommand;
import io.matchstream.topology.CommandRouting;
import io.matchstream.topology.RecordSerdes;
import io.matchstream.topology.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The topology's input topics in a {@link TopologyTestDriver}: a decoded command line goes to the
 * topic, with the key and timestamp, that {@link CommandRouting} gives it on a broker.
 */
public final class DriverInputs {
  private final TestInputTopic<String, Command> commands;
  private final TestInputTopic<String, Command> transfers;
  private final TestInputTopic<String, ReferenceCommand> reference;

  public DriverInputs(TopologyTestDriver driver, RecordSerdes serdes) {
    StringSerializer keys = new StringSerializer();
    commands = driver.createInputTopic(Topics.COMMANDS, keys, serdes.serde(Command.class).serializer());
    transfers = driver.createInputTopic(Topics.TRANSFERS, keys, serdes.serde(Command.class).serializer());
    reference = driver.createInputTopic(Topics.REFERENCE, keys, serdes.serde(ReferenceCommand.class).serializer());
  }

  /** Pipes a {@code Command} or a {@code ReferenceCommand} where it belongs. */
  public void pipe(SpecificRecord decoded) {
    pipe(decoded, CommandRouting.timestamp(decoded));
  }

  /** The same, at the record timestamp {@code ts}. */
  public void pipe(SpecificRecord decoded, long ts) {
    pipe(CommandRouting.topic(decoded), CommandRouting.key(decoded), decoded, ts);
  }

  /** Pipes {@code decoded} to {@code topic} under {@code key}, wherever it belongs: for tests of misrouted records. */
  public void pipe(String topic, String key, SpecificRecord decoded, long ts) {
    switch (topic) {
      case Topics.REFERENCE -> reference.pipeInput(key, (ReferenceCommand) decoded, ts);
      case Topics.TRANSFERS -> transfers.pipeInput(key, (Command) decoded, ts);
      case Topics.COMMANDS -> commands.pipeInput(key, (Command) decoded, ts);
      default -> throw new IllegalArgumentException("no input topic " + topic);
    }
  }
}
