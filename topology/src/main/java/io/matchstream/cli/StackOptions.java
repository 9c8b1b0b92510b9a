package io.matchstream.cli;

import io.matchstream.app.AppConfig;
import io.matchstream.client.Endpoints;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --config} option of every command that talks to a running stack, and the check that
 * its broker and registry answer before the command starts (a picocli mixin).
 */
public final class StackOptions {
  @Option(names = "--config", paramLabel = "FILE", description = "the app's properties file (broker, registry)")
  Path config;

  /** The settings, once the broker and registry answer; null, after saying why on stderr, when they do not. */
  public AppConfig connect(String command) {
    AppConfig settings = AppConfig.load(config, System.getenv());
    try {
      Endpoints.requireStack(settings);
      return settings;
    } catch (Endpoints.Unreachable e) {
      System.err.println("matchstream " + command + ": " + e.getMessage());
      return null;
    }
  }
}
