package io.matchstream.stage;

import io.matchstream.engine.Commands;
import io.matchstream.engine.Dec;
import io.matchstream.engine.Events;
import io.matchstream.engine.Market;
import io.matchstream.engine.Order;
import io.matchstream.engine.Settlement;
import io.matchstream.engine.Stp;
import io.matchstream.engine.Tif;
import io.matchstream.engine.Units;
import io.matchstream.schema.AcceptedOrder;
import io.matchstream.schema.Amend;
import io.matchstream.schema.AmendRequest;
import io.matchstream.schema.AssetDefinition;
import io.matchstream.schema.BalanceEvent;
import io.matchstream.schema.BookDelta;
import io.matchstream.schema.Cancel;
import io.matchstream.schema.CancelAll;
import io.matchstream.schema.CancelAllRequest;
import io.matchstream.schema.CancelRequest;
import io.matchstream.schema.Deposit;
import io.matchstream.schema.FeeCredit;
import io.matchstream.schema.Fill;
import io.matchstream.schema.Malformed;
import io.matchstream.schema.OrderEnd;
import io.matchstream.schema.OrderEvent;
import io.matchstream.schema.OrderShrink;
import io.matchstream.schema.OrderStatus;
import io.matchstream.schema.OrderType;
import io.matchstream.schema.Place;
import io.matchstream.schema.RejectEvent;
import io.matchstream.schema.Side;
import io.matchstream.schema.SymbolDefinition;
import io.matchstream.schema.TimeInForce;
import io.matchstream.schema.Trade;
import io.matchstream.schema.Withdraw;
import io.matchstream.schema.state.WaitingStopState;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/** Between the Avro records on the topics and the engine's own types. */
public final class AvroMapping {
  private AvroMapping() {}

  // ---- commands in

  public static Commands.EngineCommand command(Object body) {
    if (body instanceof Place p) {
      return new Commands.Place(p.getOrderId(), p.getClientOrderId(), p.getUserId(), p.getSymbol(), p.getSide(),
          p.getOrderType(), p.getTimeInForce(), Dec.of(p.getPrice()), Dec.of(p.getQuantity()),
          Dec.of(p.getQuoteQuantity()), p.getStp(), p.getTs(), Dec.of(p.getStopPrice()), Dec.of(p.getIcebergQuantity()));
    } else if (body instanceof Cancel c) {
      return new Commands.Cancel(c.getOrderId(), c.getUserId(), c.getSymbol(), c.getTs());
    } else if (body instanceof Amend a) {
      return new Commands.Amend(a.getOrderId(), a.getUserId(), a.getSymbol(), Dec.of(a.getNewQuantity()), a.getTs());
    } else if (body instanceof CancelAll c) {
      return new Commands.CancelAll(c.getUserId(), c.getSymbol(), c.getTs(), c.getRequestId());
    } else if (body instanceof Deposit d) {
      return new Commands.Transfer(true, d.getUserId(), d.getAsset(), Dec.of(d.getAmount()), d.getTxId(), d.getTs());
    } else if (body instanceof Withdraw w) {
      return new Commands.Transfer(false, w.getUserId(), w.getAsset(), Dec.of(w.getAmount()), w.getTxId(), w.getTs());
    } else if (body instanceof AssetDefinition a) {
      return new Commands.AssetCommand(a.getAsset(), a.getScale());
    } else if (body instanceof SymbolDefinition s) {
      return new Commands.SymbolCommand(s.getSymbol(), s.getBase(), s.getQuote(), Dec.of(s.getTickSize()),
          Dec.of(s.getLotSize()), Dec.of(s.getMinNotional()), Dec.of(s.getMakerFeeRate()),
          Dec.of(s.getTakerFeeRate()), s.getStatus());
    } else if (body instanceof Malformed m) {
      return new Commands.Malformed(m.getCommand());
    }
    throw new IllegalArgumentException("not a command: " + body);
  }

  // ---- between the stages

