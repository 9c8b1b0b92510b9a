package io.matchstream.stack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Who talks to Kafka and what each may do: one SCRAM-SHA-512 user per part, each with the ACLs of
 * its job and nothing more (the broker refuses whatever no ACL allows). The local stack creates
 * these users and ACLs; {@code k8s/base/kafka-users.yaml} gives the cluster the same as Strimzi
 * {@code KafkaUser}s (the k8s module's ConsistencyTest checks them against these).
 *
 * <ul>
 *   <li>{@link #APP}: the streams app. Reads its inputs, writes its outputs, creates the catalog's
 *       topics it finds missing and its own internal ones ({@code <application.id>-*}), its group
 *       and its transactions ({@code <application.id>-*}, exactly-once v2).
 *   <li>{@link #GATEWAY}: writes {@code commands} and {@code cancel-all-after} only, reads the event
 *       topics its view and its dead-man's switches read, in its own groups ({@code matchstream-gateway*}).
 *   <li>{@link #GATEWAY_ADMIN}: the gateway's admin producer: writes {@code transfers} only.
 *   <li>{@link #OPERATOR}: {@code ./matchstream produce}, {@code consume}, {@code sink-lag}, the load
 *       generator, the stack's own reference data and demo funds. Writes the input topics
 *       ({@code commands}, {@code transfers}, {@code reference}); reads and describes every topic;
 *       reads the committed offsets of the app's group and the sinks' groups (progress and lag).
 *       It joins no group and writes no output or internal topic.
 *   <li>{@link #CONNECT}: the Connect worker: its worker topics and group, its sinks' groups
 *       ({@code connect-*}), the topics the sinks read, and their dead-letter topics ({@code sink-*}).
 *   <li>{@link #REGISTRY}: the schema registry's {@code kafkasql} storage (Kubernetes only: the local
 *       stack's registry keeps its schemas in a file and never talks to Kafka).
 * </ul>
 * The broker itself ({@link #BROKER}) is the one super user.
 */
public final class KafkaPrincipals {
  private KafkaPrincipals() {}

  public static final String BROKER = "broker";
  public static final String APP = "app";
  public static final String GATEWAY = "gateway";
  public static final String GATEWAY_ADMIN = "gateway-admin";
  public static final String OPERATOR = "operator";
  public static final String CONNECT = "connect";
  public static final String REGISTRY = "registry";

  /** The users the local stack makes (the registry's is the cluster's only). */
  public static final List<String> LOCAL = List.of(APP, GATEWAY, GATEWAY_ADMIN, OPERATOR, CONNECT);

  /** The application id the app runs under unless told otherwise ({@code matchstream-app.properties}). */
  public static final String APPLICATION_ID = "matchstream";

  // the app's topics (io.matchstream.topology.Topics: this module's runtime has not the topology on
  // its classpath, which is the broker's: KafkaPrincipalsTest checks these against the catalog)
  static final String COMMANDS = "commands";
  static final String REFERENCE = "reference";
  static final String REFERENCE_DATA = "reference-data";
  static final String ACCEPTED = "accepted";
  static final String SETTLEMENTS = "settlements";
  static final String TRADES = "trades";
  static final String ORDER_EVENTS = "order-events";
  static final String BOOK_DELTAS = "book-deltas";
  static final String BALANCES = "balances";
  static final String REJECTS = "rejects";
  static final String DEAD_LETTERS = "dead-letters";
  static final String KLINES = "klines";
  static final String CANCEL_ALL_AFTER = "cancel-all-after";
  static final String LISTEN_KEYS = "listen-keys";
  static final String GATEWAY_SNAPSHOTS = "gateway-snapshots";
  /** Deposits and withdrawals, written by the gateway's admin producer and read by the app. */
  public static final String TRANSFERS = "transfers";

  /** Every topic of the app's catalog ({@code Topics.CATALOG}): the app creates whichever is missing. */
  public static final List<String> CATALOG = List.of(COMMANDS, REFERENCE, REFERENCE_DATA, ACCEPTED, SETTLEMENTS,
      TRADES, ORDER_EVENTS, BOOK_DELTAS, BALANCES, REJECTS, DEAD_LETTERS, KLINES, CANCEL_ALL_AFTER, LISTEN_KEYS, TRANSFERS,
      GATEWAY_SNAPSHOTS);

  /** The prefix of every consumer group the gateway uses (its dead-man's switches' among them). */
  public static final String GATEWAY_GROUPS = "matchstream-gateway";

  /** The Connect worker's group and its topics (ConnectNode; k8s/base/connect.yaml). */
  public static final String CONNECT_GROUP = "matchstream-connect";
  public static final List<String> CONNECT_TOPICS = List.of("connect-configs", "connect-offsets", "connect-status");
  /** Connect names a sink connector's consumer group {@code connect-<connector>}. */
  public static final String CONNECT_SINK_GROUPS = "connect-";
  /** The sinks' dead-letter topics ({@code errors.deadletterqueue.topic.name}: {@code sink-<name>-dlq}). */
  public static final String SINK_DEAD_LETTERS = "sink-";

  /** The registry's journal topic and the prefix of its consumer groups (one per pod). */
  public static final String REGISTRY_TOPIC = "kafkasql-journal";
  public static final String REGISTRY_GROUPS = "registry-";

  /** What the app reads: the inputs, the hops between its stages, the reference data, trades for the candles. */
  public static final List<String> APP_READS = List.of(COMMANDS, TRANSFERS, REFERENCE,
      REFERENCE_DATA, ACCEPTED, SETTLEMENTS, TRADES);
  /** What the app writes. */
  public static final List<String> APP_WRITES = List.of(REFERENCE_DATA, ACCEPTED, SETTLEMENTS,
      TRADES, ORDER_EVENTS, BOOK_DELTAS, BALANCES, REJECTS, DEAD_LETTERS,
      KLINES);
  /** What the gateway writes: users' commands, their dead-man's switches, their listen keys and its view's snapshots. */
  public static final List<String> GATEWAY_WRITES = List.of(COMMANDS, CANCEL_ALL_AFTER, LISTEN_KEYS, GATEWAY_SNAPSHOTS);
  /** What the gateway reads: its view's topics (ExchangeView.topics), its switches', its listen keys' and the view's snapshots. */
  public static final List<String> GATEWAY_READS = List.of(REFERENCE_DATA, ACCEPTED,
      ORDER_EVENTS, TRADES, BOOK_DELTAS, BALANCES, KLINES, CANCEL_ALL_AFTER, LISTEN_KEYS, GATEWAY_SNAPSHOTS);
  public static final List<String> GATEWAY_ADMIN_WRITES = List.of(TRANSFERS);
  /** The inputs an operator may send to: commands, transfers and reference data. */
  public static final List<String> OPERATOR_WRITES = List.of(COMMANDS, TRANSFERS, REFERENCE);

  /** One permission: {@code operations} on a resource (a name, or a prefix when {@code prefixed}). */
  public record Grant(ResourceType type, String name, boolean prefixed, List<AclOperation> operations) {
    static Grant literal(ResourceType type, String name, AclOperation... operations) {
      return new Grant(type, name, false, List.of(operations));
    }

    static Grant prefix(ResourceType type, String prefix, AclOperation... operations) {
      return new Grant(type, prefix, true, List.of(operations));
    }

    /** The grant as the broker's ACL bindings, one per operation, allowed from any host. */
    public List<AclBinding> bindings(String user) {
      ResourcePattern pattern = new ResourcePattern(type, name, prefixed ? PatternType.PREFIXED : PatternType.LITERAL);
      return operations.stream().map(op -> new AclBinding(pattern,
          new AccessControlEntry("User:" + user, "*", op, AclPermissionType.ALLOW))).toList();
    }
  }

  /** What each user may do, the app under {@code applicationId}, Connect's sinks reading {@code sinkTopics}. */
  public static Map<String, List<Grant>> grants(String applicationId, List<String> sinkTopics) {
    Map<String, List<Grant>> grants = new LinkedHashMap<>();
    grants.put(APP, app(applicationId));
    List<Grant> gateway = new ArrayList<>();
    GATEWAY_WRITES.forEach(t -> gateway.add(Grant.literal(ResourceType.TOPIC, t, AclOperation.WRITE)));
    GATEWAY_READS.forEach(t -> gateway.add(Grant.literal(ResourceType.TOPIC, t, AclOperation.READ)));
    gateway.add(Grant.prefix(ResourceType.GROUP, GATEWAY_GROUPS, AclOperation.READ));
    grants.put(GATEWAY, gateway);
    List<Grant> admin = new ArrayList<>();
    GATEWAY_ADMIN_WRITES.forEach(t -> admin.add(Grant.literal(ResourceType.TOPIC, t, AclOperation.WRITE)));
    grants.put(GATEWAY_ADMIN, admin);
    List<Grant> operator = new ArrayList<>();
    OPERATOR_WRITES.forEach(t -> operator.add(Grant.literal(ResourceType.TOPIC, t, AclOperation.WRITE)));
    operator.add(Grant.literal(ResourceType.TOPIC, "*", AclOperation.READ, AclOperation.DESCRIBE));
    operator.add(Grant.literal(ResourceType.GROUP, applicationId, AclOperation.DESCRIBE));
    operator.add(Grant.prefix(ResourceType.GROUP, CONNECT_SINK_GROUPS, AclOperation.DESCRIBE));
    grants.put(OPERATOR, operator);
    List<Grant> connect = new ArrayList<>();
    CONNECT_TOPICS.forEach(t -> connect.add(Grant.literal(ResourceType.TOPIC, t, AclOperation.READ, AclOperation.WRITE,
        AclOperation.DESCRIBE, AclOperation.CREATE, AclOperation.DESCRIBE_CONFIGS)));
    connect.add(Grant.literal(ResourceType.GROUP, CONNECT_GROUP, AclOperation.READ));
    sinkTopics.stream().distinct()
        .forEach(t -> connect.add(Grant.literal(ResourceType.TOPIC, t, AclOperation.READ)));
    connect.add(Grant.prefix(ResourceType.GROUP, CONNECT_SINK_GROUPS, AclOperation.READ));
    connect.add(Grant.prefix(ResourceType.TOPIC, SINK_DEAD_LETTERS, AclOperation.WRITE, AclOperation.DESCRIBE,
        AclOperation.CREATE));
    grants.put(CONNECT, connect);
    grants.put(REGISTRY, List.of(
        Grant.literal(ResourceType.TOPIC, REGISTRY_TOPIC, AclOperation.READ, AclOperation.WRITE, AclOperation.DESCRIBE,
            AclOperation.CREATE, AclOperation.DESCRIBE_CONFIGS),
        Grant.prefix(ResourceType.GROUP, REGISTRY_GROUPS, AclOperation.READ)));
    return grants;
  }

  /** The app's grants under {@code applicationId}: what a test's own application id needs too. */
  public static List<Grant> app(String applicationId) {
    List<Grant> app = new ArrayList<>();
    // TopicSetup creates what is missing of the catalog, and describes the risk stage's inputs
    CATALOG.forEach(t -> app.add(Grant.literal(ResourceType.TOPIC, t, AclOperation.CREATE, AclOperation.DESCRIBE)));
    APP_READS.forEach(t -> app.add(Grant.literal(ResourceType.TOPIC, t, AclOperation.READ)));
    APP_WRITES.forEach(t -> app.add(Grant.literal(ResourceType.TOPIC, t, AclOperation.WRITE)));
    // Kafka Streams' internal topics (changelogs, repartition topics) are <application.id>-...
    app.add(Grant.prefix(ResourceType.TOPIC, applicationId + "-", AclOperation.CREATE, AclOperation.DESCRIBE,
        AclOperation.READ, AclOperation.WRITE, AclOperation.DELETE, AclOperation.DESCRIBE_CONFIGS));
    app.add(Grant.literal(ResourceType.GROUP, applicationId, AclOperation.READ, AclOperation.DESCRIBE));
    // exactly-once v2: a transactional id per stream thread, <application.id>-<process id>-<thread>
    app.add(Grant.prefix(ResourceType.TRANSACTIONAL_ID, applicationId + "-", AclOperation.WRITE,
        AclOperation.DESCRIBE));
    app.add(Grant.literal(ResourceType.CLUSTER, "kafka-cluster", AclOperation.IDEMPOTENT_WRITE));
    return app;
  }

  /** Every binding of {@code user}'s grants. */
  public static List<AclBinding> bindings(String user, List<Grant> grants) {
    return grants.stream().flatMap(g -> g.bindings(user).stream()).toList();
  }

  /** The client settings of a SCRAM-SHA-512 login as {@code user}, for any Kafka client. */
  public static Map<String, String> saslSettings(String user, String password) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("security.protocol", "SASL_PLAINTEXT");
    settings.put("sasl.mechanism", "SCRAM-SHA-512");
    settings.put("sasl.jaas.config", jaas("org.apache.kafka.common.security.scram.ScramLoginModule", user, password));
    return settings;
  }

  static String jaas(String module, String user, String password) {
    if (Stream.of(user, password).anyMatch(s -> s.contains("\"") || s.contains("\\"))) {
      throw new IllegalArgumentException("a user name or password with a quote or backslash");
    }
    return module + " required username=\"" + user + "\" password=\"" + password + "\";";
  }
}
