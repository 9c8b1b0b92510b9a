package io.matchstream.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The Apicurio registry, its artifacts kept in an H2 database file under {@code dir}. */
public final class RegistryNode {
  private final Layout layout;
  private final Path dir;
  private final int port;
  private ChildProcess process;

  public RegistryNode(Layout layout, Path dir, int port) {
    this.layout = layout;
    this.dir = dir;
    this.port = port;
  }

  /** The URL the serdes take. */
  public String url() {
    return "http://127.0.0.1:" + port + "/apis/registry/v2";
  }

  public void start(Duration timeout) throws IOException, InterruptedException {
    // the app distribution keeps artifacts in an in-memory H2 database; a file makes them outlive a restart
    process = ChildProcess.start("registry", List.of(ChildProcess.java(), "-Xms128m", "-Xmx512m",
        "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
        "-Dquarkus.datasource.jdbc.url=jdbc:h2:file:" + dir.toAbsolutePath().resolve("registry"),
        "-jar", layout.registryJar().toString()), Map.of(), dir.resolve("registry.log"));
    Readiness.await(process, "http://127.0.0.1:" + port + "/health/ready", timeout);
  }

  public ChildProcess process() {
    return process;
  }

  public void stop() {
    if (process != null) {
      process.stop(30);
    }
  }
}
