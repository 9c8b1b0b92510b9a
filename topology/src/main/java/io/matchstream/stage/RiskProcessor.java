package io.matchstream.stage;

import io.matchstream.engine.Commands;
import io.matchstream.engine.Events.Rejection;
import io.matchstream.engine.Market;
import io.matchstream.engine.Order;
import io.matchstream.engine.RiskEngine;
import io.matchstream.schema.BookCommand;
import io.matchstream.schema.Command;
import io.matchstream.schema.Settlement;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Risk stage (partitioned by user). From the commands topic: validate, lock, pass accepted orders
 * and cancels to the book. From the settlements topic: settle what the book did and publish the
 * changed balances.
 */
public final class RiskProcessor implements Processor<String, byte[], String, SpecificRecord> {
  private final Deserializer<Command> commands;
  private final Deserializer<Settlement> settlements;
  private final String settlementsTopic;
  private ProcessorContext<String, SpecificRecord> context;
  private GlobalReference reference;
  private StoreRiskState state;
  private RiskEngine risk;
  private StageOutput out;

  public RiskProcessor(Deserializer<Command> commands, Deserializer<Settlement> settlements, String settlementsTopic) {
    this.commands = commands;
    this.settlements = settlements;
    this.settlementsTopic = settlementsTopic;
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.reference = new GlobalReference(context.getStateStore(StoreNames.REFERENCE_DATA));
    // init runs again when a task is revived after an aborted transaction: start from the stores
    this.state = new StoreRiskState(context.getStateStore(StoreNames.ACCOUNTS),
        context.getStateStore(StoreNames.ORDER_LOCKS), context.getStateStore(StoreNames.USED_IDS));
    this.risk = new RiskEngine(reference, state);
    this.out = new StageOutput(context);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    boolean settlement = context.recordMetadata().map(RecordMetadata::topic).orElse("").equals(settlementsTopic);
    Object value = settlement
        ? DeadLetters.decode(context, record, settlements)
        : DeadLetters.decode(context, record, commands);
    if (value == null) {
      return;
    }
    try {
      if (value instanceof Settlement s) {
        settle(record, s);
      } else {
        out.begin(record.timestamp(), null);
        Object body = ((Command) value).getBody();
        apply(AvroMapping.command(body), body);
      }
    } catch (RuntimeException e) {
      state.forget();
      DeadLetters.send(context, record, "failed: " + e);
    }
  }

  private void apply(Commands.EngineCommand command, Object body) {
    if (command instanceof Commands.Place place) {
      Order order = risk.place(place, out);
      if (order != null) {
        out.forward(Outputs.ACCEPTED, place.symbol(),
            new BookCommand(AvroMapping.accepted(order, place.symbol(), reference.market(place.symbol()))));
      }
    } else if (command instanceof Commands.Cancel cancel) {
      if (risk.cancel(cancel, out)) {
        out.forward(Outputs.ACCEPTED, cancel.symbol(), new BookCommand(AvroMapping.cancelRequest(cancel)));
      }
    } else if (command instanceof Commands.Amend amend) {
      if (risk.amend(amend, out)) {
        out.forward(Outputs.ACCEPTED, amend.symbol(),
            new BookCommand(AvroMapping.amendRequest(amend, (io.matchstream.schema.Amend) body)));
      }
    } else if (command instanceof Commands.CancelAll cancelAll) {
      if (risk.cancelAll(cancelAll, out)) {
        out.forward(Outputs.ACCEPTED, cancelAll.symbol(), new BookCommand(AvroMapping.cancelAllRequest(cancelAll)));
      }
    } else if (command instanceof Commands.Transfer transfer) {
      risk.transfer(transfer, out);
    } else if (command instanceof Commands.Malformed malformed) {
      out.reject(Rejection.malformed(malformed.command()));
    }
  }

  private void settle(Record<String, byte[]> record, Settlement settlement) {
    Market market = reference.market(settlement.getSymbol());
    out.begin(record.timestamp(), market);
    risk.settle(AvroMapping.settlement(settlement, market, code -> reference.asset(code).scale()), out);
  }
}
