package io.matchstream.replay;

import java.io.IOException;
import java.io.Writer;

/** Something that processes one command line to completion and writes its events as JSON lines. */
public interface CommandReplay {
  void apply(String line, Writer out) throws IOException;

  /** Replays every line of {@code in}; returns how many lines were read. */
  default long run(Lines in, Writer out) throws IOException {
    long lines = 0;
    for (String line = in.next(); line != null; line = in.next()) {
      lines++;
      apply(line, out);
    }
    out.flush();
    return lines;
  }
}
