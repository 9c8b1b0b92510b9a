package io.matchstream.engine;

import java.util.List;

/** What one command did to one user's orders, for the risk stage to settle. */
public record Settlement(String userId, String symbol, long ts, List<Item> items) {
  public sealed interface Item permits Fill, End, Shrink, FeeCredit {}

  /** One of the user's orders traded {@code quantity} for {@code quote}; the fee is in what it receives. */
  public record Fill(String orderId, boolean buy, Units quantity, Units quote, Units fee) implements Item {}

  /** The order ended: whatever is still locked for it returns to available. */
  public record End(String orderId) implements Item {}

  /** An amend lowered the order's quantity by {@code quantity}: the lock for that much returns to available. */
  public record Shrink(String orderId, Units quantity) implements Item {}

  public record FeeCredit(String asset, Units amount) implements Item {}
}
