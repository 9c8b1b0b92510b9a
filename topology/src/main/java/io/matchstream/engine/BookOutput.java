package io.matchstream.engine;

/** What the book stage produces besides events: settlements for the risk stage. */
public interface BookOutput extends Events.EventSink {
  void settlement(Settlement settlement);
}
