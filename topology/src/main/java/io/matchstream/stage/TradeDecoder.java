package io.matchstream.stage;

import io.matchstream.schema.Trade;
import io.matchstream.topology.RegistryUnavailableException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The candles' reading of the trades topic: each record decoded and re-timed to the trade's own
 * {@code ts}, or, when it is no trade, its dead letter (a {@code DeadLetter} value the topology
 * sends to the dead-letter topic). The trades are a public feed anyone with write access can put a
 * record on, and the candles hold no money: a record that is no trade must not stop the app. A
 * registry that does not answer says nothing about the record: that is thrown, and retried.
 */
public final class TradeDecoder implements FixedKeyProcessor<String, byte[], SpecificRecord> {
  private final Deserializer<Trade> trades;
  private FixedKeyProcessorContext<String, SpecificRecord> context;

  public TradeDecoder(Deserializer<Trade> trades) {
    this.trades = trades;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, SpecificRecord> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, byte[]> record) {
    RecordMetadata meta = context.recordMetadata().orElseThrow();
    Input input = new Input(meta.topic(), meta.partition(), meta.offset(), record.timestamp(), record.key(),
        record.value());
    Trade trade;
    try {
      trade = trades.deserialize(meta.topic(), record.value());
    } catch (RegistryUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      context.forward(record.withValue(DeadLetters.letter(input, "undecodable: " + e.getMessage())));
      return;
    }
    if (trade == null) {
      context.forward(record.withValue(DeadLetters.letter(input, "empty value")));
      return;
    }
    context.forward(record.<SpecificRecord>withValue(trade).withTimestamp(trade.getTs()));
  }
}
