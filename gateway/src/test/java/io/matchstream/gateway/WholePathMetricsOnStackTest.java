package io.matchstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.matchstream.client.CommandProducer;
import io.matchstream.stack.Layout;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The seed system's monitoring checklist on the real path: every part's exporter (the streams
 * app's /metrics, the broker's and the Connect worker's JMX exporter agents, the gateway's
 * actuator) is scraped before and after orders sent through the gateway, and what the orders
 * moved moves; every query of the shipped dashboard and alerts names series those scrapes returned.
 */
class WholePathMetricsOnStackTest {
  private static final int PAIRS = 100;
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static GatewayClient gateway;
  private static Map<String, Scrape> before;
  private static Map<String, Scrape> after;

  @BeforeAll
  static void ordersGoThroughTheWholePath() throws Exception {
    GatewayFixture fixture = GatewayFixture.get();
    gateway = new GatewayClient(fixture.base, fixture.adminBase);
    String connect = fixture.connect().metricsUrl();
    Map<String, String> exporters = new LinkedHashMap<>();
    exporters.put("app", fixture.app().metricsUrl());
    exporters.put("broker", fixture.kafka().metricsUrl());
    exporters.put("connect", connect);
    exporters.put("gateway", fixture.adminBase + "/actuator/prometheus");
    gateway.deposit("watcher1", "USDT", "1000000", "watch-d1");
    gateway.deposit("watcher2", "ATOM", "100000", "watch-d2");
    GatewayClient.awaitTrue(() -> account("watcher1").contains("\"asset\":\"USDT\"")
        && account("watcher2").contains("\"asset\":\"ATOM\""));
    // the sinks have written what came before, so that what they read next is these orders' events
    GatewayClient.awaitTrue(() -> scrape(connect).sum("kafka_connect_sink_task_sink_record_read", "sink-balances") > 0);
    before = scrapeAll(exporters);
    for (int i = 0; i < PAIRS; i++) {
      order("watcher1", "BUY");
      order("watcher2", "SELL");
    }
    // one the risk stage refuses, from a producer of the commands topic (the gateway would refuse
    // it itself, from its view): watcher1 bought 100 ATOM, not 1,000
    try (CommandProducer producer = new CommandProducer(fixture.client, CommandProducer.REFERENCE_GRACE)) {
      producer.send("{\"type\":\"place\",\"orderId\":\"watch-broke\",\"userId\":\"watcher1\",\"symbol\":\"ATOM-USDT\","
          + "\"side\":\"SELL\",\"orderType\":\"LIMIT\",\"timeInForce\":\"GTC\",\"price\":\"10\",\"quantity\":\"1000\","
          + "\"ts\":" + System.currentTimeMillis() + "}");
    }
    double trades = before.get("app").sum("matchstream_trades_total", "ATOM-USDT") + PAIRS;
    GatewayClient.awaitTrue(() -> scrape(exporters.get("app")).sum("matchstream_trades_total", "ATOM-USDT") >= trades);
    GatewayClient.awaitTrue(() -> scrape(exporters.get("app")).sum("matchstream_rejections_total") > 0);
    double sunk = before.get("connect").sum("kafka_connect_sink_task_sink_record_read", "sink-trades") + PAIRS;
    GatewayClient.awaitTrue(() -> scrape(connect).sum("kafka_connect_sink_task_sink_record_read", "sink-trades") >= sunk);
    after = scrapeAll(exporters);
  }

  @Test
  void theStreamsAppCountsCommandsOrdersTradesAndTheirLatency() {
    assertThat(moved("app", "matchstream_commands_total", "stage=\"risk\"", "type=\"place\"")).isGreaterThanOrEqualTo(2 * PAIRS);
    assertThat(moved("app", "matchstream_commands_total", "stage=\"book\"", "type=\"place\"")).isGreaterThanOrEqualTo(2 * PAIRS);
    assertThat(moved("app", "matchstream_orders_total", "ATOM-USDT")).isEqualTo(2 * PAIRS);
    assertThat(moved("app", "matchstream_trades_total", "ATOM-USDT")).isEqualTo(PAIRS);
    assertThat(moved("app", "matchstream_stage_latency_seconds_count", "stage=\"book\"")).isGreaterThanOrEqualTo(2 * PAIRS);
    assertThat(moved("app", "matchstream_stage_latency_seconds_bucket", "stage=\"book\"", "le=\"+Inf\""))
        .isGreaterThanOrEqualTo(2 * PAIRS);
    assertThat(moved("app", "matchstream_rejections_total", "stage=\"risk\"", "INSUFFICIENT_BALANCE")).isEqualTo(1);
    assertThat(after.get("app").sum("matchstream_halted_tasks")).isZero();
    // Kafka Streams' own, through Micrometer's binder
    assertThat(moved("app", "kafka_stream_thread_process_total")).isGreaterThanOrEqualTo(4 * PAIRS);
    assertThat(moved("app", "kafka_stream_thread_commit_total")).isPositive();
    assertThat(after.get("app").names()).contains("kafka_stream_thread_commit_latency_avg",
        "kafka_stream_task_restore_remaining_records_total", "kafka_consumer_coordinator_rebalance_total",
        "kafka_consumer_fetch_manager_records_lag", "process_cpu_usage", "jvm_memory_used_bytes");
  }

