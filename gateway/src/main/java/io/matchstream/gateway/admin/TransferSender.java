package io.matchstream.gateway.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.matchstream.app.AppConfig;
import io.matchstream.gateway.commands.CommandSender;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Puts deposits and withdrawals on the transfers topic, through a command sender of its own that
 * authenticates as the admin principal: the gateway's own principal may write only commands, so
 * nothing but the admin API can move money in or out.
 */
@Component
public class TransferSender {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final CommandSender sender;

  public TransferSender(@Qualifier("adminKafkaConfig") AppConfig adminConfig, MeterRegistry meters) {
    sender = new CommandSender(adminConfig, meters);
  }

  /** Sends SPEC's {@code deposit} or {@code withdraw} ({@code type}) and waits until the broker has it. */
  public void transfer(String type, String userId, String asset, String amount, String txId, long ts)
      throws InterruptedException, ExecutionException, TimeoutException {
    sender.send(JSON.createObjectNode().put("type", type).put("userId", userId).put("asset", asset)
        .put("amount", amount).put("txId", txId).put("ts", ts).toString());
  }

  @PreDestroy
  public void close() {
    sender.close();
  }
}
