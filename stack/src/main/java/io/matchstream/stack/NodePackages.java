package io.matchstream.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A folder of Node.js scripts and the npm packages they use (third-party clients and tools the tests
 * drive unchanged), installed by {@code npm ci} from its lock file into a working folder on first
 * use, and run there. A lock file changed since the last install (a version bump) installs again.
 */
public final class NodePackages {
  /** What a command printed (its standard error too, where merged, else apart) and how it ended. */
  public record Result(int exitCode, String output, String errors) {}

  private final Path source;
  private final Path home;
  private boolean installed;

  /**
   * @param source the folder with {@code package.json}, {@code package-lock.json} and the scripts
   * @param home where they are copied and installed
   */
  public NodePackages(Path source, Path home) {
    this.source = source;
    this.home = home;
  }

  /** The third-party clients the tests run ({@code clients/} at the repository's root). */
  public static NodePackages clients(Path repository) {
    return new NodePackages(repository.resolve("clients"), repository.resolve("target/clients"));
  }

  public Path home() {
    return home;
  }

  public synchronized void install() {
    if (installed) {
      return;
    }
    boolean lockChanged;
    try {
      Path lock = home.resolve("package-lock.json");
      lockChanged = !Files.exists(lock) || Files.mismatch(lock, source.resolve("package-lock.json")) != -1;
      Files.createDirectories(home);
      try (Stream<Path> files = Files.list(source)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          Files.copy(file, home.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (lockChanged || !Files.exists(home.resolve("node_modules/.package-lock.json"))) {
      Result npm = run(List.of("npm", "ci", "--no-audit", "--no-fund"), null, true, Map.of());
      if (npm.exitCode() != 0) {
        throw new AssertionError("npm ci in " + home + " failed (are nodejs and npm installed?):\n" + npm.output());
      }
    }
    installed = true;
  }

  /** Runs {@code command} in the installed folder, {@code input} on its standard input, for at most 5 minutes. */
  public Result run(List<String> command, String input, boolean mergeErrors, Map<String, String> environment) {
    if (!command.get(0).equals("npm")) {
      install();
    }
    try {
      ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(mergeErrors);
      builder.environment().putAll(environment);
      Path errors = Files.createTempFile("node-stderr", ".txt");
      if (!mergeErrors) {
        builder.redirectError(errors.toFile());
      }
      Process process = builder.start();
      if (input != null) {
        process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
      }
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError(command + " did not end in 5 minutes");
      }
      String errorText = Files.readString(errors);
      Files.delete(errors);
      return new Result(process.exitValue(), output, errorText);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