  public static AcceptedOrder accepted(Order o, String symbol, Market m, long marketVersion) {
    int baseScale = m.base().scale();
    int quoteScale = m.quote().scale();
    boolean marketBuy = o.market && o.buy;
    return new AcceptedOrder(o.orderId, o.clientOrderId, o.userId, symbol, o.buy ? Side.BUY : Side.SELL,
        OrderType.valueOf(o.type()),
        o.market ? null : TimeInForce.valueOf(o.tif.name()),
        o.market ? null : decimal(o.price, quoteScale),
        marketBuy ? null : decimal(o.quantity, baseScale),
        marketBuy ? decimal(o.quoteQuantity, quoteScale) : null,
        io.matchstream.schema.Stp.valueOf(o.stp.name()), o.ts,
        o.isStop() ? decimal(o.stopPrice, quoteScale) : null,
        o.isIceberg() ? decimal(o.iceberg, baseScale) : null, marketVersion);
  }



  public static Order order(AcceptedOrder a, Market m) {
    int baseScale = m.base().scale();
    int quoteScale = m.quote().scale();
    OrderType type = a.getOrderType();
    boolean market = type == OrderType.MARKET || type == OrderType.STOP_LOSS || type == OrderType.TAKE_PROFIT;
    boolean takeProfit = type == OrderType.TAKE_PROFIT || type == OrderType.TAKE_PROFIT_LIMIT;
    return new Order(a.getOrderId(), a.getClientOrderId(), a.getUserId(), a.getSide() == Side.BUY, market,
        a.getTimeInForce() == null ? Tif.IOC : Tif.valueOf(a.getTimeInForce().name()),
        Stp.valueOf(a.getStp().name()),
        units(a.getPrice(), quoteScale), units(a.getQuantity(), baseScale), units(a.getQuoteQuantity(), quoteScale),
        a.getTs(), units(a.getStopPrice(), quoteScale), takeProfit, units(a.getIcebergQuantity(), baseScale));
  }

  public static CancelRequest cancelRequest(Commands.Cancel c) {
    return new CancelRequest(c.orderId(), c.userId(), c.symbol(), c.ts());
  }

  /**
   * The amend for the book, its {@code newQuantity} taken from the command as sent: the book judges
   * it against the order, and a value with more digits than a long holds has no {@link Dec} to
   * travel as.
   */
  public static AmendRequest amendRequest(Commands.Amend a, Amend raw) {
    return new AmendRequest(a.orderId(), a.userId(), a.symbol(), raw.getNewQuantity(), a.ts());
  }

  public static CancelAllRequest cancelAllRequest(Commands.CancelAll c) {
    return new CancelAllRequest(c.userId(), c.symbol(), c.ts());
  }

  public static io.matchstream.schema.Settlement settlement(Settlement s, Market m) {
    List<Object> items = new ArrayList<>(s.items().size());
    for (Settlement.Item item : s.items()) {
      if (item instanceof Settlement.Fill f) {
        items.add(new Fill(f.orderId(), f.buy() ? Side.BUY : Side.SELL, decimal(f.quantity(), m.base().scale()),
            decimal(f.quote(), m.quote().scale()), decimal(f.fee(), (f.buy() ? m.base() : m.quote()).scale())));
      } else if (item instanceof Settlement.End e) {
        items.add(new OrderEnd(e.orderId()));
      } else if (item instanceof Settlement.Shrink k) {
        items.add(new OrderShrink(k.orderId(), decimal(k.quantity(), m.base().scale())));
      } else if (item instanceof Settlement.FeeCredit c) {
        int scale = c.asset().equals(m.base().code()) ? m.base().scale() : m.quote().scale();
        items.add(new FeeCredit(c.asset(), decimal(c.amount(), scale)));
      }
    }
    return new io.matchstream.schema.Settlement(s.userId(), s.symbol(), s.ts(), items);
  }

  /** Decimals become units at their asset's scale; {@code scaleOf} gives it by asset code. */
  public static Settlement settlement(io.matchstream.schema.Settlement s, Market m, ToIntFunction<String> scaleOf) {
    List<Settlement.Item> items = new ArrayList<>(s.getItems().size());
    for (Object item : s.getItems()) {
      if (item instanceof Fill f) {
        boolean buy = f.getSide() == Side.BUY;
        items.add(new Settlement.Fill(f.getOrderId(), buy, units(f.getQuantity(), m.base().scale()),
            units(f.getQuoteQuantity(), m.quote().scale()),
            units(f.getFee(), (buy ? m.base() : m.quote()).scale())));
      } else if (item instanceof OrderEnd e) {
        items.add(new Settlement.End(e.getOrderId()));
      } else if (item instanceof OrderShrink k) {
        items.add(new Settlement.Shrink(k.getOrderId(), units(k.getQuantity(), m.base().scale())));
      } else if (item instanceof FeeCredit c) {
        items.add(new Settlement.FeeCredit(c.getAsset(), units(c.getAmount(), scaleOf.applyAsInt(c.getAsset()))));
      }
    }
    return new Settlement(s.getUserId(), s.getSymbol(), s.getTs(), items);
  }

