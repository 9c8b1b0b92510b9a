package io.matchstream.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.common.errors.SerializationException;

/**
 * One Avro value to or from bytes, after a prefix the caller frames it with (none, or a registry's
 * magic byte and schema id), reusing an encoder and a decoder per thread. A value must fill its
 * bytes exactly: anything after it means the bytes are not what they claim to be.
 */
public final class AvroBinary {
  private final ThreadLocal<BinaryEncoder> encoders = new ThreadLocal<>();
  private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();

  /**
   * The generated class's own model, which knows its decimal conversions, with Avro's fast reader
   * on: it works out a reader once per pair of schemas instead of resolving them per record.
   */
  public static SpecificData modelOf(Class<?> generated) {
    SpecificData model = SpecificData.getForClass(generated);
    model.setFastReaderEnabled(true);
    return model;
  }

  /** The prefix, then the value; {@code what} names the value in an error. */
  public <T> byte[] write(DatumWriter<T> writer, T value, byte[] prefix, String what) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    out.writeBytes(prefix);
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, encoders.get());
    encoders.set(encoder);
    try {
      writer.write(value, encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("cannot encode " + what + ": " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  /** The value that fills the bytes from {@code offset} on; {@code what} names it in an error. */
  public <T> T read(DatumReader<T> reader, byte[] bytes, int offset, String what) {
    BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, offset, bytes.length - offset, decoders.get());
    decoders.set(decoder);
    try {
      T value = reader.read(null, decoder);
      if (!decoder.isEnd()) {
        throw new SerializationException("trailing bytes after the record");
      }
      return value;
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("not a valid " + what + " record: " + e.getMessage(), e);
    }
  }
}
