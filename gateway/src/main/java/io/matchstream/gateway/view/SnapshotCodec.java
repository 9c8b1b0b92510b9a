package io.matchstream.gateway.view;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.matchstream.schema.CancelAllAfter;
import io.matchstream.schema.Kline;
import io.matchstream.schema.ReferenceCommand;
import io.matchstream.serde.AvroBinarySerde;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** A {@link ViewSnapshot} as bytes: gzipped JSON, decimals exactly as the view holds them. */
final class SnapshotCodec {
  static final AvroBinarySerde<ReferenceCommand> REFERENCE = new AvroBinarySerde<>(ReferenceCommand.class);
  static final AvroBinarySerde<Kline> KLINES = new AvroBinarySerde<>(Kline.class);
  static final AvroBinarySerde<CancelAllAfter> SWITCHES = new AvroBinarySerde<>(CancelAllAfter.class);
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private SnapshotCodec() {}

  static byte[] encode(ViewSnapshot snapshot) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes, 1 << 16)) {
      JSON.writeValue(out, snapshot);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * The snapshot of {@code bytes}, each distinct text one String: the view built from the topics
   * shares an order's status, side and type (the schemas' enums' names), and without this each
   * order of a snapshot held copies of its own: a gateway started from a snapshot kept 235 MB of
   * heap where one that read the topics kept 158 (bench/gateway-start.sh, a million events). Its
   * decimals are shared as the topics' are ({@link ExchangeView#plain}).
   */
  static ViewSnapshot decode(byte[] bytes) {
    Map<String, String> texts = new HashMap<>();
    SimpleModule shared = new SimpleModule().addDeserializer(String.class, new StdScalarDeserializer<>(String.class) {
      @Override
      public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        String text = parser.getValueAsString();
        return text == null ? null : texts.computeIfAbsent(text, t -> t);
      }
    }).addDeserializer(BigDecimal.class, new StdScalarDeserializer<>(BigDecimal.class) {
      @Override
      public BigDecimal deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        return ExchangeView.plain(parser.getDecimalValue());
      }
    });
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes), 1 << 16)) {
      return JSON.copy().registerModule(shared).readValue(in, ViewSnapshot.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