  @Test
  void theBrokerCountsTheMessagesTheOrdersMade() {
    assertThat(moved("broker", "kafka_server_brokertopicmetrics_messagesin_total", "topic=\"commands\""))
        .isGreaterThanOrEqualTo(2 * PAIRS);
    assertThat(moved("broker", "kafka_log_end_offset", "topic=\"trades\"")).isGreaterThanOrEqualTo(PAIRS);
    assertThat(after.get("broker").names()).contains("kafka_network_requestmetrics_totaltimems",
        "kafka_server_replicamanager_underreplicatedpartitions", "jvm_memory_used_bytes", "process_cpu_seconds_total");
  }

  @Test
  void theSinksCountWhatTheyWroteAndHoldDatabaseConnections() {
    assertThat(moved("connect", "kafka_connect_sink_task_sink_record_send", "sink-trades")).isGreaterThanOrEqualTo(PAIRS);
    assertThat(after.get("connect").sum("c3p0_numconnectionsallusers")).isPositive();
    assertThat(after.get("connect").names()).contains("kafka_consumer_records_lag", "kafka_consumer_rebalance_total",
        "kafka_connect_task_error_total_record_failures");
  }

  @Test
  void theGatewayCountsTheOrdersItSentAndTheirRequests() {
    assertThat(moved("gateway", "matchstream_gateway_commands_total", "type=\"Place\"")).isEqualTo(2 * PAIRS);
    assertThat(moved("gateway", "http_server_requests_seconds_count", "uri=\"/api/v3/order\"", "status=\"200\""))
        .isGreaterThanOrEqualTo(2 * PAIRS);
    assertThat(moved("gateway", "http_server_requests_seconds_bucket", "uri=\"/api/v3/order\"", "le=\"+Inf\""))
        .isGreaterThanOrEqualTo(2 * PAIRS);
  }

  @Test
  void theMetricsAreServedOnTheAdminPortOnly() throws Exception {
    assertThat(gateway.publicGet("/actuator/prometheus").statusCode()).isEqualTo(404);
  }

  @Test
  void everyQueryOfTheDashboardAndTheAlertsNamesSeriesTheScrapesReturned() throws Exception {
    Set<String> scraped = new TreeSet<>();
    after.values().forEach(s -> scraped.addAll(s.names()));
    Path metrics = Layout.find().home().resolve("k8s/base/metrics");
    List<String> queries = new ArrayList<>();
    JsonNode dashboard = new ObjectMapper().readTree(metrics.resolve("matchstream-dashboard.json").toFile());
    dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(t -> queries.add(t.path("expr").asText())));
    Map<String, Object> rules = new Yaml().load(Files.readString(metrics.resolve("prometheus-rules.yaml")));
    for (Object group : (List<?>) ((Map<?, ?>) rules.get("spec")).get("groups")) {
      for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
        queries.add((String) ((Map<?, ?>) rule).get("expr"));
      }
    }
    assertThat(queries).hasSizeGreaterThan(30);
    for (String query : queries) {
      Set<String> names = PromQl.seriesNames(query);
      assertThat(names).as(query).isNotEmpty();
      assertThat(scraped).as(query).containsAll(names);
    }
  }

  private static double moved(String part, String name, String... labels) {
    return after.get(part).sum(name, labels) - before.get(part).sum(name, labels);
  }

  private static void order(String user, String side) throws Exception {
    HttpResponse<String> placed = gateway.binance(user, "POST", "/api/v3/order",
        "symbol=ATOMUSDT&side=" + side + "&type=LIMIT&timeInForce=GTC&price=10&quantity=1");
    assertThat(placed.statusCode()).as(placed.body()).isEqualTo(200);
  }

  private static String account(String user) throws Exception {
    return gateway.binance(user, "GET", "/api/v3/account", "").body();
  }

  private static Map<String, Scrape> scrapeAll(Map<String, String> exporters) throws Exception {
    Map<String, Scrape> scrapes = new LinkedHashMap<>();
    for (var exporter : exporters.entrySet()) {
      scrapes.put(exporter.getKey(), scrape(exporter.getValue()));
    }
    return scrapes;
  }

  private static Scrape scrape(String url) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(url).isEqualTo(200);
    return new Scrape(response.body());
  }

  /** One scrape in Prometheus' text format: its samples, each a series (name and labels) and a value. */
  record Scrape(String text) {
    Set<String> names() {
      Set<String> names = new TreeSet<>();
      text.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).forEach(l -> names.add(name(l)));
      return names;
    }

    /** The sum of the samples of {@code name} whose labels hold every one of {@code labels}. */
    double sum(String name, String... labels) {
      return text.lines().filter(l -> !l.startsWith("#") && name(l).equals(name))
          .filter(l -> List.of(labels).stream().allMatch(l.substring(0, l.lastIndexOf(' '))::contains))
          .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
          .filter(v -> !Double.isNaN(v)).sum();
    }

    private static String name(String line) {
      int end = line.indexOf('{');
      return line.substring(0, end >= 0 ? end : line.indexOf(' '));
    }
  }
}
