package io.matchstream.stage;

import io.matchstream.engine.Commands;
import io.matchstream.engine.Events.Rejection;
import io.matchstream.engine.Order;
import io.matchstream.engine.RiskEngine;
import io.matchstream.schema.BookCommand;
import io.matchstream.schema.Command;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Risk stage, commands side (partitioned by user): validate, lock, pass accepted orders to the book. */
public final class RiskCommandProcessor implements Processor<String, byte[], String, SpecificRecord> {
  private final Deserializer<Command> commands;
  private ProcessorContext<String, SpecificRecord> context;
  private GlobalReference reference;
  private RiskEngine risk;
  private StageOutput out;

  public RiskCommandProcessor(Deserializer<Command> commands) {
    this.commands = commands;
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
    Command command = DeadLetters.decode(context, record, commands);
    if (command == null) {
      return;
    }
    try {
      out.begin(record.timestamp(), null);
      Commands.EngineCommand engineCommand = AvroMapping.command(command.getBody());
      if (engineCommand instanceof Commands.Place place) {
        Order order = risk.place(place, out);
        if (order != null) {
          out.forward(Outputs.ACCEPTED, place.symbol(),
              new BookCommand(AvroMapping.accepted(order, place.symbol(), reference.market(place.symbol()))));
        }
      } else if (engineCommand instanceof Commands.Cancel cancel) {
        if (risk.cancel(cancel, out)) {
          out.forward(Outputs.ACCEPTED, cancel.symbol(), new BookCommand(AvroMapping.cancelRequest(cancel)));
        }
      } else if (engineCommand instanceof Commands.Transfer transfer) {
        risk.transfer(transfer, out);
      } else if (engineCommand instanceof Commands.Malformed malformed) {
        out.reject(Rejection.malformed(malformed.command()));
      }
    } catch (RuntimeException e) {
      DeadLetters.send(context, record, "failed: " + e);
    }
  }
}
