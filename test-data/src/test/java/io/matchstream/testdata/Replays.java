package io.matchstream.testdata;

import io.matchstream.replay.CommandReplay;
import io.matchstream.replay.Replay;
import io.matchstream.replay.SequentialReplay;
import io.matchstream.topology.StoreOptions;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/** Runs command lines through the topology or through the engine alone, returning the event text. */
final class Replays {
  private Replays() {}

  static String topology(List<String> lines) {
    return topology(lines, StoreOptions.REPLAY);
  }

  static String topology(List<String> lines, StoreOptions stores) {
    try (Replay replay = new Replay(stores)) {
      return events(replay, lines);
    }
  }

  static String engine(List<String> lines) {
    return events(new SequentialReplay(), lines);
  }

  /** The events of the lines, through either replay. */
  static String events(CommandReplay replay, List<String> lines) {
    StringWriter out = new StringWriter();
    try {
      for (String line : lines) {
        replay.apply(line, out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** Fails at the first line where the two event texts differ, showing it and the expected line before it. */
  static void assertSameEvents(String actual, String expected) {
    List<String> a = actual.lines().toList();
    List<String> e = expected.lines().toList();
    for (int i = 0; i < Math.min(a.size(), e.size()); i++) {
      if (!a.get(i).equals(e.get(i))) {
        throw new AssertionError("event " + (i + 1) + " differs:\n  actual:   " + a.get(i) + "\n  expected: " + e.get(i)
            + "\n  previous: " + (i > 0 ? e.get(i - 1) : "-"));
      }
    }
    if (a.size() != e.size()) {
      throw new AssertionError("actual has " + a.size() + " events, expected " + e.size());
    }
  }
}
