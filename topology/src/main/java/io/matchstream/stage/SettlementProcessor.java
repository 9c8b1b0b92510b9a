package io.matchstream.stage;

import io.matchstream.engine.Market;
import io.matchstream.engine.RiskEngine;
import io.matchstream.schema.Settlement;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Risk stage, settlements side (partitioned by user): settle fills and ended orders, publish balances. */
public final class SettlementProcessor implements Processor<String, byte[], String, SpecificRecord> {
  private final Deserializer<Settlement> settlements;
  private ProcessorContext<String, SpecificRecord> context;
  private GlobalReference reference;
  private RiskEngine risk;
  private StageOutput out;

  public SettlementProcessor(Deserializer<Settlement> settlements) {
    this.settlements = settlements;
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.reference = new GlobalReference(context.getStateStore(StoreNames.REFERENCE_DATA));
    this.risk = new RiskEngine(reference, new StoreRiskState(context.getStateStore(StoreNames.ACCOUNTS),
        context.getStateStore(StoreNames.ORDER_LOCKS), context.getStateStore(StoreNames.USED_IDS)));
    this.out = new StageOutput(context);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    Settlement settlement = DeadLetters.decode(context, record, settlements);
    if (settlement == null) {
      return;
    }
    try {
      Market market = reference.market(settlement.getSymbol());
      out.begin(record.timestamp(), market);
      risk.settle(AvroMapping.settlement(settlement, market, code -> reference.asset(code).scale()), out);
    } catch (RuntimeException e) {
      DeadLetters.send(context, record, "failed: " + e);
    }
  }
}
