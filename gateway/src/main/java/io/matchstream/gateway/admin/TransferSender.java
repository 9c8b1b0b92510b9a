package io.matchstream.gateway.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.matchstream.app.AppConfig;
import io.matchstream.client.CommandProducer;
import io.matchstream.codec.JsonCodec;
import io.matchstream.gateway.binance.BinanceError;
import io.matchstream.topology.CommandRouting;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Puts deposits and withdrawals on the transfers topic, with a producer of its own that
 * authenticates as the admin principal: the gateway's own principal may write only commands, so
 * nothing but the admin API can move money in or out.
 */
@Component
public class TransferSender {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final JsonCodec codec = new JsonCodec();
  private final KafkaProducer<String, SpecificRecord> producer;

  public TransferSender(@Qualifier("adminKafkaConfig") AppConfig adminConfig) {
    producer = CommandProducer.kafkaProducer(adminConfig, Map.of(ProducerConfig.LINGER_MS_CONFIG, 1));
  }

  /** Sends SPEC's {@code deposit} or {@code withdraw} ({@code type}) and waits until the broker has it. */
  public void transfer(String type, String userId, String asset, String amount, String txId, long ts)
      throws InterruptedException, ExecutionException, TimeoutException {
    SpecificRecord command = codec.readCommand(JSON.createObjectNode().put("type", type).put("userId", userId)
        .put("asset", asset).put("amount", amount).put("txId", txId).put("ts", ts).toString());
    if (!CommandRouting.isTransfer(command)) {
      throw new BinanceError(400, -1100, "The transfer could not be read: check userId, asset, amount and txId.");
    }
    producer.send(CommandProducer.record(command)).get(10, TimeUnit.SECONDS);
  }

  @PreDestroy
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
