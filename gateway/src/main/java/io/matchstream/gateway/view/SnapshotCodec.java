package io.matchstream.gateway.view;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.matchstream.schema.CancelAllAfter;
import io.matchstream.schema.Kline;
import io.matchstream.schema.ReferenceCommand;
import io.matchstream.serde.AvroBinarySerde;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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

  private static final String TRADES = "trades";
  private static final ObjectMapper READER = JSON.copy().registerModule(new SimpleModule()
      .addDeserializer(BigDecimal.class, new StdScalarDeserializer<>(BigDecimal.class) {
        @Override
        public BigDecimal deserialize(JsonParser parser, DeserializationContext context) throws IOException {
          return ExchangeView.plain(parser.getDecimalValue());
        }
      })
      .setDeserializerModifier(new BeanDeserializerModifier() {
        @Override
        public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription bean,
            JsonDeserializer<?> deserializer) {
          return bean.getBeanClass() == TradeView.class ? new OneTradeEach(deserializer) : deserializer;
        }
      }));

  /**
   * A trade the snapshot holds several times (its symbol's recent trades, its maker's and its
   * taker's) decoded as one object: a million trades decoded three times over held 500 MB more
   * than the view keeps, and ran a starting gateway out of its heap.
   */
  private static final class OneTradeEach extends DelegatingDeserializer {
    OneTradeEach(JsonDeserializer<?> deserializer) {
      super(deserializer);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> deserializer) {
      return new OneTradeEach(deserializer);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      TradeView trade = (TradeView) super.deserialize(parser, context);
      Map<String, Map<Long, TradeView>> seen = (Map<String, Map<Long, TradeView>>) context.getAttribute(TRADES);
      return seen.computeIfAbsent(trade.symbol(), symbol -> new HashMap<>()).computeIfAbsent(trade.id(), id -> trade);
    }
  }

  private SnapshotCodec() {}

  /** Writes {@code snapshot} to {@code out} as it encodes it, and closes {@code out}. */
  static void encode(ViewSnapshot snapshot, OutputStream out) throws IOException {
    try (GZIPOutputStream gzip = new GZIPOutputStream(out, 1 << 16)) {
      JSON.writeValue(gzip, snapshot);
    }
  }

  /**
   * The snapshot {@code in} gives, read as it decodes. Its decimals are shared as the topics' are
   * ({@link ExchangeView#plain}), and its orders' and trades' short texts by their records'
   * constructors; what is left to share (a trade's order ids) the view's load does.
   */
  static ViewSnapshot decode(InputStream in) throws IOException {
    try (GZIPInputStream gzip = new GZIPInputStream(in, 1 << 16)) {
      return READER.readerFor(ViewSnapshot.class).withAttribute(TRADES, new HashMap<>()).readValue(gzip);
    }
  }
}
