package io.matchstream.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shared stack's broker lets each user do its job and nothing else: the gateway cannot write
 * the stages' topics, reference data or transfers, nor read the app's group; the admin producer
 * writes transfers only; a client without a valid login gets nowhere. (That the app, Connect and the
 * gateway can do their jobs under their users, the other stack tests and the gateway's show.)
 */
class AclOnStackTest {
  private static final String APP_GROUP = KafkaPrincipals.APPLICATION_ID;
  private static final List<String> TOPICS = List.of("commands", "reference", "accepted", "settlements",
      "cancel-all-after", "listen-keys", "trades", KafkaPrincipals.TRANSFERS);
  private static SharedStack stack;

  @BeforeAll
  static void topicsAndAGroupWithOffsets() throws Exception {
    stack = SharedStack.get();
    Set<String> existing = stack.admin.listTopics().names().get(30, TimeUnit.SECONDS);
    List<NewTopic> missing = TOPICS.stream().filter(t -> !existing.contains(t))
        .map(t -> new NewTopic(t, 1, (short) 1)).toList();
    stack.admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
    // offsets in the app's group, so that a refusal to read them is not an empty answer
    stack.admin.alterConsumerGroupOffsets(APP_GROUP, Map.of(new TopicPartition("commands", 0), new OffsetAndMetadata(0)))
        .all().get(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void removeWhatThisLeft() throws Exception {
    stack.admin.deleteConsumerGroups(List.of(APP_GROUP)).all().get(30, TimeUnit.SECONDS);
    stack.resetTopics();
  }

  @Test
  void theGatewayWritesCommandsSwitchesAndListenKeysOnly() {
    assertThat(produce(KafkaPrincipals.GATEWAY, "commands")).isNull();
    assertThat(produce(KafkaPrincipals.GATEWAY, "cancel-all-after")).isNull();
    assertThat(produce(KafkaPrincipals.GATEWAY, "listen-keys")).isNull();
    for (String topic : List.of("settlements", "reference", "accepted", KafkaPrincipals.TRANSFERS, "trades")) {
      assertThat(produce(KafkaPrincipals.GATEWAY, topic)).as("the gateway writing " + topic)
          .isInstanceOf(TopicAuthorizationException.class);
    }
  }

  @Test
  void theAdminProducerWritesTransfersOnly() {
    assertThat(produce(KafkaPrincipals.GATEWAY_ADMIN, KafkaPrincipals.TRANSFERS)).isNull();
    for (String topic : List.of("commands", "reference", "settlements")) {
      assertThat(produce(KafkaPrincipals.GATEWAY_ADMIN, topic)).as("the admin producer writing " + topic)
          .isInstanceOf(TopicAuthorizationException.class);
    }
  }

  @Test
  void theOperatorSendsInputsButNoStageOutput() {
    for (String topic : List.of("commands", "reference", KafkaPrincipals.TRANSFERS)) {
      assertThat(produce(KafkaPrincipals.OPERATOR, topic)).as("the operator writing " + topic).isNull();
    }
    for (String topic : List.of("settlements", "accepted", "trades")) {
      assertThat(produce(KafkaPrincipals.OPERATOR, topic)).as("the operator writing " + topic)
          .isInstanceOf(TopicAuthorizationException.class);
    }
  }

  @Test
  void theAppAndConnectWriteNoInput() {
    assertThat(produce(KafkaPrincipals.APP, "commands")).isInstanceOf(TopicAuthorizationException.class);
    assertThat(produce(KafkaPrincipals.APP, "cancel-all-after")).isInstanceOf(TopicAuthorizationException.class);
    assertThat(produce(KafkaPrincipals.CONNECT, "commands")).isInstanceOf(TopicAuthorizationException.class);
    assertThat(produce(KafkaPrincipals.CONNECT, "trades")).isInstanceOf(TopicAuthorizationException.class);
  }

  @Test
  void theGatewayCannotReadTheAppsGroupButReadsItsOwn() throws Exception {
    try (Admin gateway = admin(KafkaPrincipals.GATEWAY)) {
      assertThat(cause(() -> gateway.listConsumerGroupOffsets(APP_GROUP).partitionsToOffsetAndMetadata()
          .get(30, TimeUnit.SECONDS))).isInstanceOf(GroupAuthorizationException.class);
      assertThat(cause(() -> gateway.describeConsumerGroups(List.of(APP_GROUP)).all().get(30, TimeUnit.SECONDS)))
          .isInstanceOf(GroupAuthorizationException.class);
      assertThat(cause(() -> gateway.listConsumerGroups().all().get(30, TimeUnit.SECONDS))).isNull();
      assertThatCode(() -> gateway.listConsumerGroupOffsets("matchstream-gateway-cancel-all-after")
          .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)).doesNotThrowAnyException();
    }
    // joining the app's group as a consumer: refused
    Map<String, Object> settings = client(KafkaPrincipals.GATEWAY);
    settings.put(ConsumerConfig.GROUP_ID_CONFIG, APP_GROUP);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of("trades"));
      assertThat(cause(() -> consumer.poll(java.time.Duration.ofSeconds(10))))
          .isInstanceOf(GroupAuthorizationException.class);
    }
    // the operator, who watches the app's progress, may read its offsets
    try (Admin operator = admin(KafkaPrincipals.OPERATOR)) {
      assertThat(operator.listConsumerGroupOffsets(APP_GROUP).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS))
          .containsKey(new TopicPartition("commands", 0));
    }
  }

  @Test
  void noLoginNoWrongPasswordNoStranger() {
    Map<String, Object> wrong = client(KafkaPrincipals.GATEWAY);
    wrong.putAll(KafkaPrincipals.saslSettings(KafkaPrincipals.GATEWAY, "not-the-password"));
    assertThat(describeCluster(wrong)).isInstanceOf(SaslAuthenticationException.class);
    Map<String, Object> stranger = client(KafkaPrincipals.GATEWAY);
    stranger.putAll(KafkaPrincipals.saslSettings("mallory", "whatever"));
    assertThat(describeCluster(stranger)).isInstanceOf(SaslAuthenticationException.class);
    // no SASL at all: the listener never gets past the handshake, so the call times out
    Map<String, Object> none = new HashMap<>(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka.bootstrap()));
    assertThat(describeCluster(none)).isNotNull();
    // nor on the controller's listener, which knows the broker's user only
    Map<String, Object> controller = client(KafkaPrincipals.OPERATOR);
    controller.remove(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
    controller.put(AdminClientConfig.BOOTSTRAP_CONTROLLERS_CONFIG, stack.kafka.controllerBootstrap());
    assertThat(describeCluster(controller)).isNotNull();
    Map<String, Object> noneOnController = new HashMap<>(
        Map.of(AdminClientConfig.BOOTSTRAP_CONTROLLERS_CONFIG, stack.kafka.controllerBootstrap()));
    assertThat(describeCluster(noneOnController)).isNotNull();
    // the right login does get in: the refusals above are about the login
    assertThat(describeCluster(client(KafkaPrincipals.GATEWAY))).isNull();
  }

  private static Map<String, Object> client(String user) {
    return new HashMap<>(stack.kafka.clientConfig(user));
  }

  private static Admin admin(String user) {
    return Admin.create(client(user));
  }

  /** What describing the cluster with {@code settings} fails with (its cause), or null when it works. */
  private static Throwable describeCluster(Map<String, Object> settings) {
    settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 8000);
    settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4000);
    try (Admin admin = Admin.create(settings)) {
      return cause(() -> admin.describeCluster().clusterId().get(20, TimeUnit.SECONDS));
    }
  }

  /** What producing one record to {@code topic} as {@code user} fails with, or null when the broker took it. */
  private static Throwable produce(String user, String topic) {
    Map<String, Object> settings = client(user);
    settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15000);
    settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15000);
    settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10000);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer())) {
      return cause(() -> producer.send(new ProducerRecord<>(topic, "acl-test".getBytes(StandardCharsets.UTF_8),
          "not a command".getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS));
    }
  }

  private interface Call {
    Object run() throws Exception;
  }

  private static Throwable cause(Call call) {
    try {
      call.run();
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      return e;
    }
  }
}
