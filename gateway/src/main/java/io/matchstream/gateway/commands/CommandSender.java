package io.matchstream.gateway.commands;

import io.matchstream.app.RegistrySerdes;
import io.matchstream.codec.JsonCodec;
import io.matchstream.gateway.GatewaySettings;
import io.matchstream.topology.CommandRouting;
import io.matchstream.topology.Topics;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.stereotype.Component;

/**
 * Puts commands on the commands topic, keyed by user, as SPEC's JSON decoded by the same codec the
 * replay tool and {@code ./matchstream produce} use: the gateway accepts exactly what they accept.
 * A command counts as placed once the broker has it (acks=all, idempotent).
 */
@Component
public class CommandSender {
  private final JsonCodec codec = new JsonCodec();
  private final KafkaProducer<String, SpecificRecord> producer;

  public CommandSender(GatewaySettings settings) {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
    @SuppressWarnings("unchecked")
    Serializer<SpecificRecord> values = (Serializer<SpecificRecord>) (Object) new RegistrySerdes(
        Map.of("apicurio.registry.url", settings.registryUrl())).serde(SpecificRecord.class).serializer();
    producer = new KafkaProducer<>(props, new StringSerializer(), values);
  }

  /** Sends one SPEC command line and waits until the broker has it. */
  public void send(String commandLine) throws InterruptedException, ExecutionException, TimeoutException {
    SpecificRecord command = codec.readCommand(commandLine);
    producer.send(new ProducerRecord<>(Topics.COMMANDS, null, CommandRouting.timestamp(command),
        CommandRouting.key(command), command)).get(10, TimeUnit.SECONDS);
  }

  @PreDestroy
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
