package io.matchstream.stack;

import java.util.List;

/**
 * A child JVM's JMX metrics served to Prometheus on a loopback port by the JMX exporter agent,
 * with the same rules the Kubernetes manifests give Strimzi.
 */
record JmxExporter(Layout layout, String part, int port) {
  /** The JVM options that load the agent; none when {@code port} is 0. */
  List<String> jvmOptions() {
    if (port == 0) {
      return List.of();
    }
    return List.of("-javaagent:" + layout.jmxExporterAgent() + "=127.0.0.1:" + port + ":"
        + layout.jmxExporterRules(part));
  }

  String url() {
    return "http://127.0.0.1:" + port + "/metrics";
  }
}
