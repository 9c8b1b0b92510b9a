package io.matchstream.gateway.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.matchstream.app.AppConfig;
import io.matchstream.client.CommandProducer;
import io.matchstream.codec.JsonCodec;
import io.matchstream.schema.Command;
import io.matchstream.schema.Malformed;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.stereotype.Component;

/**
 * Puts commands on the commands topic, keyed by user, as SPEC's JSON decoded by the same codec the
 * replay tool and {@code ./matchstream produce} use: the gateway accepts exactly what they accept.
 * A command counts as placed once the broker has it (acks=all, idempotent), and is counted then
 * ({@code matchstream_gateway_commands_total{type}}: Place, Cancel, Amend, CancelAll, Deposit, ...).
 */
@Component
public class CommandSender {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final JsonCodec codec = new JsonCodec();
  private final KafkaProducer<String, SpecificRecord> producer;
  private final MeterRegistry meters;

  public CommandSender(AppConfig config, MeterRegistry meters) {
    // a person waits for the answer: no batching delay to speak of
    producer = CommandProducer.kafkaProducer(config, Map.of(ProducerConfig.LINGER_MS_CONFIG, 1));
    this.meters = meters;
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
    String type = command instanceof Command c ? c.getBody().getClass().getSimpleName() : "reference";
    meters.counter("matchstream.gateway.commands", "type", type).increment();
  }

  /** Sends SPEC's {@code cancel} of one of the user's orders. */
  public void cancel(String userId, String symbol, String orderId, long ts)
      throws InterruptedException, ExecutionException, TimeoutException {
    send(JSON.createObjectNode().put("type", "cancel").put("orderId", orderId).put("userId", userId)
        .put("symbol", symbol).put("ts", ts).toString());
  }

  /** Sends SPEC-ADVANCED's {@code amend}: the order's total quantity lowered to {@code newQuantity}, its priority kept. */
  public void amend(String userId, String symbol, String orderId, String newQuantity, long ts)
      throws InterruptedException, ExecutionException, TimeoutException {
    send(JSON.createObjectNode().put("type", "amend").put("orderId", orderId).put("userId", userId)
        .put("symbol", symbol).put("newQuantity", newQuantity).put("ts", ts).toString());
  }

  /**
   * Sends SPEC-ADVANCED's {@code cancelAll}: every order of the user on the symbol, resting or
   * waiting stop. {@code requestId} (null: none) names the signed request it comes from, which the
   * risk stage then takes only once.
   */
  public void cancelAll(String userId, String symbol, long ts, String requestId)
      throws InterruptedException, ExecutionException, TimeoutException {
    send(JSON.createObjectNode().put("type", "cancelAll").put("userId", userId).put("symbol", symbol).put("ts", ts)
        .put("requestId", requestId).toString());
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
