package io.matchstream.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import org.apache.avro.specific.SpecificRecord;

/**
 * Writes records as JSON lines to one writer through one generator: building a generator per line
 * cost more than writing the line. What it writes reaches the writer at {@link #flush()}.
 */
public final class JsonLineWriter {
  private final JsonCodec codec;
  private final Writer out;
  private final JsonGenerator json;

  public JsonLineWriter(JsonCodec codec, Writer out) {
    this.codec = codec;
    this.out = out;
    try {
      this.json = JsonCodec.lineGenerator(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code current} when it writes to {@code writer}, else a new line writer to it. */
  public static JsonLineWriter to(JsonLineWriter current, JsonCodec codec, Writer writer) {
    return current != null && current.out == writer ? current : new JsonLineWriter(codec, writer);
  }

  public void write(SpecificRecord record) {
    try {
      codec.write(record, json);
      json.writeRaw('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Hands what was written to the writer (without flushing the writer itself). */
  public void flush() {
    try {
      json.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
