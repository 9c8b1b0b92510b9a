package io.matchstream.engine;

/** What the book stage produces besides events: settlements for the risk stage, and store writes. */
public interface BookOutput extends Events.EventSink {
  void settlement(Settlement settlement);

  /** The order's stored form changed: it rests with new numbers, or ({@code !isResting()}) it left. */
  default void stored(Order order) {}

  /** A stop began ({@code isWaiting()}) or stopped waiting for its trigger. */
  default void storedStop(Order order) {}
}
