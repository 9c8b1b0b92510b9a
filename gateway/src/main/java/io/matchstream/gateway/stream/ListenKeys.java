package io.matchstream.gateway.stream;

import io.matchstream.gateway.GatewaySettings;
import io.matchstream.gateway.binance.BinanceError;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Listen keys, Binance's way of opening a user's private stream: a signed request creates one, a
 * WebSocket connects with it. A key lives 60 minutes past its creation or last keep-alive. A user
 * holds at most {@code listen-keys-per-user} live keys: past it, creating one is refused
 * ({@code -1034}) and the keys the user has stay as they are (none is dropped to make room: a
 * client's open stream never loses its key under it). The user closes one
 * ({@code DELETE userDataStream}) or lets one expire.
 */
@Component
public class ListenKeys {
  static final long LIFETIME_MS = 60 * 60 * 1000;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Entry> keys = new ConcurrentHashMap<>();
  private final Clock clock;
  private final int perUser;

  public ListenKeys(Clock clock, GatewaySettings settings) {
    this.clock = clock;
    this.perUser = settings.listenKeysPerUser();
  }

  /** A new key for the user; a {@link BinanceError} when the user already holds the most allowed. */
  public synchronized String create(String userId) {
    long now = clock.millis();
    keys.values().removeIf(e -> e.expires < now);
    if (keys.values().stream().filter(e -> e.userId.equals(userId)).count() >= perUser) {
      throw new BinanceError(400, -1034, "Too many listen keys for this user; current limit is " + perUser
          + ". Close one (DELETE /api/v3/userDataStream) or let one expire.");
    }
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String key = HexFormat.of().formatHex(bytes);
    keys.put(key, new Entry(userId, now + LIFETIME_MS));
    return key;
  }

  /** Extends the key's life; false when it is not the user's or has expired. */
  public synchronized boolean keepAlive(String userId, String key) {
    if (!userOf(key).filter(userId::equals).isPresent()) {
      return false;
    }
    keys.put(key, new Entry(userId, clock.millis() + LIFETIME_MS));
    return true;
  }

  /** Ends the key: no new connection opens with it. False when it is not the user's. */
  public synchronized boolean close(String userId, String key) {
    Entry entry = keys.get(key);
    return entry != null && entry.userId.equals(userId) && keys.remove(key, entry);
  }

  Optional<String> userOf(String key) {
    Entry entry = key == null ? null : keys.get(key);
    return entry == null || entry.expires < clock.millis() ? Optional.empty() : Optional.of(entry.userId);
  }

  private record Entry(String userId, long expires) {
  }
}
