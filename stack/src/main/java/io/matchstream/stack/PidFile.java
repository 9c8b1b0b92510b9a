package io.matchstream.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The parts' process ids, in the data folder. The parts run in sessions of their own, so a
 * launcher killed outright leaves them running; the next {@code up} on the folder stops those
 * leftovers before it starts anything.
 */
final class PidFile {
  private final Path file;

  PidFile(Path data) {
    this.file = data.resolve("pids");
  }

  void add(ChildProcess part) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, part.name() + " " + part.pid() + "\n", java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
  }

  /** Stops the parts an earlier launcher left running (newest first); returns their names. */
  List<String> stopLeftovers() throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    List<String> lines = Files.readAllLines(file);
    List<String> stopped = new java.util.ArrayList<>();
    for (int i = lines.size() - 1; i >= 0; i--) {
      String[] part = lines.get(i).trim().split(" ");
      if (part.length != 2) {
        continue;
      }
      Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(part[1]));
      if (process.isPresent() && process.get().isAlive() && isJava(process.get())) {
        process.get().destroy();
        try {
          process.get().onExit().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
          process.get().destroyForcibly();
        }
        stopped.add(part[0] + " (pid " + part[1] + ")");
      }
    }
    Files.delete(file);
    return stopped;
  }

  void clear() throws IOException {
    Files.deleteIfExists(file);
  }

  // a pid may have been reused by now: only a java process can be one of ours
  private static boolean isJava(ProcessHandle process) {
    return process.info().command().map(c -> c.endsWith("/java") || c.endsWith("/setsid")).orElse(false);
  }
}
