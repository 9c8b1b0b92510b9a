package io.matchstream.stage;

import io.matchstream.engine.Dec;
import io.matchstream.engine.Market;
import io.matchstream.engine.Order;
import io.matchstream.engine.OrderBook;
import io.matchstream.schema.AcceptedOrder;
import io.matchstream.schema.AmendRequest;
import io.matchstream.schema.BookCommand;
import io.matchstream.schema.CancelAllRequest;
import io.matchstream.schema.CancelRequest;
import io.matchstream.schema.state.BookMetaState;
import io.matchstream.schema.state.RestingOrderState;
import io.matchstream.schema.state.WaitingStopState;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Book stage (partitioned by symbol). The store is the book; the in-memory {@link OrderBook}s are
 * a cache of it, rebuilt from the store whenever the task starts (after a restore or a rebalance),
 * and every change is written through before the command's outputs are committed.
 */
public final class BookProcessor implements Processor<String, byte[], String, SpecificRecord> {
  private final Deserializer<BookCommand> commands;
  private ProcessorContext<String, SpecificRecord> context;
  private GlobalReference reference;
  private KeyValueStore<Bytes, RestingOrderState> bookStore;
  private KeyValueStore<String, BookMetaState> metaStore;
  private KeyValueStore<Bytes, WaitingStopState> stopStore;
  private final Map<String, OrderBook> books = new HashMap<>();
  private StageOutput out;
  private OrderBook current;

  public BookProcessor(Deserializer<BookCommand> commands) {
    this.commands = commands;
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.reference = new GlobalReference(context.getStateStore(StoreNames.REFERENCE_DATA));
    this.bookStore = context.getStateStore(StoreNames.BOOK);
    this.metaStore = context.getStateStore(StoreNames.BOOK_META);
    this.stopStore = context.getStateStore(StoreNames.WAITING_STOPS);
    this.out = new StageOutput(context) {
      @Override
      public void stored(Order order) {
        String symbol = current.symbol();
        long storedSeq = order.storedSeq();
        if (storedSeq != 0 && (!order.isResting() || storedSeq != order.seq())) {
          // it left the book, or an iceberg's refresh moved it to the back of its level
          bookStore.delete(StoreKeys.bookKey(symbol, order.buy, order.price, storedSeq));
        }
        if (order.isResting()) {
          bookStore.put(StoreKeys.bookKey(symbol, order), new RestingOrderState(order.orderId, order.clientOrderId,
              order.userId, order.buy, order.price, order.quantity, order.filledQuantity(), order.filledQuote(),
              order.seq(), order.iceberg, order.visible(), order.arrival(), order.stopPrice, order.takeProfit));
        }
        order.storedAt(order.isResting() ? order.seq() : 0);
      }

      @Override
      public void storedStop(Order stop) {
        Bytes key = StoreKeys.stopKey(current.symbol(), stop);
        if (stop.isWaiting()) {
          stopStore.put(key, AvroMapping.waitingStop(stop));
        } else {
          stopStore.delete(key);
        }
        stop.stopStored(stop.isWaiting());
      }
    };
    rebuild();
  }

  /** Reads the books back from the store: keys come in priority order, so appending restores the queues. */
  private void rebuild() {
    books.clear();
    try (KeyValueIterator<Bytes, RestingOrderState> all = bookStore.all()) {
      while (all.hasNext()) {
        KeyValue<Bytes, RestingOrderState> entry = all.next();
        RestingOrderState s = entry.value;
        book(StoreKeys.bookSymbol(entry.key)).restore(Order.resting(s.getOrderId(), s.getClientOrderId(),
            s.getUserId(), s.getBuy(), s.getPrice(), s.getQuantity(), s.getFilledQuantity(), s.getFilledQuote(),
            s.getSeq(), s.getIcebergQuantity(), s.getVisible(), s.getArrival(), s.getStopPrice(), s.getTakeProfit()));
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
        book.restoreCounters(meta.getLastTradeId(), meta.getLastDeltaSeq(), meta.getLastSeq(), meta.getLastTradePrice());
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
  public void process(Record<String, byte[]> record) {
    BookCommand command = DeadLetters.decode(context, record, commands);
    if (command == null) {
      return;
    }
    try {
      Object body = command.getBody();
      String symbol = symbolOf(body);
      Market market = reference.market(symbol);
      if (market == null) {
        DeadLetters.send(context, record, "unknown symbol " + symbol);
        return;
      }
      current = book(symbol);
      long tradeId = current.lastTradeId();
      long deltaSeq = current.lastDeltaSeq();
      long seq = current.lastSeq();
      out.begin(record.timestamp(), market);
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
      if (tradeId != current.lastTradeId() || deltaSeq != current.lastDeltaSeq() || seq != current.lastSeq()) {
        metaStore.put(symbol, new BookMetaState(current.lastTradeId(), current.lastDeltaSeq(), current.lastSeq(),
            current.lastPrice()));
      }
    } catch (RuntimeException e) {
      DeadLetters.send(context, record, "failed: " + e);
    }
  }
}
