package io.matchstream.stage;

import io.matchstream.engine.Asset;
import io.matchstream.engine.Commands;
import io.matchstream.engine.Events.Rejection;
import io.matchstream.engine.Market;
import io.matchstream.engine.Order;
import io.matchstream.engine.Reasons;
import io.matchstream.engine.RiskEngine;
import io.matchstream.schema.BookCommand;
import io.matchstream.schema.Command;
import io.matchstream.schema.Settlement;
import io.matchstream.schema.Settlements;
import io.matchstream.topology.CommandRouting;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Risk stage (partitioned by user). From the commands topic: validate, lock, pass accepted orders
 * and cancels to the book. From the transfers topic: deposits and withdrawals, which it takes from
 * no other. From the settlements topic: settle what the book did and publish the changed balances.
 */
public final class RiskProcessor extends GuardedProcessor {
  private final Deserializer<Command> commands;
  private final Deserializer<Settlements> settlements;
  private final String settlementsTopic;
  private GlobalReference reference;
  private StoreRiskState state;
  private RiskEngine risk;
  private StageOutput out;

  public RiskProcessor(
      Deserializer<Command> commands, Deserializer<Settlements> settlements, String settlementsTopic,
      StageSettings settings) {
    super("risk", StoreNames.RISK_PARKED, settings);
    this.commands = commands;
    this.settlements = settlements;
    this.settlementsTopic = settlementsTopic;
  }

  @Override
  void start() {
    this.reference = new GlobalReference(context.getStateStore(StoreNames.REFERENCE_DATA));
    this.state = new StoreRiskState(context.getStateStore(StoreNames.ACCOUNTS),
        context.getStateStore(StoreNames.USER_IDS),
        settings.riskObjectLimit(), faults);
    this.risk = new RiskEngine(reference, state);
    this.out = new StageOutput(context, faults, hops, tally, settings.riskPartitions());
  }

  @Override
  void discard() {
    state.forget();
  }

  @Override
  void apply(Input input) {
    applyInput(input);
    state.flush();
  }

  private void applyInput(Input input) {
    if (input.topic().equals(settlementsTopic)) {
      Settlements batch = DeadLetters.decodeInternal(input, settlements);
      tally.command("settlements");
      for (Settlement settlement : batch.getSettlements()) {
        Market market = reference.market(settlement.getSymbol());
        out.begin(input.timestamp(), market);
        risk.settle(AvroMapping.settlement(settlement, market, this::scaleOf), out);
      }
      return;
    }
    Command command = DeadLetters.decode(context, input, commands, tally);
    if (command == null) {
      return;
    }
    out.begin(input.timestamp(), null);
    Object body = command.getBody();
    Commands.EngineCommand decoded = AvroMapping.command(body);
    tally.command(type(decoded));
    String userId = CommandRouting.key(command);
    if (userId != null && !userId.isEmpty() && !userId.equals(input.key())) {
      out.reject(misrouted(decoded, Reasons.KEY_MISMATCH));
    } else if (!(decoded instanceof Commands.Malformed) && !input.topic().equals(CommandRouting.topic(command))) {
      out.reject(misrouted(decoded, Reasons.WRONG_TOPIC));
    } else {
      apply(decoded, body);
    }
  }

  private int scaleOf(String asset) {
    Asset known = reference.asset(asset);
    if (known == null) {
      throw new IllegalStateException("a settlement in " + asset + ", an asset this instance does not know yet");
    }
    return known.scale();
  }

  /**
   * A command travels keyed by its user, so that one task owns each account: under another key it
   * reached a task that does not own the account, where applying it would split the account in
   * two. A transfer travels on its own topic, which only the admin principal may write: read from
   * the commands topic, anyone who may place orders could have written it. Either is refused and
   * changes nothing. (A malformed line is no transfer: it stays a MALFORMED reject.)
   */
  private static Rejection misrouted(Commands.EngineCommand command, String reason) {
    if (command instanceof Commands.Place p) {
      return new Rejection("place", p.orderId(), null, p.symbol(), null, p.userId(), reason);
    } else if (command instanceof Commands.Cancel c) {
      return new Rejection("cancel", c.orderId(), null, null, null, c.userId(), reason);
    } else if (command instanceof Commands.Amend a) {
      return new Rejection("amend", a.orderId(), null, null, null, a.userId(), reason);
    } else if (command instanceof Commands.CancelAll c) {
      return new Rejection("cancelAll", null, null, c.symbol(), null, c.userId(), reason);
    }
    Commands.Transfer t = (Commands.Transfer) command;
    return new Rejection(t.type(), null, t.txId(), null, null, t.userId(), reason);
  }

  private static String type(Commands.EngineCommand command) {
    if (command instanceof Commands.Place) {
      return "place";
    } else if (command instanceof Commands.Cancel) {
      return "cancel";
    } else if (command instanceof Commands.Amend) {
      return "amend";
    } else if (command instanceof Commands.CancelAll) {
      return "cancelAll";
    } else if (command instanceof Commands.Transfer t) {
      return t.type();
    }
    return "malformed";
  }

  private void apply(Commands.EngineCommand command, Object body) {
    if (command instanceof Commands.Place place) {
      Order order = risk.place(place, out);
      if (order != null) {
        GlobalReference.Listing listing = reference.listing(place.symbol());
        out.forward(Outputs.ACCEPTED, place.symbol(), new BookCommand(AvroMapping.accepted(order, place.symbol(),
            listing.market(), listing.version())));
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
      out.transferring(transfer);
      risk.transfer(transfer, out);
    } else if (command instanceof Commands.Malformed malformed) {
      out.reject(Rejection.malformed(malformed.command()));
    }
  }
}
