package io.matchstream.gateway.view;

import io.matchstream.gateway.commands.DeadMansSwitch;
import io.matchstream.marketdata.KlineInterval;
import io.matchstream.schema.AcceptedOrder;
import io.matchstream.schema.AssetDefinition;
import io.matchstream.schema.BalanceEvent;
import io.matchstream.schema.BookCommand;
import io.matchstream.schema.BookDelta;
import io.matchstream.schema.CancelAllAfter;
import io.matchstream.schema.Kline;
import io.matchstream.schema.OrderEvent;
import io.matchstream.schema.ReferenceCommand;
import io.matchstream.schema.Side;
import io.matchstream.schema.SymbolDefinition;
import io.matchstream.schema.Trade;
import io.matchstream.topology.Topics;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;

/**
 * The exchange as the gateway's queries see it, built from the event topics alone: markets and
 * assets, each symbol's book and recent trades, and each user's orders, trades and balances. Open
 * orders are all kept; of ended orders and of trades, the latest {@code history} per user (the
 * MySQL tables keep them all), and each symbol's candles ({@link KlineHistory}). One reader thread
 * applies records; any thread queries. The queries take the view's lock but for the books'
 * ({@link #depth}, {@link #bookTicker}), which read a {@link Book} without holding the feed up.
 */
public final class ExchangeView {
  private final int history;
  private final Map<String, Integer> assets = new TreeMap<>();
  private final Map<String, SymbolView> symbols = new TreeMap<>();
  // read without the view's lock: a depth read never holds up the feed (see Book)
  private final Map<String, Book> books = new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.Set<String> knownSymbols = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final Map<String, Deque<TradeView>> recentTrades = new HashMap<>();
  private final Map<String, UserState> users = new HashMap<>();
  private final Map<String, KlineHistory> klines = new HashMap<>();
  // the latest definition of each asset and symbol, as the topic has them: what a snapshot keeps
  private final Map<String, ReferenceCommand> definitions = new LinkedHashMap<>();

  public ExchangeView(int history) {
    this.history = history;
  }

  // the latest request to each user's dead-man's switch, of every instance
  private final Map<String, CancelAllAfter> switchRequests = new HashMap<>();

  /** Applies one record of an event topic, noting what it changed in {@code updates}. */
  synchronized void apply(String topic, SpecificRecord value, Headers headers, FeedUpdates updates) {
    switch (topic) {
      case Topics.REFERENCE_DATA -> reference((ReferenceCommand) value);
      case Topics.ACCEPTED -> {
        if (((BookCommand) value).getBody() instanceof AcceptedOrder order) {
          expect(asked(order));
        }
      }
      case Topics.ORDER_EVENTS -> {
        // the order that owns a reused id is untouched: this rejection is not its state
        if (headers.lastHeader(Topics.DUPLICATE_ORDER_ID_HEADER) == null) {
          order((OrderEvent) value, updates);
        }
      }
      case Topics.TRADES -> trade((Trade) value, updates);
      case Topics.BOOK_DELTAS -> delta((BookDelta) value, updates);
      case Topics.KLINES -> {
        Kline kline = (Kline) value;
        klines.computeIfAbsent(kline.getSymbol(), KlineHistory::new).put(kline);
        updates.kline(kline);
      }
      case Topics.BALANCES -> {
        BalanceEvent event = (BalanceEvent) value;
        BalanceView balance = new BalanceView(event.getAsset(), plain(event.getAvailable()), plain(event.getLocked()));
        user(event.getUserId()).balances.put(event.getAsset(), balance);
        updates.balance(event.getUserId(), balance);
        var transfer = headers.lastHeader(Topics.TRANSFER_HEADER);
        if (transfer != null) {
          updates.transfer(event.getUserId(), event.getAsset(),
              new BigDecimal(new String(transfer.value(), java.nio.charset.StandardCharsets.UTF_8)));
        }
      }
      case Topics.CANCEL_ALL_AFTER -> {
        CancelAllAfter request = (CancelAllAfter) value;
        if (!request.getFired()) {
          switchRequests.merge(request.getUserId(), request,
              (known, later) -> later.getSetTime() >= known.getSetTime() ? later : known);
        }
      }
      default -> throw new IllegalArgumentException("the view does not read " + topic);
    }
  }

