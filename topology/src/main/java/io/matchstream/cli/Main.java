package io.matchstream.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line of topology.jar. */
@Command(name = "topology.jar", mixinStandardHelpOptions = true,
    description = "Matchstream: a spot-exchange core on Kafka Streams.",
    subcommands = {ReplayCommand.class, RunCommand.class, ProduceCommand.class, ConsumeCommand.class})
public final class Main {
  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }
}
