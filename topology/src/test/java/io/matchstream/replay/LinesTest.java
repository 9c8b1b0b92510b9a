package io.matchstream.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinesTest {
  @Test
  void aLineThatIsNotUtf8IsMarkedAndTheRestIsRead() throws IOException {
    byte[] input = {'a', '\n', (byte) 0xff, 'x', '\n', 'c', '\r', '\n', '\n', 0x64};
    List<String> lines = new ArrayList<>();
    try (Lines reader = new Lines(new ByteArrayInputStream(input))) {
      for (String line = reader.next(); line != null; line = reader.next()) {
        lines.add(line);
      }
    }
    assertThat(lines).containsExactly("a", Lines.NOT_TEXT, "c", "", "d");
  }
}
