package io.matchstream.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where the build put what the stack runs: the broker's classpath, the registry, the app's jar. */
public record Layout(Path home) {
  /** The repository: {@code -Dmatchstream.home}, else the first folder up from here that holds {@code stack/}. */
  public static Layout find() {
    String home = System.getProperty("matchstream.home");
    if (home != null) {
      return new Layout(Path.of(home).toAbsolutePath().normalize());
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("stack")) && Files.isDirectory(dir.resolve("topology"))) {
        return new Layout(dir);
      }
    }
    throw new IllegalStateException("cannot find the repository (no stack/ and topology/ above "
        + Path.of("").toAbsolutePath() + "); set -Dmatchstream.home");
  }

  public String brokerClasspath() {
    // the classes folder rather than the jar: the tests start the broker before the jar is packaged
    return require(home.resolve("stack/target/classes")) + java.io.File.pathSeparator
        + require(home.resolve("stack/target/lib")) + "/*";
  }

  public Path appJar() {
    return require(home.resolve("topology/target/topology.jar"));
  }

  public Path gatewayJar() {
    return require(home.resolve("gateway/target/gateway.jar"));
  }

  public Path registryJar() {
    Path dir = require(home.resolve("stack/target/apicurio"));
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith("-runner.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("no registry runner jar in " + dir + ": run mvn install"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Connect worker's plugin.path: the JDBC sink and the Avro converter, assembled by the connectors module. */
  public Path connectPlugins() {
    return require(home.resolve("connectors/target/plugins"));
  }

  /** The Prometheus JMX exporter agent the broker and the Connect worker run with. */
  public Path jmxExporterAgent() {
    return require(home.resolve("stack/target/agents/jmx_prometheus_javaagent.jar"));
  }

  /** The agent's rules for {@code part} ("kafka", "connect"): the ones the Kubernetes manifests give Strimzi. */
  public Path jmxExporterRules(String part) {
    return require(home.resolve("k8s/base/metrics/" + part + "-jmx.yaml"));
  }

  /** The MySQL schema the sinks write into. */
  public Path schemaSql() {
    return require(home.resolve("connectors/sql/matchstream.sql"));
  }

  /** The sink connectors' configs, one JSON file each ({@code name} and {@code config}, as Connect's REST API takes them). */
  public List<Path> sinkConfigs() {
    Path dir = require(home.resolve("connectors/sinks"));
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path require(Path path) {
    if (!Files.exists(path)) {
      throw new IllegalStateException(path + " is missing: build first (mvn -DskipTests install)");
    }
    return path;
  }
}
