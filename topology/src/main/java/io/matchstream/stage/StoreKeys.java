package io.matchstream.stage;

import io.matchstream.engine.Order;
import io.matchstream.engine.Units;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;

/** Store keys. Book keys sort, byte by byte, in price-time priority. */
public final class StoreKeys {
  private StoreKeys() {}

  /** An id scoped to a user; the length prefix keeps ("ab","c") apart from ("a","bc"). */
  static String userScoped(String userId, String id) {
    return userId.length() + ":" + userId + "/" + id;
  }

  /**
   * symbol length (2 bytes), symbol, side (0 bids, 1 asks), price (16 bytes), arrival sequence; bids
   * store 2^127 - 1 - price so the best bid is first too. All numbers big-endian and non-negative.
   */
  public static Bytes bookKey(String symbol, Order order) {
    return bookKey(symbol, order.buy, order.price, order.seq());
  }

  static Bytes bookKey(String symbol, boolean buy, Units price, long seq) {
    byte[] name = symbol.getBytes(StandardCharsets.UTF_8);
    ByteBuffer key = ByteBuffer.allocate(2 + name.length + 1 + 16 + 8);
    key.putShort((short) name.length).put(name).put((byte) (buy ? 0 : 1));
    Units sorted = buy ? Units.MAX.subtract(price) : price;
    key.putLong(sorted.high()).putLong(sorted.low()).putLong(seq);
    return Bytes.wrap(key.array());
  }

  /** symbol length (2 bytes), symbol, arrival sequence: a symbol's waiting stops in arrival order. */
  public static Bytes stopKey(String symbol, Order stop) {
    byte[] name = symbol.getBytes(StandardCharsets.UTF_8);
    ByteBuffer key = ByteBuffer.allocate(2 + name.length + 8);
    key.putShort((short) name.length).put(name).putLong(stop.arrival());
    return Bytes.wrap(key.array());
  }

  /** The symbol a book or stop key belongs to. */
  public static String bookSymbol(Bytes key) {
    ByteBuffer buffer = ByteBuffer.wrap(key.get());
    int length = buffer.getShort() & 0xffff;
    return new String(key.get(), 2, length, StandardCharsets.UTF_8);
  }

  static String asset(String code) {
    return "a:" + code;
  }

  static String symbol(String name) {
    return "s:" + name;
  }
}