  // ---- the book stage's stores

  public static WaitingStopState waitingStop(Order o) {
    return new WaitingStopState(o.orderId, o.clientOrderId, o.userId, o.buy, o.market, o.takeProfit, o.tif.name(),
        o.stp.name(), o.price.low(), o.quantity.low(), o.quoteQuantity.low(), o.stopPrice.low(), o.arrival(), o.ts,
        o.price.high(), o.quantity.high(), o.quoteQuantity.high(), o.stopPrice.high());
  }

  public static Order waitingStop(WaitingStopState s) {
    return Order.waitingStop(new Order(s.getOrderId(), s.getClientOrderId(), s.getUserId(), s.getBuy(), s.getMarket(),
        Tif.valueOf(s.getTimeInForce()), Stp.valueOf(s.getStp()), Units.of(s.getPriceHigh(), s.getPrice()),
        Units.of(s.getQuantityHigh(), s.getQuantity()), Units.of(s.getQuoteQuantityHigh(), s.getQuoteQuantity()),
        s.getTs(), Units.of(s.getStopPriceHigh(), s.getStopPrice()), s.getTakeProfit(), Units.ZERO), s.getArrival());
  }

  // ---- events out

  public static Trade trade(Events.TradeEvent t) {
    return new Trade(t.symbol(), t.tradeId(), decimal(t.price(), t.quoteScale()), decimal(t.quantity(), t.baseScale()),
        decimal(t.quoteQuantity(), t.quoteScale()), t.takerBuys() ? Side.BUY : Side.SELL, t.makerOrderId(),
        t.takerOrderId(), t.makerUserId(), t.takerUserId(), decimal(t.buyerFee(), t.baseScale()),
        decimal(t.sellerFee(), t.quoteScale()), t.ts());
  }

  public static OrderEvent order(Events.OrderUpdate o) {
    return new OrderEvent(o.orderId(), o.clientOrderId(), o.userId(), o.symbol(),
        o.buy() == null ? null : o.buy() ? Side.BUY : Side.SELL, OrderStatus.valueOf(o.status().name()),
        decimal(o.filledQuantity(), o.baseScale()), decimal(o.filledQuote(), o.quoteScale()), o.reason(), o.ts(),
        o.quantity() == null ? null : decimal(o.quantity(), o.baseScale()), o.triggered(),
        o.orderType() == null ? null : OrderType.valueOf(o.orderType()),
        o.stopPrice().isZero() ? null : decimal(o.stopPrice(), o.quoteScale()),
        o.iceberg().isZero() ? null : decimal(o.iceberg(), o.baseScale()));
  }

  public static BookDelta delta(Events.LevelDelta d) {
    return new BookDelta(d.symbol(), d.seq(), d.buy() ? Side.BUY : Side.SELL, decimal(d.price(), d.quoteScale()),
        decimal(d.quantity(), d.baseScale()));
  }

  public static BalanceEvent balance(Events.BalanceUpdate b) {
    return new BalanceEvent(b.userId(), b.asset(), decimal(b.available(), b.scale()), decimal(b.locked(), b.scale()));
  }

  public static RejectEvent reject(Events.Rejection r) {
    return new RejectEvent(r.command(), r.orderId(), r.txId(), r.symbol(), r.asset(), r.userId(), r.reason());
  }

  // ---- numbers

  /**
   * At the asset's scale: Avro's decimal conversion brings it to the schema's 18 decimals when it
   * encodes (without rounding, which cannot be needed), and the replay's JSON, which never encodes,
   * formats a long instead of a 65-bit integer.
   */
  static BigDecimal decimal(Units units, int scale) {
    return units.toDecimal(scale);
  }

  /** Units at {@code scale}; null is zero. Throws ArithmeticException when the value does not fit. */
  static Units units(BigDecimal value, int scale) {
    return value == null ? Units.ZERO : Units.of(value.setScale(scale, RoundingMode.UNNECESSARY).unscaledValue());
  }
}