  /** The topics {@link #apply} reads. */
  public static List<String> topics() {
    return List.of(Topics.REFERENCE_DATA, Topics.ACCEPTED, Topics.ORDER_EVENTS, Topics.TRADES, Topics.BOOK_DELTAS,
        Topics.BALANCES, Topics.KLINES, Topics.CANCEL_ALL_AFTER);
  }

  /**
   * Whether a signed request to arm or disarm the user's dead-man's switch, signed at
   * {@code requestTime} with {@code signature}, was taken already, by any instance: that very
   * request, or one the user signed later.
   */
  public synchronized boolean switchRequestTaken(String userId, long requestTime, String signature) {
    CancelAllAfter last = switchRequests.get(userId);
    return last != null && DeadMansSwitch.superseded(last.getSetTime(), last.getRequestId(), requestTime, signature);
  }

  /**
   * Records what an order asked for, known before its events (the gateway placing it, or the
   * accepted topic): its queries then show its type, price and quantity.
   */
  public synchronized void expect(OrderView asked) {
    UserState user = user(asked.userId());
    OrderView known = user.orders.get(asked.orderId());
    if (known == null) {
      user.orders.put(asked.orderId(), asked);
    } else if (known.type() == null) {
      user.orders.put(asked.orderId(), known.withDetails(asked));
    }
  }

  /** Forgets an expected order that never reached the exchange (its command could not be sent). */
  public synchronized void forget(String userId, String orderId) {
    UserState user = users.get(userId);
    if (user != null && user.orders.get(orderId) != null && user.orders.get(orderId).status() == null) {
      user.orders.remove(orderId);
    }
  }

  public synchronized Optional<OrderView> order(String userId, String orderId) {
    UserState user = users.get(userId);
    return Optional.ofNullable(user == null ? null : user.orders.get(orderId)).filter(o -> o.status() != null);
  }

  /** The user's open orders, on one symbol or (null) on all, oldest first. */
  public synchronized List<OrderView> openOrders(String userId, String symbol) {
    UserState user = users.get(userId);
    if (user == null) {
      return List.of();
    }
    return user.orders.values().stream().filter(OrderView::open)
        .filter(o -> symbol == null || symbol.equals(o.symbol())).toList();
  }

  /** Every order of the user's the view keeps (open ones, and the latest ended), on one symbol or (null) all, oldest first. */
  public synchronized List<OrderView> orders(String userId, String symbol) {
    UserState user = users.get(userId);
    if (user == null) {
      return List.of();
    }
    return user.orders.values().stream().filter(o -> o.status() != null)
        .filter(o -> symbol == null || symbol.equals(o.symbol())).toList();
  }

  /** The trades in which the user's order {@code orderId} was the taker, in match order. */
  public synchronized List<TradeView> takerFills(String userId, String orderId) {
    UserState user = users.get(userId);
    return user == null ? List.of()
        : user.trades.stream().filter(t -> t.takerOrderId().equals(orderId) && t.takerUserId().equals(userId)).toList();
  }

  /** The user's latest trades on a symbol, oldest first, at most {@code limit}. */
  public synchronized List<TradeView> userTrades(String userId, String symbol, int limit) {
    UserState user = users.get(userId);
    return user == null ? List.of() : latest(user.trades.stream().filter(t -> t.symbol().equals(symbol)).toList(), limit);
  }

  public synchronized List<BalanceView> balances(String userId) {
    UserState user = users.get(userId);
    return user == null ? List.of() : List.copyOf(user.balances.values());
  }

  /**
   * The symbol's book, best levels first, exactly as of its {@code lastUpdateId}; empty when the
   * symbol is unknown. Without the view's lock: the copy does not hold the feed up.
   */
  public Optional<Depth> depth(String symbol, int limit) {
    return book(symbol).map(book -> book.snapshot(symbol, limit));
  }

  public Optional<BookTicker> bookTicker(String symbol) {
    return book(symbol).map(book -> book.ticker(symbol));
  }

  /** A known symbol's book, empty until its first delta; none for an unknown symbol. */
  private Optional<Book> book(String symbol) {
    return knownSymbols.contains(symbol) ? Optional.of(books.computeIfAbsent(symbol, s -> new Book()))
        : Optional.empty();
  }

  public synchronized List<TradeView> recentTrades(String symbol, int limit) {
    Deque<TradeView> trades = recentTrades.get(symbol);
    return trades == null ? List.of() : latest(List.copyOf(trades), limit);
  }

