package io.matchstream.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.matchstream.stack.NodePackages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The dashboard and the alerts: the dashboard passes Grafana's schema, the rules pass
 * {@code promtool check rules} and fire, in {@code promtool test rules}, on what they watch; every
 * overlay deploys them with a scrape of each part. (That every query names series the parts
 * really export is checked on the running path: the gateway module's WholePathMetricsOnStackTest.)
 */
class MonitoringTest {
  static final List<String> OVERLAYS = Manifests.OVERLAYS;
  private static final Path METRICS = Tools.MODULE.resolve("base/metrics");
  private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
  @TempDir Path dir;

  @Test
  void theDashboardPassesGrafanasSchema() throws IOException {
    String dashboard = Files.readString(METRICS.resolve("matchstream-dashboard.json"));
    NodePackages.Result checked = Tools.checkDashboard(dashboard);
    assertThat(checked.exitCode()).as(checked.output()).isZero();
    // the check refuses what is wrong, so its silence means something
    assertThat(Tools.checkDashboard(dashboard.replaceFirst("\"gridPos\"", "\"gridPoz\"")).output())
        .contains("'\"gridPoz\"' does not exist");
    assertThat(Tools.checkDashboard(dashboard.replaceFirst("\"schemaVersion\": 39", "\"schemaVersion\": \"39\""))
        .exitCode()).isNotZero();
  }

  @Test
  void theDashboardCoversTheChecklist() throws IOException {
    JsonNode dashboard = new ObjectMapper().readTree(METRICS.resolve("matchstream-dashboard.json").toFile());
    List<String> queries = new ArrayList<>();
    dashboard.path("panels").forEach(p -> p.path("targets").forEach(t -> queries.add(t.path("expr").asText())));
    String all = String.join("\n", queries);
    // orders/s, p50/p95/p99, queue depth, CPU and memory, database connections, error rate: for each part
    assertThat(all).contains("matchstream_gateway_commands_total", "matchstream_orders_total", "matchstream_trades_total",
        "histogram_quantile(0.5,", "histogram_quantile(0.95,", "histogram_quantile(0.99,",
        "matchstream_stage_latency_seconds_bucket", "http_server_requests_seconds_bucket",
        "kafka_consumer_fetch_manager_records_lag", "kafka_consumer_records_lag",
        "process_cpu_usage", "process_cpu_seconds_total", "jvm_memory_used_bytes",
        "c3p0_numconnectionsallusers", "matchstream_rejections_total", "matchstream_dead_letters_total",
        "matchstream_halted_tasks", "kafka_server_brokertopicmetrics_messagesin_total");
  }

  @Test
  void theRulesPassPromtool() throws Exception {
    Path rules = rulesFile();
    Run check = promtool("check", "rules", rules.toString());
    assertThat(check.exitCode).as(check.output).isZero();
    assertThat(check.output).contains("SUCCESS: 9 rules found");
  }

  /** Each alert fires on what it watches, and not before its time. */
  @Test
  void theAlertsFireOnWhatTheyWatch() throws Exception {
    Path rules = rulesFile();
    Path test = dir.resolve("rules.test.yaml");
    Files.writeString(test, """
        rule_files: [%s]
        evaluation_interval: 1m
        tests:
          - interval: 1m
            input_series:
              - series: 'matchstream_halted_tasks{job="app"}'
                values: '0 0 1 1'
              - series: 'matchstream_dead_letters_total{stage="risk"}'
                values: '0 0 0 3 3 3'
              - series: 'kafka_consumer_fetch_manager_records_lag{client_id="app-StreamThread-1-consumer",topic="commands",partition="0"}'
                values: '0+500x20'
              - series: 'matchstream_stage_latency_seconds_bucket{stage="book",le="0.03"}'
                values: '0+0x20'
              - series: 'matchstream_stage_latency_seconds_bucket{stage="book",le="0.13"}'
                values: '0+100x20'
              - series: 'matchstream_stage_latency_seconds_bucket{stage="book",le="+Inf"}'
                values: '0+100x20'
              - series: 'kafka_log_end_offset{topic="sink-trades-dlq",partition="0"}'
                values: '0 0 0 0 5 5'
            alert_rule_test:
              - eval_time: 1m
                alertname: MatchstreamPartitionHalted
                exp_alerts: []
              - eval_time: 2m
                alertname: MatchstreamPartitionHalted
                exp_alerts:
                  - exp_labels: {severity: critical}
                    exp_annotations:
                      summary: A stage stopped on an input it cannot apply
                      description: "1 task(s) halted: nothing after the input is applied until the cause is fixed and the app restarted. The app's /health names the input and the error (docs/operations.md, Halts)."
              - eval_time: 4m
                alertname: MatchstreamDeadLetters
                exp_alerts:
                  - exp_labels: {severity: warning}
                    exp_annotations:
                      summary: Inputs the stages could not decode went to the dead letters
                      description: A producer writes what the exchange cannot read; the dead-letters topic keeps each record whole, with why.
              - eval_time: 5m
                alertname: MatchstreamSinkDeadLetters
                exp_alerts:
                  - exp_labels: {severity: warning, topic: sink-trades-dlq}
                    exp_annotations:
                      summary: "Rows the sink could not write went to sink-trades-dlq"
                      description: A table misses the rows of those records until they are written again.
              - eval_time: 3m
                alertname: MatchstreamStageLagGrowing
                exp_alerts: []
              - eval_time: 12m
                alertname: MatchstreamStageLagGrowing
                exp_alerts:
                  - exp_labels: {severity: warning, topic: commands}
                    exp_annotations:
                      summary: "The stages fall behind on commands"
                      description: "6000 records behind and growing for 5 minutes: orders wait longer than usual."
              - eval_time: 12m
                alertname: MatchstreamLatencyHigh
                exp_alerts:
                  - exp_labels: {severity: warning}
                    exp_annotations:
                      summary: Orders take over 30 ms from command to fills (p99)
                      description: "p99 129ms for 5 minutes."
        """.formatted(rules.getFileName()));
    Run run = promtool("test", "rules", test.toString());
    assertThat(run.exitCode).as(run.output).isZero();
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void everyOverlayDeploysTheDashboardTheRulesAndAScrapeOfEachPart(String overlay) {
    Manifests manifests = Manifests.of(overlay);
    JsonNode dashboard = manifests.get("ConfigMap", "matchstream-dashboard");
    assertThat(dashboard.path("metadata").path("labels").path("grafana_dashboard").asText()).isEqualTo("1");
    assertThat(dashboard.path("data").path("matchstream-dashboard.json").asText()).contains("\"uid\": \"matchstream\"");
    assertThat(manifests.get("PrometheusRule", "matchstream").path("spec").path("groups")).hasSize(1);
    assertThat(manifests.get("ConfigMap", "kafka-metrics").path("data").has("kafka-jmx.yaml")).isTrue();
    assertThat(manifests.get("ConfigMap", "connect-metrics").path("data").has("connect-jmx.yaml")).isTrue();
    assertThat(manifests.get("Kafka", GeneratedManifests.KAFKA_CLUSTER).path("spec").path("kafka").path("metricsConfig")
        .path("valueFrom").path("configMapKeyRef").path("name").asText()).isEqualTo("kafka-metrics");
    assertThat(manifests.ofKind("KafkaConnect").get(0).path("spec").path("metricsConfig").path("valueFrom")
        .path("configMapKeyRef").path("name").asText()).isEqualTo("connect-metrics");
    // each PodMonitor's port is one its pods name
    assertThat(podPorts(manifests, "StatefulSet", "matchstream-app")).contains(
        manifests.get("PodMonitor", "matchstream-app").path("spec").path("podMetricsEndpoints").get(0).path("port").asText());
    assertThat(podPorts(manifests, "Deployment", "gateway")).contains(
        manifests.get("PodMonitor", "gateway").path("spec").path("podMetricsEndpoints").get(0).path("port").asText());
  }

  private static Set<String> podPorts(Manifests manifests, String kind, String name) {
    Set<String> ports = new TreeSet<>();
    manifests.get(kind, name).path("spec").path("template").path("spec").path("containers")
        .forEach(c -> c.path("ports").forEach(p -> ports.add(p.path("name").asText())));
    return ports;
  }

  /** The PrometheusRule's groups, as the rule file promtool reads. */
  private Path rulesFile() throws IOException {
    JsonNode rule = new YAMLMapper().readTree(METRICS.resolve("prometheus-rules.yaml").toFile());
    Path rules = dir.resolve("rules.yaml");
    new YAMLMapper().writeValue(rules.toFile(), rule.path("spec"));
    return rules;
  }

  private record Run(int exitCode, String output) {}

  private Run promtool(String... args) throws Exception {
    assertThat(PROMTOOL).as("promtool (Debian's prometheus package; .ci/run installs it)").isExecutable();
    List<String> command = new ArrayList<>(List.of(PROMTOOL.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), output);
  }
}
