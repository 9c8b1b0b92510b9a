package io.matchstream.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/** Book deltas, as the Avro converter hands them to the sink, become book_levels rows and deletes. */
class BookLevelOfDeltaTest {
  private static final Schema DECIMAL = Decimal.schema(18);
  private static final Schema DELTA = SchemaBuilder.struct().name("io.matchstream.schema.BookDelta")
      .field("symbol", Schema.STRING_SCHEMA).field("seq", Schema.INT64_SCHEMA).field("side", Schema.STRING_SCHEMA)
      .field("price", DECIMAL).field("quantity", DECIMAL).build();

  private final BookLevelOfDelta<SinkRecord> transform = new BookLevelOfDelta<>();

  private static SinkRecord delta(long seq, String side, String price, String quantity) {
    Struct value = new Struct(DELTA).put("symbol", "BTC-USDT").put("seq", seq).put("side", side)
        .put("price", new BigDecimal(price).setScale(18)).put("quantity", new BigDecimal(quantity).setScale(18));
    return new SinkRecord("book-deltas", 0, Schema.STRING_SCHEMA, "BTC-USDT", DELTA, value, seq, 1000L + seq,
        org.apache.kafka.common.record.TimestampType.CREATE_TIME);
  }

  @Test
  void aLevelWithATotalIsItsRowUnderTheLevelKey() {
    SinkRecord row = transform.apply(delta(7, "BUY", "30000.50", "1.25"));
    assertThat(row.key()).isEqualTo("BTC-USDT:BUY:30000.5");
    Struct level = (Struct) row.value();
    assertThat(row.valueSchema().fields()).extracting(f -> f.name())
        .containsExactly("symbol", "side", "price", "quantity", "seq");
    assertThat(level.get("quantity")).isEqualTo(new BigDecimal("1.25").setScale(18));
    assertThat(level.getInt64("seq")).isEqualTo(7L);
    assertThat(row.timestamp()).isEqualTo(1007L);
  }

  @Test
  void anEmptiedLevelIsATombstoneAndWholePricesKeepTheirZeros() {
    SinkRecord gone = transform.apply(delta(8, "SELL", "30000", "0"));
    assertThat(gone.key()).isEqualTo("BTC-USDT:SELL:30000");
    assertThat(gone.value()).isNull();
    assertThat(gone.valueSchema()).isNull();
  }
}