  /** A symbol's candles of {@code interval}, as {@link KlineHistory#klines} chooses them. */
  public synchronized List<Kline> klines(String symbol, KlineInterval interval, Long start, Long end, int limit) {
    KlineHistory history = klines.get(symbol);
    return history == null ? List.of() : history.klines(interval, start, end, limit);
  }

  /** The candle of {@code interval} that holds {@code time}, composed of what the view keeps. */
  public synchronized Kline kline(String symbol, KlineInterval interval, long time) {
    return klines.computeIfAbsent(symbol, KlineHistory::new).candle(interval, interval.openTime(time));
  }

  /**
   * The symbol's statistics over the {@code window} ms before {@code now}: from the minute candles
   * that open in it (the first one whole) up to a day, from the hour candles beyond. All of it,
   * the last price included, comes from the candles, so it is one consistent picture: of the
   * trades the streams app has aggregated, a commit behind the trades themselves.
   */
  public synchronized Optional<RollingTicker> ticker(String symbol, long window, long now) {
    if (!symbols.containsKey(symbol)) {
      return Optional.empty();
    }
    KlineHistory history = klines.computeIfAbsent(symbol, KlineHistory::new);
    KlineInterval step = window <= 86_400_000L ? KlineInterval.M1 : KlineInterval.H1;
    long from = step.openTime(now - window);
    Kline span = history.span(step, from, now);
    Kline before = history.before(step, from);
    Kline latest = span.getTrades() > 0 ? span : before;
    BigDecimal last = latest == null ? BigDecimal.ZERO : plain(latest.getClose());
    BigDecimal lastQty = latest == null ? BigDecimal.ZERO : tradeQuantity(symbol, latest.getLastTradeId());
    BookTicker book = book(symbol).orElseThrow().ticker(symbol);
    BigDecimal prevClose = before == null ? BigDecimal.ZERO : plain(before.getClose());
    if (span.getTrades() == 0) {
      return Optional.of(new RollingTicker(symbol, now - window, now, last, last, last, last, lastQty, BigDecimal.ZERO,
          BigDecimal.ZERO, -1, -1, 0, prevClose, book));
    }
    return Optional.of(new RollingTicker(symbol, now - window, now, plain(span.getOpen()), plain(span.getHigh()),
        plain(span.getLow()), last, lastQty, plain(span.getVolume()), plain(span.getQuoteVolume()),
        span.getFirstTradeId(), span.getLastTradeId(), span.getTrades(), prevClose, book));
  }

  /** The quantity of the symbol's trade {@code id} among those the view keeps; zero when it is older. */
  private BigDecimal tradeQuantity(String symbol, long id) {
    Deque<TradeView> trades = recentTrades.get(symbol);
    if (trades != null) {
      for (var it = trades.descendingIterator(); it.hasNext(); ) {
        TradeView trade = it.next();
        if (trade.id() == id) {
          return trade.qty();
        }
      }
    }
    return BigDecimal.ZERO;
  }

  public synchronized Map<String, Integer> assets() {
    return Map.copyOf(assets);
  }

  public synchronized List<SymbolView> symbols() {
    return List.copyOf(symbols.values());
  }

  public synchronized Optional<SymbolView> symbol(String symbol) {
    return Optional.ofNullable(symbols.get(symbol));
  }

  private void reference(ReferenceCommand command) {
    if (command.getBody() instanceof AssetDefinition asset) {
      definitions.put("asset:" + asset.getAsset(), command);
      assets.put(asset.getAsset(), asset.getScale());
    } else if (command.getBody() instanceof SymbolDefinition s) {
      definitions.put("symbol:" + s.getSymbol(), command);
      symbols.put(s.getSymbol(), SymbolView.of(s.getSymbol(), s.getStatus() == null ? "TRADING" : s.getStatus(),
          s.getBase(), s.getQuote(), plain(s.getTickSize()), plain(s.getLotSize()),
          s.getMinNotional() == null ? BigDecimal.ZERO : plain(s.getMinNotional()), plain(s.getMakerFeeRate()),
          plain(s.getTakerFeeRate())));
      knownSymbols.add(s.getSymbol());
    }
  }

