package io.matchstream.engine;

/** The commands the engine reads, as SPEC names them; fields a line may omit are null. */
public final class Commands {
  private Commands() {}

  /** Any command the engine applies, in arrival order. */
  public sealed interface EngineCommand permits AssetCommand, SymbolCommand, Transfer, Place, Cancel, Amend, CancelAll, Malformed {}

  public record AssetCommand(String asset, Integer scale) implements EngineCommand {}

  public record SymbolCommand(
      String symbol, String base, String quote, Dec tickSize, Dec lotSize, Dec minNotional,
      Dec makerFeeRate, Dec takerFeeRate, String status) implements EngineCommand {}

  /** A deposit ({@code deposit} true) or a withdrawal. */
  public record Transfer(boolean deposit, String userId, String asset, Dec amount, String txId, long ts)
      implements EngineCommand {
    public String type() {
      return deposit ? "deposit" : "withdraw";
    }
  }

  public record Place(
      String orderId, String clientOrderId, String userId, String symbol, String side, String orderType,
      String timeInForce, Dec price, Dec quantity, Dec quoteQuantity, String stp, long ts, Dec stopPrice,
      Dec icebergQuantity) implements EngineCommand {}

  public record Cancel(String orderId, String userId, String symbol, long ts) implements EngineCommand {}

  /** Lowers a resting order's total quantity to {@code newQuantity}, keeping its queue place. */
  public record Amend(String orderId, String userId, String symbol, Dec newQuantity, long ts) implements EngineCommand {}

  /** {@code requestId}, when not null, is taken once per user: see {@link RiskEngine#cancelAll}. */
  public record CancelAll(String userId, String symbol, long ts, String requestId) implements EngineCommand {}

  /** A line that could not be read; {@code command} is its type when it had one. */
  public record Malformed(String command) implements EngineCommand {}
}
