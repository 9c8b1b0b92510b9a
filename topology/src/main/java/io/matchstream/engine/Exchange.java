package io.matchstream.engine;

import io.matchstream.engine.Commands.Amend;
import io.matchstream.engine.Commands.AssetCommand;
import io.matchstream.engine.Commands.Cancel;
import io.matchstream.engine.Commands.CancelAll;
import io.matchstream.engine.Commands.EngineCommand;
import io.matchstream.engine.Commands.Malformed;
import io.matchstream.engine.Commands.Place;
import io.matchstream.engine.Commands.SymbolCommand;
import io.matchstream.engine.Commands.Transfer;
import io.matchstream.engine.Events.BalanceUpdate;
import io.matchstream.engine.Events.EventSink;
import io.matchstream.engine.Events.LevelDelta;
import io.matchstream.engine.Events.OrderUpdate;
import io.matchstream.engine.Events.Rejection;
import io.matchstream.engine.Events.TradeEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Both stages wired directly, one command at a time: the sequential reference the topology must
 * equal, and what the engine benchmark runs. The topology runs the same {@link RiskEngine} and
 * {@link OrderBook}, with Kafka topics between them instead of method calls.
 */
public final class Exchange {
  private final ReferenceBook reference = new ReferenceBook();
  private final InMemoryRiskState riskState = new InMemoryRiskState();
  private final RiskEngine risk = new RiskEngine(reference, riskState);
  private final Map<String, OrderBook> books = new HashMap<>();
  private final Relay relay = new Relay();

  public void apply(EngineCommand command, EventSink out) {
    relay.out = out;
    if (command instanceof Place place) {
      Order order = risk.place(place, out);
      if (order != null) {
        book(place.symbol()).submit(order, reference.market(place.symbol()), relay);
        settle(out);
      }
    } else if (command instanceof Cancel cancel) {
      if (risk.cancel(cancel, out)) {
        book(cancel.symbol()).cancel(cancel.userId(), cancel.orderId(), cancel.ts(),
            reference.market(cancel.symbol()), relay);
        settle(out);
      }
    } else if (command instanceof Amend amend) {
      if (risk.amend(amend, out)) {
        book(amend.symbol()).amend(amend.userId(), amend.orderId(), amend.newQuantity(), amend.ts(),
            reference.market(amend.symbol()), relay);
        settle(out);
      }
    } else if (command instanceof CancelAll cancelAll) {
      if (risk.cancelAll(cancelAll, out)) {
        book(cancelAll.symbol()).cancelAll(cancelAll.userId(), cancelAll.ts(), reference.market(cancelAll.symbol()),
            relay);
        settle(out);
      }
    } else if (command instanceof Transfer transfer) {
      risk.transfer(transfer, out);
    } else if (command instanceof AssetCommand asset) {
      rejectIfAny(reference.apply(asset), out);
    } else if (command instanceof SymbolCommand symbol) {
      rejectIfAny(reference.apply(symbol), out);
    } else if (command instanceof Malformed malformed) {
      out.reject(Rejection.malformed(malformed.command()));
    }
  }

  private void settle(EventSink out) {
    for (Settlement settlement : relay.settlements) {
      risk.settle(settlement, out);
    }
    relay.settlements.clear();
  }

  private static void rejectIfAny(Rejection rejection, EventSink out) {
    if (rejection != null) {
      out.reject(rejection);
    }
  }

  public OrderBook book(String symbol) {
    return books.computeIfAbsent(symbol, OrderBook::new);
  }

  public Map<String, OrderBook> books() {
    return books;
  }

  public ReferenceBook reference() {
    return reference;
  }

  public InMemoryRiskState riskState() {
    return riskState;
  }

  /** Passes the book's events through and keeps its settlements for the risk engine. */
  private static final class Relay implements BookOutput {
    EventSink out;
    final List<Settlement> settlements = new ArrayList<>();

    @Override
    public void settlement(Settlement settlement) {
      settlements.add(settlement);
    }

    @Override
    public void trade(TradeEvent event) {
      out.trade(event);
    }

    @Override
    public void order(OrderUpdate event) {
      out.order(event);
    }

    @Override
    public void delta(LevelDelta event) {
      out.delta(event);
    }

    @Override
    public void balance(BalanceUpdate event) {
      out.balance(event);
    }

    @Override
    public void reject(Rejection event) {
      out.reject(event);
    }
  }
}