  private void order(OrderEvent event, FeedUpdates updates) {
    UserState user = user(event.getUserId());
    OrderView known = user.orders.get(event.getOrderId());
    String side = event.getSide() == null ? null : event.getSide().name();
    OrderView base = known != null ? known : OrderView.asked(event.getSymbol(), event.getOrderId(),
        event.getClientOrderId(), event.getUserId(), side, null, null, null, null, null, null, event.getTs(), null,
        null);
    OrderView next = base.after(new OrderView.Event(event.getSymbol(), side, event.getClientOrderId(),
        event.getStatus().name(), plain(event.getFilledQuantity()), plain(event.getFilledQuote()), event.getReason(),
        event.getTs(), plain(event.getQuantity()), event.getTriggered(),
        event.getOrderType() == null ? null : event.getOrderType().name(), plain(event.getStopPrice()),
        plain(event.getIcebergQuantity())));
    user.orders.put(next.orderId(), next);
    if (next.ended() && (known == null || !known.ended())) {
      user.ended.addLast(next.orderId());
      while (user.ended.size() > history) {
        user.orders.remove(user.ended.removeFirst());
      }
    }
    updates.order(next);
  }

  private void trade(Trade trade, FeedUpdates updates) {
    TradeView view = new TradeView(trade.getSymbol(), trade.getTradeId(), plain(trade.getPrice()),
        plain(trade.getQuantity()), plain(trade.getQuoteQuantity()), trade.getTs(), trade.getTakerSide() == Side.SELL,
        knownId(trade.getMakerUserId(), trade.getMakerOrderId()), knownId(trade.getTakerUserId(), trade.getTakerOrderId()),
        trade.getMakerUserId(), trade.getTakerUserId(), plain(trade.getBuyerFee()), plain(trade.getSellerFee()));
    keep(recentTrades.computeIfAbsent(view.symbol(), s -> new ArrayDeque<>()), view);
    keep(user(view.makerUserId()).trades, view);
    if (!view.takerUserId().equals(view.makerUserId())) {
      keep(user(view.takerUserId()).trades, view);
    }
    updates.trade(view);
  }

  private void delta(BookDelta delta, FeedUpdates updates) {
    Book book = books.computeIfAbsent(delta.getSymbol(), s -> new Book());
    boolean bid = delta.getSide() == Side.BUY;
    BigDecimal price = plain(delta.getPrice());
    BigDecimal quantity = plain(delta.getQuantity());
    if (book.apply(delta.getSeq(), bid, price, quantity)) {
      updates.ticker(book.ticker(delta.getSymbol()));
    }
    updates.delta(delta.getSymbol(), delta.getSeq(), bid, price, quantity);
  }

  private void keep(Deque<TradeView> trades, TradeView trade) {
    trades.addLast(trade);
    if (trades.size() > history) {
      trades.removeFirst();
    }
  }

  /** The id as the user's order already holds it: a trade then shares that String with the order. */
  private String knownId(String userId, String orderId) {
    UserState user = users.get(userId);
    OrderView order = user == null ? null : user.orders.get(orderId);
    return order == null ? orderId : order.orderId();
  }

  private UserState user(String userId) {
    return users.computeIfAbsent(userId, u -> new UserState());
  }

  private static OrderView asked(AcceptedOrder order) {
    return OrderView.asked(order.getSymbol(), order.getOrderId(), order.getClientOrderId(), order.getUserId(),
        order.getSide().name(), order.getOrderType().name(),
        order.getTimeInForce() == null ? null : order.getTimeInForce().name(), plain(order.getPrice()),
        plain(order.getQuantity()), plain(order.getQuoteQuantity()), order.getStp().name(), order.getTs(),
        plain(order.getStopPrice()), plain(order.getIcebergQuantity()));
  }

  private static <T> List<T> latest(List<T> items, int limit) {
    return items.size() <= limit ? items : items.subList(items.size() - limit, items.size());
  }

  /**
   * The value without trailing zeros: the topics carry 18 decimals, a reader wants {@code "100.5"}.
   * Rebuilt from a long where its digits fit one: a decimal read from the topics' 18 decimals keeps
   * its {@code BigInteger} through {@code stripTrailingZeros}, about 70 bytes more of every price
   * and quantity the view keeps. One object for a value seen lately ({@link SharedDecimals}).
   */
  public static BigDecimal plain(BigDecimal value) {
    if (value == null) {
      return null;
    }
    if (value.signum() == 0) {
      return BigDecimal.ZERO;
    }
    BigDecimal stripped = value.stripTrailingZeros();
    return SharedDecimals.share(stripped.precision() <= 18
        ? BigDecimal.valueOf(stripped.unscaledValue().longValue(), stripped.scale()) : stripped);
  }

