package io.matchstream.stage;

import io.matchstream.engine.Market;
import io.matchstream.engine.Order;
import io.matchstream.engine.OrderBook;
import io.matchstream.schema.AcceptedOrder;
import io.matchstream.schema.BookCommand;
import io.matchstream.schema.CancelRequest;
import io.matchstream.schema.state.BookMetaState;
import io.matchstream.schema.state.RestingOrderState;
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
    this.out = new StageOutput(context) {
      @Override
      public void stored(Order order) {
        Bytes key = StoreKeys.bookKey(current.symbol(), order);
        if (order.isResting()) {
          bookStore.put(key, new RestingOrderState(order.orderId, order.clientOrderId, order.userId, order.buy,
              order.price, order.quantity, order.filledQuantity(), order.filledQuote(), order.seq()));
        } else {
          bookStore.delete(key);
        }
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
            s.getSeq()));
      }
    }
  }

  private OrderBook book(String symbol) {
    OrderBook book = books.get(symbol);
    if (book == null) {
      book = new OrderBook(symbol);
      BookMetaState meta = metaStore.get(symbol);
      if (meta != null) {
        book.restoreCounters(meta.getLastTradeId(), meta.getLastDeltaSeq(), meta.getLastSeq());
      }
      books.put(symbol, book);
    }
    return book;
  }

  @Override
  public void process(Record<String, byte[]> record) {
    BookCommand command = DeadLetters.decode(context, record, commands);
    if (command == null) {
      return;
    }
    try {
      Object body = command.getBody();
      String symbol = body instanceof AcceptedOrder a ? a.getSymbol() : ((CancelRequest) body).getSymbol();
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
      } else {
        CancelRequest cancel = (CancelRequest) body;
        current.cancel(cancel.getUserId(), cancel.getOrderId(), cancel.getTs(), market, out);
      }
      if (tradeId != current.lastTradeId() || deltaSeq != current.lastDeltaSeq() || seq != current.lastSeq()) {
        metaStore.put(symbol, new BookMetaState(current.lastTradeId(), current.lastDeltaSeq(), current.lastSeq()));
      }
    } catch (RuntimeException e) {
      DeadLetters.send(context, record, "failed: " + e);
    }
  }
}
