package io.matchstream.gateway.view;

import io.matchstream.schema.Kline;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one batch of records changed, gathered while the view is locked and told to the listeners
 * after: consecutive deltas of a symbol become one depth diff, and a symbol's best bid/ask and each
 * candle are told once, as they stand after the batch.
 */
final class FeedUpdates {
  private final List<TradeView> trades = new ArrayList<>();
  private final List<OrderView> orders = new ArrayList<>();
  private final List<Map.Entry<String, BalanceView>> balances = new ArrayList<>();
  private final List<Transfer> transfers = new ArrayList<>();

  private record Transfer(String userId, String asset, BigDecimal amount) {}
  private final List<DepthDiff> diffs = new ArrayList<>();
  private final Map<String, PendingDiff> pending = new LinkedHashMap<>();
  private final Map<String, BookTicker> tickers = new LinkedHashMap<>();
  private final Map<String, Kline> klines = new LinkedHashMap<>();

  void trade(TradeView trade) {
    trades.add(trade);
  }

  void order(OrderView order) {
    orders.add(order);
  }

  void balance(String userId, BalanceView balance) {
    balances.add(Map.entry(userId, balance));
  }

  void transfer(String userId, String asset, BigDecimal amount) {
    transfers.add(new Transfer(userId, asset, amount));
  }

  void delta(String symbol, long seq, boolean bid, BigDecimal price, BigDecimal quantity) {
    PendingDiff diff = pending.get(symbol);
    if (diff != null && diff.last + 1 != seq) {
      diffs.add(pending.remove(symbol).diff(symbol));
      diff = null;
    }
    if (diff == null) {
      diff = new PendingDiff(seq);
      pending.put(symbol, diff);
    }
    diff.last = seq;
    (bid ? diff.bids : diff.asks).add(List.of(price, quantity));
  }

  /** A candle's latest state: a batch's updates of one candle are told once. */
  void kline(Kline kline) {
    klines.put(kline.getSymbol() + ":" + kline.getInterval() + ":" + kline.getOpenTime(), kline);
  }

  void ticker(BookTicker ticker) {
    tickers.put(ticker.symbol(), ticker);
  }

  void tell(List<FeedListener> listeners, java.util.function.BiConsumer<FeedListener, RuntimeException> failed) {
    pending.forEach((symbol, diff) -> diffs.add(diff.diff(symbol)));
    for (FeedListener listener : listeners) {
      try {
        trades.forEach(listener::onTrade);
        diffs.forEach(listener::onDepthDiff);
        tickers.values().forEach(listener::onBookTicker);
        klines.values().forEach(listener::onKline);
        orders.forEach(listener::onOrder);
        balances.forEach(b -> listener.onBalance(b.getKey(), b.getValue()));
        transfers.forEach(t -> listener.onTransfer(t.userId(), t.asset(), t.amount()));
      } catch (RuntimeException e) {
        failed.accept(listener, e);
      }
    }
  }

  private static final class PendingDiff {
    private final long first;
    private long last;
    private final List<List<BigDecimal>> bids = new ArrayList<>();
    private final List<List<BigDecimal>> asks = new ArrayList<>();

    PendingDiff(long first) {
      this.first = first;
    }

    DepthDiff diff(String symbol) {
      return new DepthDiff(symbol, first, last, bids, asks);
    }
  }
}
