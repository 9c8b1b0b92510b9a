package io.matchstream.gateway.stream;

import io.matchstream.gateway.commands.CommandSender;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Cancel-on-disconnect: a user data session that asked for it cancels the user's orders on the
 * symbols it named when it ends, however it ends (closed, dropped, timed out), one {@code cancelAll}
 * per symbol. If the gateway instance itself dies, nobody is left to send them: a client that needs
 * that covered arms the dead-man's switch too ({@code POST /api/v3/cancelAllAfter}).
 */
@Component
public class CancelOnDisconnect {
  private static final Logger LOG = LoggerFactory.getLogger(CancelOnDisconnect.class);
  private final Map<String, Armed> sessions = new ConcurrentHashMap<>();
  private final CommandSender commands;
  private final Clock clock;

  private record Armed(String userId, List<String> symbols) {}

  public CancelOnDisconnect(CommandSender commands, Clock clock) {
    this.commands = commands;
    this.clock = clock;
  }

  /** When session {@code sessionId} ends, {@code userId}'s orders on {@code symbols} (the engine's names) are canceled. */
  void arm(String sessionId, String userId, List<String> symbols) {
    if (!symbols.isEmpty()) {
      sessions.put(sessionId, new Armed(userId, List.copyOf(symbols)));
    }
  }

  void ended(String sessionId) {
    Armed armed = sessions.remove(sessionId);
    if (armed == null) {
      return;
    }
    for (String symbol : armed.symbols()) {
      try {
        commands.cancelAll(armed.userId(), symbol, clock.millis(), null);
      } catch (Exception e) {
        LOG.error("session of {} ended: the cancelAll on {} could not be sent", armed.userId(), symbol, e);
      }
    }
  }
}
