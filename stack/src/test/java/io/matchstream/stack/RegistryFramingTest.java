package io.matchstream.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.apicurio.registry.serde.SerdeConfig;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerdeConfig;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.matchstream.app.AppConfig;
import io.matchstream.app.RegistrySerdes;
import io.matchstream.app.SchemaSetup;
import io.matchstream.schema.OrderEvent;
import io.matchstream.schema.OrderStatus;
import io.matchstream.schema.Side;
import io.matchstream.schema.Trade;
import io.matchstream.serde.AvroBinarySerde;
import io.matchstream.topology.RegistryUnavailableException;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The app's own registry serde against a real registry: Confluent's wire format with the id the
 * registry's Confluent-compatible API serves, read and written the same as Apicurio's serdes in
 * their Confluent mode; the earlier 8-byte framing still read; a value written with an earlier
 * version of a schema resolved to the current class; and an id the registry does not hold is bad
 * input (a dead letter), not an outage.
 */
class RegistryFramingTest {
  private SharedStack stack;
  private AppConfig config;

  @BeforeEach
  void stack() throws Exception {
    stack = SharedStack.get();
    config = stack.clientConfig("framing");
  }

  @Test
  void apicuriosConfluentSerdesAndOursReadEachOther() {
    Map<String, Object> confluent = Map.of(SerdeConfig.REGISTRY_URL, stack.registry.url(),
        SerdeConfig.AUTO_REGISTER_ARTIFACT, true, AvroKafkaSerdeConfig.USE_SPECIFIC_AVRO_READER, true,
        SerdeConfig.ENABLE_CONFLUENT_ID_HANDLER, true, SerdeConfig.USE_ID, "contentId");
    Serde<Trade> ours = RegistrySerdes.of(config).serde(Trade.class);
    try (AvroKafkaSerializer<Trade> theirWriter = new AvroKafkaSerializer<>();
        AvroKafkaDeserializer<Trade> theirReader = new AvroKafkaDeserializer<>()) {
      theirWriter.configure(confluent, false);
      theirReader.configure(confluent, false);
      for (int i = 0; i < 3; i++) {
        // the first value of a topic takes the registry's path, the next ones the serde's own
        Trade trade = trade(i);
        assertThat(ours.deserializer().deserialize("framing-trades", theirWriter.serialize("framing-trades", trade)))
            .isEqualTo(trade);
        assertThat(theirReader.deserialize("framing-trades", ours.serializer().serialize("framing-trades", trade)))
            .isEqualTo(trade);
      }
      assertThat(ours.serializer().serialize("framing-trades", trade(5)))
          .isEqualTo(theirWriter.serialize("framing-trades", trade(5)));
    }
  }

  @Test
  void theIdInAFrameIsTheOneTheConfluentApiServes() throws Exception {
    byte[] framed = RegistrySerdes.of(config).serde(Trade.class).serializer().serialize("framing-ccompat", trade(1));
    assertThat(framed[0]).isZero();
    int id = ByteBuffer.wrap(framed, 1, Integer.BYTES).getInt();
    HttpResponse<String> served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(stack.registry.url().replace("/apis/registry/v2", "/apis/ccompat/v7/schemas/ids/" + id))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(served.statusCode()).isEqualTo(200);
    String schema = new ObjectMapper().readTree(served.body()).path("schema").asText();
    assertThat(new Schema.Parser().parse(schema)).isEqualTo(Trade.getClassSchema());
  }

  @Test
  void valuesInTheEarlierFramingAreStillRead() {
    // what builds before Confluent's framing wrote: Apicurio's default, the magic byte and an 8-byte global id
    Map<String, Object> earlier = Map.of(SerdeConfig.REGISTRY_URL, stack.registry.url(),
        SerdeConfig.AUTO_REGISTER_ARTIFACT, true);
    try (AvroKafkaSerializer<Trade> earlierWriter = new AvroKafkaSerializer<>()) {
      earlierWriter.configure(earlier, false);
      byte[] framed = earlierWriter.serialize("framing-earlier", trade(2));
      assertThat(framed).startsWith(0, 0, 0, 0, 0);
      assertThat(RegistrySerdes.of(config).serde(Trade.class).deserializer().deserialize("framing-earlier", framed))
          .isEqualTo(trade(2));
    }
  }

