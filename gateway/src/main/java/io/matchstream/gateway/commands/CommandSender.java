package io.matchstream.gateway.commands;

import io.matchstream.app.AppConfig;
import io.matchstream.client.CommandProducer;
import io.matchstream.codec.JsonCodec;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import io.matchstream.schema.Command;
import io.matchstream.schema.Malformed;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
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

  public CommandSender(AppConfig config) {
    // a person waits for the answer: no batching delay to speak of
    producer = CommandProducer.kafkaProducer(config, Map.of(ProducerConfig.LINGER_MS_CONFIG, 1));
  }

  /**
   * Sends one SPEC command line and waits until the broker has it. A line the codec cannot read is
   * refused here: the exchange would only answer it with a MALFORMED reject, which no order waits for.
   */
  public void send(String commandLine) throws InterruptedException, ExecutionException, TimeoutException {
    SpecificRecord command = codec.readCommand(commandLine);
    if (command instanceof Command c && c.getBody() instanceof Malformed malformed) {
      throw new UnreadableCommand(malformed.getDetail());
    }
    producer.send(CommandProducer.record(command)).get(10, TimeUnit.SECONDS);
  }

  /** A request whose command the exchange could not read: answered 400. */
  public static final class UnreadableCommand extends IllegalArgumentException {
    UnreadableCommand(String detail) {
      super(detail);
    }
  }

  @PreDestroy
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
