package io.matchstream.connect;

import java.math.BigDecimal;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * A book delta (book-deltas) as its price level's row in book_levels: keyed
 * {@code symbol:SIDE:price} (the price without trailing zeros), holding the level's new total and
 * the delta's seq, or a tombstone when the delta empties the level, so the JDBC sink's upserts and
 * deletes keep exactly the current book. The book stage used to write these rows to a topic of
 * their own: one more record per delta on the exchange's path, for what the sink can work out.
 */
public class BookLevelOfDelta<R extends ConnectRecord<R>> implements Transformation<R> {
  private Schema deltaSchema;
  private Schema levelSchema;

  @Override
  public R apply(R record) {
    if (!(record.value() instanceof Struct delta)) {
      throw new DataException("a book delta must be a struct, not " + record.value());
    }
    String key = delta.getString("symbol") + ':' + delta.get("side") + ':' + plain((BigDecimal) delta.get("price"));
    BigDecimal quantity = (BigDecimal) delta.get("quantity");
    if (quantity.signum() == 0) {
      return record.newRecord(record.topic(), record.kafkaPartition(), Schema.STRING_SCHEMA, key, null, null,
          record.timestamp());
    }
    Schema schema = levelSchema(delta.schema());
    Struct level = new Struct(schema).put("symbol", delta.get("symbol")).put("side", delta.get("side"))
        .put("price", delta.get("price")).put("quantity", quantity).put("seq", delta.get("seq"));
    return record.newRecord(record.topic(), record.kafkaPartition(), Schema.STRING_SCHEMA, key, schema, level,
        record.timestamp());
  }

  private static String plain(BigDecimal price) {
    return price.stripTrailingZeros().toPlainString();
  }

  /** The row's schema, in the table's column order, with the delta's own field schemas. */
  private synchronized Schema levelSchema(Schema delta) {
    if (delta != deltaSchema) {
      levelSchema = SchemaBuilder.struct().name("io.matchstream.schema.BookLevel")
          .field("symbol", delta.field("symbol").schema()).field("side", delta.field("side").schema())
          .field("price", delta.field("price").schema()).field("quantity", delta.field("quantity").schema())
          .field("seq", delta.field("seq").schema()).build();
      deltaSchema = delta;
    }
    return levelSchema;
  }

  @Override
  public ConfigDef config() {
    return new ConfigDef();
  }

  @Override
  public void configure(Map<String, ?> configs) {}

  @Override
  public void close() {}
}
