package io.matchstream.stage;

import io.matchstream.engine.Dec;
import io.matchstream.engine.Events.Rejection;
import io.matchstream.engine.Market;
import io.matchstream.engine.Order;
import io.matchstream.engine.OrderBook;
import io.matchstream.engine.Reasons;
import io.matchstream.engine.Units;
import io.matchstream.schema.AcceptedOrder;
import io.matchstream.schema.AmendRequest;
import io.matchstream.schema.BookCommand;
import io.matchstream.schema.CancelAllRequest;
import io.matchstream.schema.CancelRequest;
import io.matchstream.schema.Side;
import io.matchstream.schema.state.BookMetaState;
import io.matchstream.schema.state.RestingOrderState;
import io.matchstream.schema.state.WaitingStopState;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Book stage (partitioned by symbol). The store is the book; the in-memory {@link OrderBook}s are
 * a cache of it, rebuilt from the store whenever the task starts (after a restore, a rebalance or
 * a failed command), and every change is written through before the command's outputs are
 * committed. The book answers every order it is sent: one it cannot take is rejected, which
 * releases its lock.
 */
public final class BookProcessor extends GuardedProcessor {
  /** How long an order waits for this instance to learn the market definition it was accepted under. */
  private static final long DEFINITION_WAIT_NANOS = Duration.ofSeconds(2).toNanos();

  private final Deserializer<BookCommand> commands;
  private GlobalReference reference;
  private KeyValueStore<Bytes, RestingOrderState> bookStore;
  private KeyValueStore<String, BookMetaState> metaStore;
  private KeyValueStore<Bytes, WaitingStopState> stopStore;
  private final Map<String, OrderBook> books = new HashMap<>();
  private StageOutput out;
  private OrderBook current;

  public BookProcessor(Deserializer<BookCommand> commands, StageSettings settings) {
    super("book", StoreNames.BOOK_PARKED, settings);
    this.commands = commands;
  }

  @Override
  void start() {
    this.reference = new GlobalReference(context.getStateStore(StoreNames.REFERENCE_DATA));
    this.bookStore = context.getStateStore(StoreNames.BOOK);
    this.metaStore = context.getStateStore(StoreNames.BOOK_META);
    this.stopStore = context.getStateStore(StoreNames.WAITING_STOPS);
    this.out = new StageOutput(context, faults, hops, tally, settings.riskPartitions());
    rebuild();
  }

  /** Writes what the command changed: each order's stored form, and each stop's waiting entry. */
  private void persist(OrderBook book) {
    String symbol = book.symbol();
    for (Order order : book.changedOrders()) {
      long storedSeq = order.storedSeq();
      if (order.isResting() || storedSeq != 0) {
        if (storedSeq != 0 && (!order.isResting() || storedSeq != order.seq())) {
          // it left the book, or an iceberg's refresh moved it to the back of its level
          bookStore.delete(StoreKeys.bookKey(symbol, order.buy, order.price, storedSeq));
        }
        if (order.isResting()) {
          bookStore.put(StoreKeys.bookKey(symbol, order), restingState(order));
        }
        order.storedAt(order.isResting() ? order.seq() : 0);
        faults.point("a book write");
      }
      if (order.isWaiting() || order.stopStored()) {
        Bytes key = StoreKeys.stopKey(symbol, order);
        if (order.isWaiting()) {
          stopStore.put(key, AvroMapping.waitingStop(order));
        } else {
          stopStore.delete(key);
        }
        order.stopStored(order.isWaiting());
        faults.point("a stop write");
      }
    }
  }

  private static RestingOrderState restingState(Order o) {
    return new RestingOrderState(o.orderId, o.clientOrderId, o.userId, o.buy, o.price.low(), o.quantity.low(),
        o.filledQuantity().low(), o.filledQuote().low(), o.seq(), o.iceberg.low(), o.visible().low(), o.arrival(),
        o.stopPrice.low(), o.takeProfit, o.price.high(), o.quantity.high(), o.filledQuantity().high(),
        o.filledQuote().high(), o.iceberg.high(), o.visible().high(), o.stopPrice.high());
  }

  private static Order restingOrder(RestingOrderState s) {
    return Order.resting(s.getOrderId(), s.getClientOrderId(), s.getUserId(), s.getBuy(),
        Units.of(s.getPriceHigh(), s.getPrice()), Units.of(s.getQuantityHigh(), s.getQuantity()),
        Units.of(s.getFilledQuantityHigh(), s.getFilledQuantity()),
        Units.of(s.getFilledQuoteHigh(), s.getFilledQuote()), s.getSeq(),
        Units.of(s.getIcebergQuantityHigh(), s.getIcebergQuantity()), Units.of(s.getVisibleHigh(), s.getVisible()),
        s.getArrival(), Units.of(s.getStopPriceHigh(), s.getStopPrice()), s.getTakeProfit());
  }

  /** Reads the books back from the store: keys come in priority order, so appending restores the queues. */
  private void rebuild() {
    books.clear();
    try (KeyValueIterator<Bytes, RestingOrderState> all = bookStore.all()) {
      while (all.hasNext()) {
        KeyValue<Bytes, RestingOrderState> entry = all.next();
        book(StoreKeys.bookSymbol(entry.key)).restore(restingOrder(entry.value));
      }
    }
    try (KeyValueIterator<Bytes, WaitingStopState> all = stopStore.all()) {
      while (all.hasNext()) {
        KeyValue<Bytes, WaitingStopState> entry = all.next();
        book(StoreKeys.bookSymbol(entry.key)).restoreStop(AvroMapping.waitingStop(entry.value));
      }
    }
  }

