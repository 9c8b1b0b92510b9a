package io.matchstream.replay;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a file line by line ('\n'-separated), strictly as UTF-8: a line that is not UTF-8 comes
 * back as {@link #NOT_TEXT}, which no JSON reader accepts, so it becomes one MALFORMED reject and
 * the run goes on instead of stopping at the first bad byte.
 */
public final class Lines implements AutoCloseable {
  /** Stands for a line that is not text; never valid JSON. */
  public static final String NOT_TEXT = "\u0000not UTF-8";

  private final InputStream in;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
  private final byte[] chunk = new byte[1 << 16];
  private int position;
  private int limit;
  private byte[] line = new byte[256];

  public Lines(InputStream in) {
    this.in = in;
  }

  /** The next line without its line break, or null at the end of the input. */
  public String next() throws IOException {
    int length = 0;
    while (true) {
      if (position == limit) {
        limit = in.read(chunk);
        position = 0;
        if (limit <= 0) {
          limit = 0;
          return length == 0 ? null : decode(length);
        }
      }
      byte b = chunk[position++];
      if (b == '\n') {
        return decode(length);
      }
      if (length == line.length) {
        line = Arrays.copyOf(line, length * 2);
      }
      line[length++] = b;
    }
  }

  private String decode(int length) {
    if (length > 0 && line[length - 1] == '\r') {
      length--;
    }
    try {
      return decoder.decode(ByteBuffer.wrap(line, 0, length)).toString();
    } catch (CharacterCodingException notUtf8) {
      return NOT_TEXT;
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
