package io.matchstream.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.topology.TopicSpec;
import io.matchstream.topology.Topics;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The users' topic names are the app's: the stack's classpath lacks the topology, so it spells them itself. */
class KafkaPrincipalsTest {
  @Test
  void theCatalogIsTheApps() {
    List<String> catalog = Topics.CATALOG.stream().map(TopicSpec::name).toList();
    assertThat(KafkaPrincipals.CATALOG).containsExactlyInAnyOrderElementsOf(catalog);
  }

  @Test
  void theUsersNameTheAppsTopics() {
    List.of(KafkaPrincipals.APP_READS, KafkaPrincipals.APP_WRITES, KafkaPrincipals.GATEWAY_READS,
        KafkaPrincipals.GATEWAY_WRITES, KafkaPrincipals.GATEWAY_ADMIN_WRITES, KafkaPrincipals.OPERATOR_WRITES)
        .forEach(topics -> assertThat(KafkaPrincipals.CATALOG).containsAll(topics));
    assertThat(KafkaPrincipals.GATEWAY_WRITES).containsExactlyInAnyOrder(Topics.COMMANDS, Topics.CANCEL_ALL_AFTER,
        Topics.LISTEN_KEYS, Topics.GATEWAY_SNAPSHOTS);
  }
}
