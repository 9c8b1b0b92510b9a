package io.matchstream.stack;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The local stack's command line, behind {@code ./matchstream up}. */
@Command(name = "matchstream", mixinStandardHelpOptions = true, description = "Matchstream's local stack and its database.",
    subcommands = {UpCommand.class, SqlCommand.class, SinkLagCommand.class})
public final class Main {
  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }
}
