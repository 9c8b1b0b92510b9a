package io.matchstream.replay;

import java.io.IOException;
import java.io.Writer;

/** Something that processes one command line to completion and writes its events as JSON lines. */
public interface CommandReplay {
  void apply(String line, Writer out) throws IOException;
}