  /**
   * The view as of {@code positions} (each topic partition's next offset): taken by the feed's
   * thread between two batches, so nothing lands meanwhile.
   */
  synchronized ViewSnapshot snapshot(Map<String, Long> positions, long now) {
    Map<String, ViewSnapshot.BookLevels> bookLevels = new TreeMap<>();
    books.forEach((symbol, book) -> bookLevels.put(symbol, book.all()));
    Map<String, List<TradeView>> trades = new TreeMap<>();
    recentTrades.forEach((symbol, kept) -> trades.put(symbol, List.copyOf(kept)));
    Map<String, ViewSnapshot.User> userStates = new TreeMap<>();
    users.forEach((id, user) -> userStates.put(id, new ViewSnapshot.User(List.copyOf(user.orders.values()),
        List.copyOf(user.ended), List.copyOf(user.trades), List.copyOf(user.balances.values()))));
    List<byte[]> candles = new java.util.ArrayList<>();
    klines.values().forEach(history -> history.all().forEach(kline -> candles.add(SnapshotCodec.KLINES.toBytes(kline))));
    return new ViewSnapshot(now, Map.copyOf(positions),
        definitions.values().stream().map(SnapshotCodec.REFERENCE::toBytes).toList(), bookLevels, trades, userStates,
        candles, switchRequests.values().stream().map(SnapshotCodec.SWITCHES::toBytes).toList());
  }

  /**
   * Takes the state of {@code snapshot}; before the feed starts, into an empty view. Its records are
   * decoded first: one that does not decode throws with the view still empty.
   */
  synchronized void load(ViewSnapshot snapshot) {
    List<ReferenceCommand> reference = snapshot.reference().stream().map(SnapshotCodec.REFERENCE::fromBytes).toList();
    List<Kline> candles = snapshot.klines().stream().map(SnapshotCodec.KLINES::fromBytes).toList();
    List<CancelAllAfter> requests = snapshot.switchRequests().stream().map(SnapshotCodec.SWITCHES::fromBytes).toList();
    reference.forEach(this::reference);
    snapshot.books().forEach((symbol, levels) -> books.put(symbol, Book.of(levels)));
    snapshot.users().forEach((id, kept) -> {
      UserState user = user(id);
      kept.orders().forEach(order -> user.orders.put(order.orderId(), order));
      kept.ended().forEach(orderId -> user.ended.add(knownId(id, orderId)));
      kept.balances().forEach(balance -> user.balances.put(balance.asset(), balance));
    });
    // a trade shares its orders' ids, as the view built from the topics keeps it; decoded once for
    // its symbol and its users alike (SnapshotCodec), it stays one object
    Map<TradeView, TradeView> loaded = new java.util.IdentityHashMap<>();
    java.util.function.UnaryOperator<TradeView> one = trade -> loaded.computeIfAbsent(trade, t -> new TradeView(
        t.symbol(), t.id(), t.price(), t.qty(), t.quoteQty(), t.time(), t.isBuyerMaker(),
        knownId(t.makerUserId(), t.makerOrderId()), knownId(t.takerUserId(), t.takerOrderId()), t.makerUserId(),
        t.takerUserId(), t.buyerFee(), t.sellerFee()));
    snapshot.recentTrades().forEach((symbol, trades) ->
        recentTrades.put(symbol, new ArrayDeque<>(trades.stream().map(one).toList())));
    snapshot.users().forEach((id, kept) -> kept.trades().forEach(trade -> user(id).trades.add(one.apply(trade))));
    candles.forEach(kline -> klines.computeIfAbsent(kline.getSymbol(), KlineHistory::new).put(kline));
    requests.forEach(request -> switchRequests.put(request.getUserId(), request));
  }

  private static final class UserState {
    // insertion order: open orders come out oldest first
    private final Map<String, OrderView> orders = new LinkedHashMap<>();
    private final Deque<String> ended = new ArrayDeque<>();
    private final Deque<TradeView> trades = new ArrayDeque<>();
    private final Map<String, BalanceView> balances = new TreeMap<>();
  }
}