  private OrderBook book(String symbol) {
    OrderBook book = books.get(symbol);
    if (book == null) {
      book = new OrderBook(symbol);
      BookMetaState meta = metaStore.get(symbol);
      if (meta != null) {
        book.restoreCounters(meta.getLastTradeId(), meta.getLastDeltaSeq(), meta.getLastSeq(),
            Units.of(meta.getLastTradePriceHigh(), meta.getLastTradePrice()));
      }
      books.put(symbol, book);
    }
    return book;
  }

  private static String symbolOf(Object body) {
    if (body instanceof AcceptedOrder a) {
      return a.getSymbol();
    } else if (body instanceof CancelRequest c) {
      return c.getSymbol();
    } else if (body instanceof AmendRequest a) {
      return a.getSymbol();
    }
    return ((CancelAllRequest) body).getSymbol();
  }

  @Override
  void discard() {
    // the books may hold half a command; the task starts again and reads them back from its stores
    books.clear();
    current = null;
  }

  @Override
  void apply(Input input) {
    applyCommand(input);
    out.end();
  }

  private void applyCommand(Input input) {
    Object body = DeadLetters.decodeInternal(input, commands).getBody();
    String symbol = symbolOf(body);
    tally.command(type(body));
    Market market;
    if (body instanceof AcceptedOrder accepted) {
      tally.order(symbol);
      long wanted = accepted.getMarketVersion();
      GlobalReference.Listing listing = listingAtLeast(symbol, wanted);
      market = listing.market();
      String refusal = listing.version() < wanted ? Reasons.MARKET_NOT_READY
          : market == null ? Reasons.UNKNOWN_SYMBOL
          : !market.trading() ? Reasons.MARKET_HALTED
          : null;
      if (refusal != null) {
        out.begin(input.timestamp(), market);
        OrderBook.refuse(symbol, accepted.getOrderId(), accepted.getClientOrderId(), accepted.getUserId(),
            accepted.getSide() == Side.BUY, accepted.getOrderType().name(), accepted.getStopPrice() != null,
            accepted.getTs(), refusal, out);
        return;
      }
    } else {
      market = reference.market(symbol);
      if (market == null) {
        out.begin(input.timestamp(), null);
        out.reject(unknownMarket(body));
        return;
      }
    }
    current = book(symbol);
    long tradeId = current.lastTradeId();
    long deltaSeq = current.lastDeltaSeq();
    long seq = current.lastSeq();
    out.begin(input.timestamp(), market);
    if (body instanceof AcceptedOrder accepted) {
      current.submit(AvroMapping.order(accepted, market), market, out);
    } else if (body instanceof CancelRequest cancel) {
      current.cancel(cancel.getUserId(), cancel.getOrderId(), cancel.getTs(), market, out);
    } else if (body instanceof AmendRequest amend) {
      current.amend(amend.getUserId(), amend.getOrderId(), Dec.of(amend.getNewQuantity()), amend.getTs(), market,
          out);
    } else {
      CancelAllRequest cancelAll = (CancelAllRequest) body;
      current.cancelAll(cancelAll.getUserId(), cancelAll.getTs(), market, out);
    }
    persist(current);
    if (tradeId != current.lastTradeId() || deltaSeq != current.lastDeltaSeq() || seq != current.lastSeq()) {
      metaStore.put(symbol, new BookMetaState(current.lastTradeId(), current.lastDeltaSeq(), current.lastSeq(),
          current.lastPrice().low(), current.lastPrice().high()));
      faults.point("a book-meta write");
    }
  }

  /**
   * The symbol as this instance knows it, after waiting a moment for its global store to catch up
   * with the definition the risk stage had: global stores update on each instance's own schedule.
   * One store read when it has caught up, as it nearly always has.
   */
  private GlobalReference.Listing listingAtLeast(String symbol, long version) {
    GlobalReference.Listing listing = reference.listing(symbol);
    long deadline = System.nanoTime() + DEFINITION_WAIT_NANOS;
    while (listing.version() < version && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      listing = reference.listing(symbol);
    }
    return listing;
  }

  private static String type(Object body) {
    return body instanceof AcceptedOrder ? "place" : body instanceof CancelRequest ? "cancel"
        : body instanceof AmendRequest ? "amend" : "cancelAll";
  }

  /** A cancel, amend or cancel-all on a market this instance does not know: nothing of it rests here. */
  private static Rejection unknownMarket(Object body) {
    if (body instanceof CancelRequest c) {
      return new Rejection("cancel", c.getOrderId(), null, null, null, c.getUserId(), Reasons.UNKNOWN_ORDER);
    } else if (body instanceof AmendRequest a) {
      return new Rejection("amend", a.getOrderId(), null, null, null, a.getUserId(), Reasons.UNKNOWN_ORDER);
    }
    CancelAllRequest c = (CancelAllRequest) body;
    return new Rejection("cancelAll", null, null, c.getSymbol(), null, c.getUserId(), Reasons.UNKNOWN_SYMBOL);
  }
}
