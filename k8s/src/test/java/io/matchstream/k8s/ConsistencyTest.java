package io.matchstream.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.matchstream.app.AppConfig;
import io.matchstream.app.TopicSetup;
import io.matchstream.stack.ConnectNode;
import io.matchstream.stack.KafkaPrincipals;
import io.matchstream.topology.TopicSpec;
import io.matchstream.topology.Topics;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * What each overlay deploys agrees with the code: the topics with the app's catalog, partitions,
 * replication and configs; the sinks with {@code connectors/sinks}; the Connect worker with the
 * local stack's; the app's settings with the settings it knows; the versions with the build's; the
 * Kafka users and their ACLs with the local stack's, and every part logs in as one. And every
 * workload has resources, every reference resolves, every part its network policy.
 */
class ConsistencyTest {
  static final List<String> OVERLAYS = Manifests.OVERLAYS;
  /** The Secrets production takes from its secret store, not from the overlay. */
  static final Set<String> EXTERNAL_SECRETS = Set.of("matchstream-mysql", "matchstream-gateway-keys");

  private static final GeneratedManifests CODE = new GeneratedManifests(Tools.REPO);
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
  private static Properties versions;

  @BeforeAll
  static void loadVersions() throws Exception {
    versions = new Properties();
    try (InputStream in = ConsistencyTest.class.getResourceAsStream("/versions.properties")) {
      versions.load(in);
    }
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void topicsAreTheAppsCatalogWithItsPartitionsReplicationAndConfigs(String overlay) {
    Manifests manifests = Manifests.of(overlay);
    AppConfig app = appConfig(manifests);
    int partitions = app.getInt(AppConfig.PARTITIONS);
    int replication = app.getInt(AppConfig.REPLICATION_FACTOR);
    int minInSync = app.getInt("topic.min.insync.replicas");
    JsonNode brokerConfig = manifests.get("Kafka", GeneratedManifests.KAFKA_CLUSTER).path("spec").path("kafka").path("config");
    int nodes = manifests.get("KafkaNodePool", "dual-role").path("spec").path("replicas").asInt();

    Set<String> expected = new TreeSet<>();
    for (TopicSpec spec : Topics.CATALOG) {
      expected.add(spec.name());
      JsonNode topic = manifests.get("KafkaTopic", spec.name()).path("spec");
      assertThat(topic.path("partitions").asInt()).as(spec.name()).isEqualTo(TopicSetup.partitionsOf(spec, partitions));
      assertThat(strings(topic.path("config"))).as(spec.name()).isEqualTo(new TreeMap<>(TopicSetup.configs(spec)));
    }
    for (JsonNode sink : CODE.sinks()) {
      expected.add(sink.path("config").path("errors.deadletterqueue.topic.name").asText());
    }
    expected.add("kafkasql-journal");
    Set<String> deployed = new TreeSet<>(manifests.ofKind("KafkaTopic").stream().map(Manifests::name).toList());
    assertThat(deployed).isEqualTo(expected);

    for (JsonNode topic : manifests.ofKind("KafkaTopic")) {
      assertThat(topic.path("spec").path("replicas").asInt()).as(Manifests.name(topic)).isEqualTo(replication);
      assertThat(topic.path("metadata").path("labels").path("strimzi.io/cluster").asText())
          .isEqualTo(GeneratedManifests.KAFKA_CLUSTER);
    }
    // the topics Kafka Streams and the broker create themselves get the same replication
    assertThat(brokerConfig.path("default.replication.factor").asInt()).isEqualTo(replication);
    assertThat(brokerConfig.path("offsets.topic.replication.factor").asInt()).isEqualTo(replication);
    assertThat(brokerConfig.path("transaction.state.log.replication.factor").asInt()).isEqualTo(replication);
    assertThat(brokerConfig.path("min.insync.replicas").asInt()).isEqualTo(minInSync);
    assertThat(nodes).as("Kafka nodes").isGreaterThanOrEqualTo(replication);
    // with more than one replica, one broker may be down and producers still write
    assertThat(minInSync).isEqualTo(replication == 1 ? 1 : replication - 1);
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void theAppsSettingsAreOnesItKnowsAndRunStandbys(String overlay) throws Exception {
    Manifests manifests = Manifests.of(overlay);
    Set<String> known = knownAppSettings();
    for (String variable : Manifests.data(manifests.generated("ConfigMap", "matchstream-app")).keySet()) {
      assertThat(variable).startsWith(AppConfig.ENV_PREFIX);
      String key = variable.substring(AppConfig.ENV_PREFIX.length()).toLowerCase().replace('_', '.');
      assertThat(known).as("%s sets %s, which neither the app nor Kafka Streams knows", variable, key).contains(key);
    }
    AppConfig app = appConfig(manifests);
    JsonNode statefulSet = manifests.get("StatefulSet", "matchstream-app");
    assertThat(app.getInt("num.standby.replicas")).isEqualTo(1);
    assertThat(statefulSet.path("spec").path("replicas").asInt()).as("a standby needs a second instance").isGreaterThan(1);

    JsonNode pod = statefulSet.path("spec").path("template").path("spec");
    JsonNode container = pod.path("containers").get(0);
    int healthPort = app.getInt(AppConfig.HEALTH_PORT);
    assertThat(port(container, container.path("readinessProbe").path("httpGet").path("port").asText())).isEqualTo(healthPort);
    assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/health");
    assertThat(app.get(AppConfig.HEALTH_HOST)).isEqualTo("0.0.0.0");
    String stateMount = mountPath(container, "state");
    assertThat(app.get("state.dir")).startsWith(stateMount + "/");
    assertThat(volumeClaims(statefulSet)).contains("state");
    // the app's shutdown hook closes the streams within 30 s
    assertThat(pod.path("terminationGracePeriodSeconds").asInt()).isGreaterThan(30);
    assertThat(envFieldRef(container, "MATCHSTREAM_GROUP_INSTANCE_ID")).isEqualTo("metadata.name");
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void connectorsAreTheSinksAndTheWorkerIsTheLocalStacks(String overlay) {
    Manifests manifests = Manifests.of(overlay);
    JsonNode connect = manifests.get("KafkaConnect", GeneratedManifests.CONNECT_CLUSTER);
    List<String> names = new ArrayList<>();
    for (JsonNode sink : CODE.sinks()) {
      String name = sink.get("name").asText();
      names.add(name);
      JsonNode spec = manifests.get("KafkaConnector", name).path("spec");
      ObjectNode config = sink.get("config").deepCopy();
      assertThat(spec.path("class").asText()).isEqualTo(config.remove("connector.class").asText());
      assertThat(spec.path("tasksMax").asText()).isEqualTo(config.remove("tasks.max").asText());
      assertThat(strings(spec.path("config"))).isEqualTo(strings(config));
      // what the connector reads from the worker's environment, the worker has
      Matcher env = Pattern.compile("\\$\\{env:([A-Z_]+)}").matcher(config.toString());
      while (env.find()) {
        assertThat(connectEnv(connect)).as(name).contains(env.group(1));
      }
    }
    assertThat(manifests.ofKind("KafkaConnector").stream().map(Manifests::name)).containsExactlyInAnyOrderElementsOf(names);
    assertThat(manifests.ofKind("KafkaConnector")).allSatisfy(c ->
        assertThat(c.path("metadata").path("labels").path("strimzi.io/cluster").asText()).isEqualTo(Manifests.name(connect)));
    assertThat(connect.path("metadata").path("annotations").path("strimzi.io/use-connector-resources").asText()).isEqualTo("true");
    assertThat(strings(connect.path("spec").path("config"))).containsAllEntriesOf(ConnectNode.sinkWorkerSettings());
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void versionsAndPluginsAreTheBuilds(String overlay) throws Exception {
    Manifests manifests = Manifests.of(overlay);
    // the brokers and Connect run the Kafka Strimzi's operator supports, not the clients' version
    String kafka = versions.getProperty("strimzi.kafka.version");
    assertThat(manifests.get("Kafka", GeneratedManifests.KAFKA_CLUSTER).path("spec").path("kafka").path("version").asText())
        .isEqualTo(kafka);
    JsonNode connect = manifests.get("KafkaConnect", GeneratedManifests.CONNECT_CLUSTER).path("spec");
    assertThat(connect.path("version").asText()).isEqualTo(kafka);
    assertThat(image(manifests.get("Deployment", "registry")))
        .endsWith(":" + versions.getProperty("apicurio.version"));

    Map<String, JsonNode> artifacts = new HashMap<>();
    for (JsonNode plugin : connect.path("build").path("plugins")) {
      for (JsonNode artifact : plugin.path("artifacts")) {
        String key = artifact.has("artifact") ? artifact.path("artifact").asText()
            : artifact.path("url").asText().replaceAll(".*/", "");
        artifacts.put(key, artifact);
      }
    }
    String debezium = versions.getProperty("debezium.version");
    String tarball = "debezium-connector-jdbc-" + debezium + "-plugin.tar.gz";
    assertThat(artifacts).containsKeys(tarball, "connectors", "apicurio-registry-utils-converter");
    Path local = Path.of(System.getProperty("maven.repo.local"),
        "io/debezium/debezium-connector-jdbc", debezium, tarball);
    String sha512 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(Files.readAllBytes(local)));
    assertThat(artifacts.get(tarball).path("sha512sum").asText()).as("the checksum of " + local).isEqualTo(sha512);
    assertThat(artifacts.get(tarball).path("url").asText())
        .isEqualTo("https://repo1.maven.org/maven2/io/debezium/debezium-connector-jdbc/" + debezium + "/" + tarball);
    assertThat(artifacts.get("connectors").path("version").asText()).isEqualTo(versions.getProperty("project.version"));
    assertThat(artifacts.get("apicurio-registry-utils-converter").path("version").asText())
        .isEqualTo(versions.getProperty("apicurio.version"));
    // the converter's id handler is in the same plugin as the converter, at this build's version
    String framing = "connectors-" + versions.getProperty("project.version") + "-framing.jar";
    assertThat(artifacts).containsKey(framing);
    assertThat(connect.path("config").path("value.converter.apicurio.registry.id-handler").asText())
        .isEqualTo("io.matchstream.connect.framing.EitherFramingIdHandler");
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void kafkaAsksEveryClientToLogInAndAllowsOnlyWhatItsUserMayDo(String overlay) {
    Manifests manifests = Manifests.of(overlay);
    JsonNode kafka = manifests.get("Kafka", GeneratedManifests.KAFKA_CLUSTER).path("spec");
    assertThat(kafka.path("kafka").path("listeners")).isNotEmpty().allSatisfy(l ->
        assertThat(l.path("authentication").path("type").asText()).as(l.path("name").asText()).isEqualTo("scram-sha-512"));
    assertThat(kafka.path("kafka").path("authorization").path("type").asText()).isEqualTo("simple");
    assertThat(kafka.path("kafka").path("authorization").path("superUsers")).isEmpty();
    assertThat(kafka.path("kafka").path("config").has("allow.everyone.if.no.acl.found")).isFalse();
    assertThat(kafka.path("entityOperator").path("userOperator").path("secretPrefix").asText())
        .isEqualTo(GeneratedManifests.USER_SECRET_PREFIX);

    // the KafkaUsers are the local stack's users, with the ACLs the local stack gives them
    Map<String, Set<String>> deployed = new TreeMap<>();
    for (JsonNode user : manifests.ofKind("KafkaUser")) {
      assertThat(user.path("metadata").path("labels").path("strimzi.io/cluster").asText())
          .isEqualTo(GeneratedManifests.KAFKA_CLUSTER);
      assertThat(user.path("spec").path("authentication").path("type").asText()).isEqualTo("scram-sha-512");
      assertThat(user.path("spec").path("authorization").path("type").asText()).isEqualTo("simple");
      deployed.put(Manifests.name(user), acls(user));
    }
    Map<String, Set<String>> expected = new TreeMap<>();
    CODE.grants().forEach((user, grants) -> {
      if (GeneratedManifests.USERS.contains(user)) {
        expected.put(user, new TreeSet<>(KafkaPrincipals.bindings(user, grants).stream().map(b -> acl(
            b.pattern().resourceType().name(), b.pattern().resourceType() == org.apache.kafka.common.resource.ResourceType.CLUSTER
                ? "" : b.pattern().name(), b.pattern().patternType().name(), b.entry().operation().name())).toList()));
      }
    });
    assertThat(deployed).isEqualTo(expected);

    // the gateway writes commands, its switches and its listen keys, nothing a stage, an operator or the admin producer writes
    Set<String> gateway = deployed.get(KafkaPrincipals.GATEWAY);
    for (String topic : List.of(Topics.SETTLEMENTS, Topics.REFERENCE, Topics.ACCEPTED, KafkaPrincipals.TRANSFERS,
        Topics.REFERENCE_DATA, Topics.TRADES, Topics.BALANCES)) {
      assertThat(gateway).as("gateway may write " + topic).noneMatch(a -> a.startsWith("TOPIC " + topic + " ")
          && (a.endsWith(" WRITE") || a.endsWith(" ALL")));
    }
    assertThat(gateway).noneMatch(a -> a.startsWith("TOPIC * ") || a.startsWith("TOPIC  PREFIXED")
        || (a.startsWith("TOPIC ") && a.contains(" PREFIXED ")));
    assertThat(writes(gateway)).containsExactlyInAnyOrder(Topics.COMMANDS, Topics.CANCEL_ALL_AFTER,
        Topics.LISTEN_KEYS, Topics.GATEWAY_SNAPSHOTS);
    // its groups are its own: none is the app's, Connect's or a sink's
    assertThat(gateway.stream().filter(a -> a.startsWith("GROUP ")))
        .allMatch(a -> a.startsWith("GROUP " + KafkaPrincipals.GATEWAY_GROUPS + " PREFIXED "));
    assertThat(writes(deployed.get(KafkaPrincipals.GATEWAY_ADMIN))).containsExactly(KafkaPrincipals.TRANSFERS);
    // nobody but the app writes what the stages write
    deployed.forEach((user, acls) -> {
      if (!user.equals(KafkaPrincipals.APP)) {
        assertThat(writes(acls)).as(user).doesNotContain(Topics.SETTLEMENTS, Topics.ACCEPTED, Topics.TRADES,
            Topics.BALANCES, Topics.ORDER_EVENTS, Topics.REFERENCE_DATA);
      }
    });
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void everyKafkaClientLogsInAsAKafkaUser(String overlay) {
    Manifests manifests = Manifests.of(overlay);
    Set<String> users = new TreeSet<>(manifests.ofKind("KafkaUser").stream().map(Manifests::name).toList());
    // each Kafka client, by the workload and the variable its login comes in, and the user that must be
    Map<String, String> logins = new TreeMap<>(Map.of(
        "matchstream-app MATCHSTREAM_SASL_JAAS_CONFIG", KafkaPrincipals.APP,
        "gateway MATCHSTREAM_GATEWAY_KAFKA_SASL_JAAS_CONFIG", KafkaPrincipals.GATEWAY,
        "gateway MATCHSTREAM_GATEWAY_ADMINKAFKA_SASL_JAAS_CONFIG", KafkaPrincipals.GATEWAY_ADMIN,
        "registry REGISTRY_KAFKA_COMMON_SASL_JAAS_CONFIG", KafkaPrincipals.REGISTRY));
    logins.forEach((login, user) -> {
      String[] parts = login.split(" ");
      JsonNode container = workloads(manifests).stream().filter(w -> Manifests.name(w).equals(parts[0])).findFirst()
          .orElseThrow().path("spec").path("template").path("spec").path("containers").get(0);
      JsonNode ref = stream(container.path("env")).filter(e -> e.path("name").asText().equals(parts[1])).findFirst()
          .orElseThrow(() -> new AssertionError(login + " is not set")).path("valueFrom").path("secretKeyRef");
      assertThat(ref.path("name").asText()).as(login).isEqualTo(GeneratedManifests.USER_SECRET_PREFIX + user);
      assertThat(ref.path("key").asText()).as(login).isEqualTo("sasl.jaas.config");
      assertThat(users).as(login).contains(user);
    });
    // the rest of each login: SASL over the plain listener with SCRAM-SHA-512
    Map<String, String> app = Manifests.data(manifests.generated("ConfigMap", "matchstream-app"));
    assertThat(app).containsEntry("MATCHSTREAM_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
        .containsEntry("MATCHSTREAM_SASL_MECHANISM", "SCRAM-SHA-512");
    Map<String, String> gateway = Manifests.data(manifests.generated("ConfigMap", "matchstream-gateway"));
    for (String prefix : List.of("MATCHSTREAM_GATEWAY_KAFKA_", "MATCHSTREAM_GATEWAY_ADMINKAFKA_")) {
      assertThat(gateway).containsEntry(prefix + "SECURITY_PROTOCOL", "SASL_PLAINTEXT")
          .containsEntry(prefix + "SASL_MECHANISM", "SCRAM-SHA-512");
    }
    JsonNode connect = manifests.get("KafkaConnect", GeneratedManifests.CONNECT_CLUSTER).path("spec").path("authentication");
    assertThat(connect.path("type").asText()).isEqualTo("scram-sha-512");
    assertThat(connect.path("username").asText()).isEqualTo(KafkaPrincipals.CONNECT);
    assertThat(connect.path("passwordSecret").path("secretName").asText())
        .isEqualTo(GeneratedManifests.USER_SECRET_PREFIX + KafkaPrincipals.CONNECT);
    assertThat(users).contains(KafkaPrincipals.CONNECT);
    // Connect's worker and group are the ones its user may use
    assertThat(manifests.get("KafkaConnect", GeneratedManifests.CONNECT_CLUSTER).path("spec").path("groupId").asText())
        .isEqualTo(KafkaPrincipals.CONNECT_GROUP);
    // the app runs under the application id its user's ACLs are for
    assertThat(appConfig(manifests).get("application.id")).isEqualTo(CODE.applicationId());
  }

  private static String acl(String type, String name, String pattern, String operation) {
    return type + " " + name + " " + pattern + " " + operation;
  }

  /** A KafkaUser's ACLs as "TYPE name PATTERN OPERATION" (Kafka's names), one per operation. */
  private static Set<String> acls(JsonNode user) {
    Set<String> acls = new TreeSet<>();
    for (JsonNode rule : user.path("spec").path("authorization").path("acls")) {
      assertThat(rule.path("type").asText("allow")).isEqualTo("allow");
      JsonNode resource = rule.path("resource");
      String type = switch (resource.path("type").asText()) {
        case "transactionalId" -> "TRANSACTIONAL_ID";
        default -> resource.path("type").asText().toUpperCase();
      };
      String pattern = type.equals("CLUSTER") ? "LITERAL"
          : resource.path("patternType").asText("literal").equals("prefix") ? "PREFIXED" : "LITERAL";
      String name = type.equals("CLUSTER") ? "" : resource.path("name").asText();
      for (JsonNode operation : rule.path("operations")) {
        acls.add(acl(type, name, pattern, operation.asText().replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase()));
      }
    }
    return acls;
  }

  /** The topics an ACL set lets write, by name (a prefix or a wildcard as it is written). */
  private static List<String> writes(Set<String> acls) {
    return acls.stream().filter(a -> a.startsWith("TOPIC ") && (a.endsWith(" WRITE") || a.endsWith(" ALL")))
        .map(a -> a.split(" ")[1]).distinct().toList();
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void everythingHasResourceRequestsAndLimits(String overlay) {
    Manifests manifests = Manifests.of(overlay);
    Map<String, JsonNode> resources = new TreeMap<>();
    for (JsonNode workload : workloads(manifests)) {
      JsonNode pod = workload.path("spec").path("template").path("spec");
      for (JsonNode container : iterable(Stream.concat(stream(pod.path("initContainers")), stream(pod.path("containers"))))) {
        resources.put(Manifests.name(workload) + "/" + container.path("name").asText(), container.path("resources"));
      }
    }
    manifests.ofKind("KafkaNodePool").forEach(p -> resources.put("KafkaNodePool " + Manifests.name(p), p.path("spec").path("resources")));
    manifests.ofKind("KafkaConnect").forEach(c -> {
      resources.put("KafkaConnect " + Manifests.name(c), c.path("spec").path("resources"));
      resources.put("KafkaConnect build " + Manifests.name(c), c.path("spec").path("build").path("resources"));
    });
    manifests.ofKind("Kafka").forEach(k -> {
      resources.put("topic operator", k.path("spec").path("entityOperator").path("topicOperator").path("resources"));
      resources.put("user operator", k.path("spec").path("entityOperator").path("userOperator").path("resources"));
      resources.put("Kafka exporter", k.path("spec").path("kafkaExporter").path("resources"));
    });
    assertThat(resources).hasSizeGreaterThanOrEqualTo(9).allSatisfy((name, r) -> {
      for (String bound : List.of("requests", "limits")) {
        for (String resource : List.of("cpu", "memory")) {
          assertThat(r.path(bound).has(resource)).as("%s has %s.%s", name, bound, resource).isTrue();
        }
      }
    });
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void everyConfigMapAndSecretReferenceResolves(String overlay) {
    Manifests manifests = Manifests.of(overlay);
    Map<String, Set<String>> configMaps = keysByName(manifests.ofKind("ConfigMap"));
    Map<String, Set<String>> secrets = keysByName(manifests.ofKind("Secret"));
    if (overlay.equals("production")) {
      assertThat(secrets).isEmpty();
      EXTERNAL_SECRETS.forEach(s -> secrets.put(s, null));
    }
    // the Secrets Strimzi's user operator makes, one per KafkaUser
    manifests.ofKind("KafkaUser").forEach(u -> secrets.put(GeneratedManifests.USER_SECRET_PREFIX + Manifests.name(u),
        Set.of("password", "sasl.jaas.config")));
    List<JsonNode> pods = new ArrayList<>();
    workloads(manifests).forEach(w -> pods.add(w.path("spec").path("template").path("spec")));
    manifests.ofKind("KafkaConnect").forEach(c -> pods.add(c.path("spec").path("template").path("connectContainer")));
    List<String> unresolved = new ArrayList<>();
    manifests.ofKind("KafkaConnect").forEach(c -> {
      JsonNode password = c.path("spec").path("authentication").path("passwordSecret");
      if (!password.isMissingNode()) {
        JsonNode reference = JSON.createObjectNode().put("name", password.path("secretName").asText());
        check(secrets, reference, password.path("password").asText(), unresolved);
      }
    });
    for (JsonNode pod : pods) {
      pod.findValues("configMapRef").forEach(r -> check(configMaps, r, null, unresolved));
      pod.findValues("configMapKeyRef").forEach(r -> check(configMaps, r, r.path("key").asText(), unresolved));
      pod.findValues("secretRef").forEach(r -> check(secrets, r, null, unresolved));
      pod.findValues("secretKeyRef").forEach(r -> check(secrets, r, r.path("key").asText(), unresolved));
      pod.findValues("configMap").forEach(r -> check(configMaps, r, null, unresolved));
    }
    assertThat(unresolved).isEmpty();
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void everyPartHasItsNetworkPolicyAndKafkaLetsInOnlyItsClients(String overlay) {
    Manifests manifests = Manifests.of(overlay);
    List<JsonNode> policies = manifests.ofKind("NetworkPolicy");
    for (JsonNode workload : workloads(manifests)) {
      Map<String, String> labels = labels(workload.path("spec").path("template").path("metadata"));
      boolean ingress = policies.stream().anyMatch(p -> selects(p.path("spec").path("podSelector"), labels)
          && p.path("spec").path("policyTypes").toString().contains("Ingress"));
      boolean egress = policies.stream().anyMatch(p -> selects(p.path("spec").path("podSelector"), labels)
          && p.path("spec").path("policyTypes").toString().contains("Egress"));
      assertThat(ingress && egress).as("%s has an ingress and an egress policy", Manifests.name(workload)).isTrue();
    }
    JsonNode listeners = manifests.get("Kafka", GeneratedManifests.KAFKA_CLUSTER).path("spec").path("kafka").path("listeners");
    assertThat(listeners).allSatisfy(l -> assertThat(l.path("networkPolicyPeers")).isNotEmpty());
    JsonNode peer = listeners.get(0).path("networkPolicyPeers").get(0).path("podSelector");
    // the parts that read or write Kafka are its peers, and the database is not
    for (String client : List.of("matchstream-app", "gateway", "registry")) {
      JsonNode workload = workloads(manifests).stream().filter(w -> Manifests.name(w).equals(client)).findFirst().orElseThrow();
      assertThat(selects(peer, labels(workload.path("spec").path("template").path("metadata")))).as(client).isTrue();
    }
    assertThat(selects(peer, labels(manifests.get("StatefulSet", "mysql").path("spec").path("template").path("metadata")))).isFalse();
    assertThat(selects(peer, labels(manifests.get("KafkaConnect", GeneratedManifests.CONNECT_CLUSTER)
        .path("spec").path("template").path("pod").path("metadata")))).isTrue();
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void theGatewaysAdminPortIsReachableByAdminPodsAndPrometheusOnly(String overlay) {
    Manifests manifests = Manifests.of(overlay);
    for (JsonNode service : manifests.ofKind("Service")) {
      boolean admin = service.path("spec").path("ports").findValuesAsText("targetPort").contains("admin");
      assertThat(admin).as("Service %s", Manifests.name(service)).isEqualTo(Manifests.name(service).equals("gateway-admin"));
    }
    assertThat(manifests.ofKind("Ingress").toString()).doesNotContain("gateway-admin").doesNotContain("8079");
    JsonNode policy = manifests.get("NetworkPolicy", "gateway").path("spec").path("ingress");
    for (JsonNode rule : policy) {
      if (rule.path("ports").toString().contains("8079")) {
        assertThat(rule.path("from").findValuesAsText("matchstream.io/admin")).as("who may reach 8079").containsExactly("true");
        for (JsonNode peer : rule.path("from")) {
          JsonNode labels = peer.path("podSelector").path("matchLabels");
          assertThat(labels.path("matchstream.io/admin").asText().equals("true")
              || labels.path("app.kubernetes.io/name").asText().equals("prometheus")).as("peer %s", peer).isTrue();
        }
      } else {
        assertThat(rule.path("ports").toString()).as("the public rule").contains("8080").doesNotContain("8079");
      }
    }
  }

  private static AppConfig appConfig(Manifests manifests) {
    return AppConfig.load(null, Manifests.data(manifests.generated("ConfigMap", "matchstream-app")));
  }

  /** The app's own settings, Kafka Streams', its clients' common ones, and the prefixed client and topic settings it passes on. */
  private static Set<String> knownAppSettings() throws IllegalAccessException {
    Set<String> known = new TreeSet<>(AppConfig.load(null, Map.of()).all().keySet());
    known.addAll(StreamsConfig.configDef().names());
    // what Kafka Streams passes on unprefixed to all its clients, the login among it (sasl.*, ssl.*)
    known.addAll(org.apache.kafka.clients.admin.AdminClientConfig.configNames());
    Map<String, Set<String>> prefixed = Map.of(
        StreamsConfig.TOPIC_PREFIX, constants(TopicConfig.class),
        StreamsConfig.PRODUCER_PREFIX, ProducerConfig.configNames(),
        StreamsConfig.CONSUMER_PREFIX, ConsumerConfig.configNames());
    prefixed.forEach((prefix, names) -> names.forEach(n -> known.add(prefix + n)));
    return known;
  }

  private static Set<String> constants(Class<?> holder) throws IllegalAccessException {
    Set<String> names = new TreeSet<>();
    for (Field field : holder.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getName().endsWith("_CONFIG")) {
        names.add((String) field.get(null));
      }
    }
    return names;
  }

  private static List<JsonNode> workloads(Manifests manifests) {
    List<JsonNode> workloads = new ArrayList<>(manifests.ofKind("Deployment"));
    workloads.addAll(manifests.ofKind("StatefulSet"));
    return workloads;
  }

  private static Map<String, Set<String>> keysByName(List<JsonNode> resources) {
    Map<String, Set<String>> keys = new HashMap<>();
    for (JsonNode resource : resources) {
      Set<String> names = new TreeSet<>(Manifests.data(resource).keySet());
      resource.path("stringData").fieldNames().forEachRemaining(names::add);
      keys.put(Manifests.name(resource), names);
    }
    return keys;
  }

  /** Records {@code reference} if it names nothing in {@code known} (a null key set: known, keys unchecked). */
  private static void check(Map<String, Set<String>> known, JsonNode reference, String key, List<String> unresolved) {
    String name = reference.path("name").asText();
    if (!known.containsKey(name)) {
      unresolved.add(name);
    } else if (key != null && known.get(name) != null && !known.get(name).contains(key)) {
      unresolved.add(name + "/" + key);
    }
  }

  private static Map<String, String> strings(JsonNode object) {
    Map<String, String> values = new TreeMap<>();
    object.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
    return values;
  }

  private static Map<String, String> labels(JsonNode metadata) {
    return strings(metadata.path("labels"));
  }

  private static boolean selects(JsonNode selector, Map<String, String> labels) {
    for (var e : strings(selector.path("matchLabels")).entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    for (JsonNode expression : selector.path("matchExpressions")) {
      String value = labels.get(expression.path("key").asText());
      boolean in = stream(expression.path("values")).anyMatch(v -> v.asText().equals(value));
      if (!expression.path("operator").asText().equals("In") || !in) {
        return false;
      }
    }
    return true;
  }

  private static int port(JsonNode container, String nameOrNumber) {
    return stream(container.path("ports")).filter(p -> p.path("name").asText().equals(nameOrNumber))
        .map(p -> p.path("containerPort").asInt()).findFirst().orElseGet(() -> Integer.parseInt(nameOrNumber));
  }

  private static String mountPath(JsonNode container, String volume) {
    return stream(container.path("volumeMounts")).filter(m -> m.path("name").asText().equals(volume))
        .map(m -> m.path("mountPath").asText()).findFirst().orElseThrow();
  }

  private static List<String> volumeClaims(JsonNode statefulSet) {
    return stream(statefulSet.path("spec").path("volumeClaimTemplates")).map(Manifests::name).toList();
  }

  private static String envFieldRef(JsonNode container, String variable) {
    return stream(container.path("env")).filter(e -> e.path("name").asText().equals(variable))
        .map(e -> e.path("valueFrom").path("fieldRef").path("fieldPath").asText()).findFirst().orElse("");
  }

  private static List<String> connectEnv(JsonNode connect) {
    return stream(connect.path("spec").path("template").path("connectContainer").path("env"))
        .map(e -> e.path("name").asText()).toList();
  }

  private static String image(JsonNode workload) {
    return workload.path("spec").path("template").path("spec").path("containers").get(0).path("image").asText();
  }

  private static Stream<JsonNode> stream(JsonNode array) {
    List<JsonNode> items = new ArrayList<>();
    array.forEach(items::add);
    return items.stream();
  }

  private static Iterable<JsonNode> iterable(Stream<JsonNode> nodes) {
    return nodes::iterator;
  }
}
