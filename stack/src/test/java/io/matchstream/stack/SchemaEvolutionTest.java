package io.matchstream.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apicurio.registry.rest.client.exception.RuleViolationException;
import io.apicurio.registry.rest.v2.beans.ArtifactMetaData;
import io.matchstream.app.SchemaSetup;
import io.matchstream.schema.BookCommand;
import io.matchstream.schema.Command;
import io.matchstream.schema.OrderEvent;
import io.matchstream.schema.OrderStatus;
import io.matchstream.schema.OrderType;
import io.matchstream.schema.Side;
import io.matchstream.schema.Trade;
import io.matchstream.serde.AvroBinarySerde;
import java.math.BigDecimal;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The registry holds the event schemas under BACKWARD compatibility: it takes an optional field,
 * refuses a breaking one, and takes every schema SPEC-ADVANCED changed.
 */
class SchemaEvolutionTest {
  private static final String ARTIFACT = "trades-evolution-value";

  @Test
  void optionalFieldIsCompatibleAndRequiredFieldIsRefused() throws Exception {
    SchemaSetup registry = new SchemaSetup(SharedStack.get().registry.url());
    String v1 = Trade.getClassSchema().toString();
    ArtifactMetaData first = registry.register(ARTIFACT, v1);

    String optional = withField(v1, "{\"name\":\"venue\",\"type\":[\"null\",\"string\"],\"default\":null}");
    ArtifactMetaData second = registry.register(ARTIFACT, optional);
    assertThat(second.getGlobalId()).isGreaterThan(first.getGlobalId());
    assertThat(second.getVersion()).isNotEqualTo(first.getVersion());

    String required = withField(optional, "{\"name\":\"settlementDate\",\"type\":\"string\"}");
    assertThatThrownBy(() -> registry.register(ARTIFACT, required))
        .isInstanceOf(RuleViolationException.class);
  }

  /**
   * SPEC-ADVANCED's changes (new order types, stop price, iceberg, amend, cancel-all, the order
   * event's quantity and triggered) are BACKWARD-compatible with the schemas of the release before
   * them, kept in {@code previous-schemas/}: the registry takes each as the next version.
   */
  @ParameterizedTest
  @ValueSource(strings = {"Command", "BookCommand", "Settlement", "OrderEvent"})
  void theAdvancedOrdersSchemasAreBackwardCompatible(String name) throws Exception {
    SchemaSetup registry = new SchemaSetup(SharedStack.get().registry.url());
    String artifact = "advanced-" + name + "-value";
    Schema current = switch (name) {
      case "Command" -> Command.getClassSchema();
      case "BookCommand" -> BookCommand.getClassSchema();
      case "Settlement" -> io.matchstream.schema.Settlement.getClassSchema();
      default -> OrderEvent.getClassSchema();
    };
    ArtifactMetaData first = registry.register(artifact, previous(name).toString());
    ArtifactMetaData second = registry.register(artifact, current.toString());
    assertThat(second.getVersion()).isNotEqualTo(first.getVersion());
  }

  /** A consumer built on the previous order-event schema reads an event of a fired stop, new fields and all. */
  @Test
  void aConsumerOnThePreviousSchemaReadsTheNewOrderEvents() throws Exception {
    OrderEvent event = OrderEvent.newBuilder().setOrderId("o-1").setUserId("u1").setSymbol("BTC-USDT")
        .setSide(Side.SELL).setStatus(OrderStatus.FILLED).setFilledQuantity(decimal("0.5"))
        .setFilledQuote(decimal("49.5")).setTs(7).setQuantity(decimal("0.5")).setTriggered(true)
        .setOrderType(OrderType.STOP_LOSS).setStopPrice(decimal("99")).build();
    byte[] bytes = new AvroBinarySerde<>(OrderEvent.class).toBytes(event);

    GenericDatumReader<GenericRecord> oldReader = new GenericDatumReader<>(OrderEvent.getClassSchema(), previous("OrderEvent"));
    GenericRecord read = oldReader.read(null, DecoderFactory.get().binaryDecoder(bytes, null));

    assertThat(read.getSchema().getField("triggered")).isNull();
    assertThat(read.get("orderId").toString()).isEqualTo("o-1");
    assertThat(read.get("status").toString()).isEqualTo("FILLED");
    assertThat(read.get("ts")).isEqualTo(7L);
  }

  private static BigDecimal decimal(String value) {
    return new BigDecimal(value).setScale(18);
  }

  private static Schema previous(String name) throws Exception {
    try (var in = SchemaEvolutionTest.class.getResourceAsStream("/previous-schemas/" + name + ".avsc")) {
      return new Schema.Parser().parse(in);
    }
  }

  /** The schema with one more field at the end. */
  private static String withField(String schema, String field) {
    Schema parsed = new Schema.Parser().parse(schema);
    String json = parsed.toString();
    return json.substring(0, json.lastIndexOf(']')) + "," + field + json.substring(json.lastIndexOf(']'));
  }
}