  @Test
  void aValueWrittenWithThePreviousSchemaReadsAsTheCurrentClass() throws Exception {
    Schema previous = previous("OrderEvent");
    long id = new SchemaSetup(stack.registry.url()).register("framing-order-events-value", previous.toString())
        .getGlobalId();
    OrderEvent event = OrderEvent.newBuilder().setOrderId("o-1").setUserId("u1").setSymbol("BTC-USDT")
        .setSide(Side.BUY).setStatus(OrderStatus.PARTIALLY_FILLED).setFilledQuantity(decimal("0.25"))
        .setFilledQuote(decimal("25")).setTs(9).build();
    // the event as a client on the earlier build writes it: the earlier schema's fields only
    GenericRecord old = new GenericDatumReader<GenericRecord>(OrderEvent.getClassSchema(), previous).read(null,
        DecoderFactory.get().binaryDecoder(new AvroBinarySerde<>(OrderEvent.class).toBytes(event), null));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0);
    out.writeBytes(ByteBuffer.allocate(Long.BYTES).putLong(id).array());
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(previous).write(old, encoder);
    encoder.flush();

    OrderEvent read = RegistrySerdes.of(config).serde(OrderEvent.class).deserializer()
        .deserialize("order-events", out.toByteArray());

    assertThat(read.getOrderId()).isEqualTo("o-1");
    assertThat(read.getStatus()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
    assertThat(read.getFilledQuote()).isEqualByComparingTo("25");
    assertThat(read.getTriggered()).as("a field the earlier schema lacks takes its default").isNull();
  }

  @Test
  void anIdTheRegistryDoesNotHoldIsBadInputNotAnOutage() {
    byte[] confluent = ByteBuffer.allocate(8).put((byte) 0).putInt(987_654_321).put(new byte[] {2, 4, 6}).array();
    byte[] earlier = ByteBuffer.allocate(12).put((byte) 0).putLong(987_654_321L).put(new byte[] {2, 4, 6}).array();
    Serde<SpecificRecord> serde = RegistrySerdes.of(config).serde(SpecificRecord.class);
    for (byte[] framed : new byte[][] {confluent, earlier}) {
      assertThatThrownBy(() -> serde.deserializer().deserialize("commands", framed))
          .isInstanceOf(SerializationException.class).isNotInstanceOf(RegistryUnavailableException.class)
          .hasMessageContaining("987654321");
    }
    assertThatThrownBy(() -> serde.deserializer().deserialize("commands", new byte[] {1, 2, 3}))
        .isInstanceOf(SerializationException.class).hasMessageContaining("magic byte");
    assertThatThrownBy(() -> serde.deserializer().deserialize("commands", new byte[] {0, 0, 0, 0, 0, 7}))
        .isInstanceOf(SerializationException.class).hasMessageContaining("schema id 0");
  }

  private static Trade trade(int i) {
    return Trade.newBuilder().setTradeId(i + 1).setSymbol("BTC-USDT").setPrice(decimal("100." + i))
        .setQuantity(decimal("0.5")).setQuoteQuantity(decimal("50")).setTakerSide(Side.BUY)
        .setMakerOrderId("s" + i).setTakerOrderId("b" + i).setMakerUserId("u2").setTakerUserId("u1")
        .setBuyerFee(decimal("0.05")).setSellerFee(decimal("0.1")).setTs(i).build();
  }

  private static BigDecimal decimal(String value) {
    return new BigDecimal(value).setScale(18);
  }

  private static Schema previous(String name) throws Exception {
    try (var in = RegistryFramingTest.class.getResourceAsStream("/previous-schemas/" + name + ".avsc")) {
      return new Schema.Parser().parse(in);
    }
  }
}
