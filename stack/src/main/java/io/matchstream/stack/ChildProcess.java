package io.matchstream.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A part of the stack running as a child process, its output in a log file. */
public final class ChildProcess {
  private static final Path SETSID = Path.of("/usr/bin/setsid");
  private final String name;
  private final Process process;
  private final Path log;

  private ChildProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  public static ChildProcess start(String name, List<String> command, Map<String, String> env, Path log)
      throws IOException {
    Files.createDirectories(log.getParent());
    List<String> line = new java.util.ArrayList<>();
    if (Files.isExecutable(SETSID)) {
      // a session of its own: Ctrl-C reaches only the launcher, which then stops the parts in order
      line.add(SETSID.toString());
    }
    line.addAll(command);
    ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(env);
    return new ChildProcess(name, builder.start(), log);
  }

  /** Writes a part's settings to {@code file} (its folder made if missing), for the part to read at start. */
  public static Path writeConfig(java.util.Properties settings, Path file) throws IOException {
    Files.createDirectories(file.getParent());
    try (java.io.Writer out = Files.newBufferedWriter(file)) {
      settings.store(out, "written by ./matchstream up");
    }
    return file;
  }

  /** The java of this JVM, so the children run on the same JDK. */
  public static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  public String name() {
    return name;
  }

  public Path log() {
    return log;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** SIGTERM, then SIGKILL if it has not exited within {@code seconds}. */
  public void stop(long seconds) {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        System.err.println(name + " did not stop in " + seconds + " s: killed");
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /** SIGKILL: a crash, with no chance to clean up. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }

  /** Waits up to {@code seconds} for the process to exit; true if it did. */
  public boolean waitFor(long seconds) throws InterruptedException {
    return process.waitFor(seconds, TimeUnit.SECONDS);
  }

  public int exitValue() {
    return process.exitValue();
  }

  /** The last lines of the log, to say why a part did not come up. */
  public String tail(int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log at " + log + ")";
    }
  }
}
