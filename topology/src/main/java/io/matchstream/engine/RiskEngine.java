package io.matchstream.engine;

import io.matchstream.engine.Commands.Amend;
import io.matchstream.engine.Commands.Cancel;
import io.matchstream.engine.Commands.CancelAll;
import io.matchstream.engine.Commands.Place;
import io.matchstream.engine.Commands.Transfer;
import io.matchstream.engine.Events.EventSink;
import io.matchstream.engine.Events.OrderUpdate;
import io.matchstream.engine.Events.Rejection;

/**
 * The risk stage's logic: validates commands in SPEC's order, locks funds before an order reaches
 * the book, and settles what the book reports. All state goes through {@link RiskState}.
 */
public final class RiskEngine {
  private final Reference reference;
  private final RiskState state;

  public RiskEngine(Reference reference, RiskState state) {
    this.reference = reference;
    this.state = state;
  }

  public void transfer(Transfer t, EventSink out) {
    if (isBlank(t.userId()) || isBlank(t.asset()) || t.amount() == null || isBlank(t.txId())) {
      out.reject(Rejection.malformed(t.type()));
      return;
    }
    String reason = applyTransfer(t, out);
    if (reason != null) {
      out.reject(new Rejection(t.type(), null, t.txId(), null, null, t.userId(), reason));
    }
  }

  private String applyTransfer(Transfer t, EventSink out) {
    if (state.useTxId(t.userId(), t.txId())) {
      return Reasons.DUPLICATE_TX;
    }
    Asset asset = reference.asset(t.asset());
    if (asset == null) {
      return Reasons.UNKNOWN_ASSET;
    }
    if (t.amount().signum() <= 0 || !t.amount().fitsScale(asset.scale())) {
      return Reasons.INVALID_AMOUNT;
    }
    Units amount;
    try {
      amount = t.amount().unitsAt(asset.scale());
    } catch (ArithmeticException pastTheCap) {
      return Reasons.INVALID_AMOUNT;
    }
    Account account = state.account(t.userId());
    Balance balance = account.balance(asset.code());
    if (t.deposit()) {
      // a balance stays below the asset's cap, so no sum of them comes near what 128 bits hold
      Units limit = asset.limit();
      if (!amount.lessThan(limit) || !balance.available.add(balance.locked).add(amount).lessThan(limit)) {
        return Reasons.INVALID_AMOUNT;
      }
      balance.available = balance.available.add(amount);
    } else if (balance.available.lessThan(amount)) {
      return Reasons.INSUFFICIENT_BALANCE;
    } else {
      balance.available = balance.available.subtract(amount);
    }
    account.publish(reference, out);
    state.save(account);
    return null;
  }

  /** Validates and locks; returns the order for the book, or null when it was rejected. */
  public Order place(Place p, EventSink out) {
    if (isBlank(p.userId()) || isBlank(p.orderId())) {
      out.reject(Rejection.malformed("place"));
      return null;
    }
    boolean usedBefore = state.useOrderId(p.userId(), p.orderId());
    Boolean buy = "BUY".equals(p.side()) ? Boolean.TRUE : "SELL".equals(p.side()) ? Boolean.FALSE : null;
    Market market = p.symbol() == null ? null : reference.market(p.symbol());
    String reason;
    if (market == null) {
      reason = Reasons.UNKNOWN_SYMBOL;
    } else if (!market.trading()) {
      reason = Reasons.MARKET_HALTED;
    } else if (usedBefore) {
      reason = Reasons.DUPLICATE_ORDER_ID;
    } else {
      OrderForm form = OrderForm.read(p, buy, market);
      reason = form.rejection();
      if (reason == null) {
        reason = lock(p, form, market);
        if (reason == null) {
          return new Order(p.orderId(), p.clientOrderId(), p.userId(), form.buy(), form.market(), form.tif(),
              form.stp(), form.price(), form.quantity(), form.quoteQuantity(), p.ts(), form.stopPrice(),
              form.takeProfit(), form.iceberg());
        }
      }
    }
    out.order(OrderUpdate.rejected(p.orderId(), p.clientOrderId(), p.userId(), p.symbol(), buy,
        OrderForm.isOrderType(p.orderType()) ? p.orderType() : null, OrderForm.isStopType(p.orderType()), p.ts(),
        reason));
    return null;
  }

  private String lock(Place p, OrderForm form, Market market) {
    Asset lockedAsset = form.buy() ? market.quote() : market.base();
    Account account = state.account(p.userId());
    Balance balance = account.balance(lockedAsset.code());
    if (balance.available.lessThan(form.lockAmount())) {
      return Reasons.INSUFFICIENT_BALANCE;
    }
    balance.lock(form.lockAmount());
    state.save(account);
    state.saveLock(p.userId(), p.orderId(), new OrderLock(market.symbol(), form.buy(), form.market(),
        market.base().code(), market.quote().code(), market.base().scale(), form.price(), form.lockAmount()));
    return null;
  }

  /** Checks what the risk stage can; returns true when the cancel goes on to the book. */
  public boolean cancel(Cancel c, EventSink out) {
    return orderCommandGoesOn("cancel", c.userId(), c.orderId(), c.symbol(), true, out);
  }

  /** Checks what the risk stage can; returns true when the amend goes on to the book. */
  public boolean amend(Amend a, EventSink out) {
    return orderCommandGoesOn("amend", a.userId(), a.orderId(), a.symbol(), a.newQuantity() != null, out);
  }

  /**
   * A command on one order is MALFORMED without its user, its order id or ({@code complete} false)
   * another field it needs; on a symbol the exchange does not have it is UNKNOWN_ORDER, as any
   * order not resting there. Only the book knows the rest.
   */
  private boolean orderCommandGoesOn(
      String command, String userId, String orderId, String symbol, boolean complete, EventSink out) {
    if (isBlank(userId) || isBlank(orderId) || !complete) {
      out.reject(Rejection.malformed(command));
      return false;
    }
    if (symbol == null || reference.market(symbol) == null) {
      out.reject(new Rejection(command, orderId, null, null, null, userId, Reasons.UNKNOWN_ORDER));
      return false;
    }
    return true;
  }

  /**
   * Checks the symbol and the request; returns true when the cancel-all goes on to the book. A
   * cancel-all that names its signed request ({@code requestId}) is taken once: sent again, on any
   * gateway instance, it would cancel the orders placed since, which its signer never asked for.
   * The ids are kept with the user's other used ids, for good: a user sends few cancel-alls.
   */
  public boolean cancelAll(CancelAll c, EventSink out) {
    if (isBlank(c.userId())) {
      out.reject(Rejection.malformed("cancelAll"));
      return false;
    }
    if (c.symbol() == null || reference.market(c.symbol()) == null) {
      out.reject(new Rejection("cancelAll", null, null, c.symbol(), null, c.userId(), Reasons.UNKNOWN_SYMBOL));
      return false;
    }
    if (c.requestId() != null && state.useRequestId(c.userId(), c.requestId())) {
      out.reject(new Rejection("cancelAll", null, null, c.symbol(), null, c.userId(), Reasons.DUPLICATE_REQUEST));
      return false;
    }
    return true;
  }

  /** Applies what the book did to one user's orders, then publishes the user's changed balances. */
  public void settle(Settlement settlement, EventSink out) {
    String userId = settlement.userId();
    Account account = state.account(userId);
    for (Settlement.Item item : settlement.items()) {
      if (item instanceof Settlement.Fill fill) {
        settleFill(account, userId, fill);
      } else if (item instanceof Settlement.End end) {
        OrderLock lock = state.lock(userId, end.orderId());
        if (lock != null) {
          account.balance(lock.lockedAsset()).unlock(lock.remaining);
          state.removeLock(userId, end.orderId());
        }
      } else if (item instanceof Settlement.Shrink shrink) {
        releaseShrunk(account, userId, shrink);
      } else if (item instanceof Settlement.FeeCredit fee) {
        if (!OrderBook.isFeesAccount(userId)) {
          // the book credits fees only to its market's account: anything else was not written by it
          throw new IllegalStateException("a fee credit for " + userId + ", which is no fees account");
        }
        Balance balance = account.balance(fee.asset());
        balance.available = balance.available.add(fee.amount());
      }
    }
    account.publish(reference, out);
    state.save(account);
  }

  /** An amend lowered a resting limit order: a buy frees its price × the difference, a sell the difference. */
  private void releaseShrunk(Account account, String userId, Settlement.Shrink shrink) {
    OrderLock lock = state.lock(userId, shrink.orderId());
    if (lock == null) {
      throw new IllegalStateException("no lock for " + userId + "/" + shrink.orderId());
    }
    Units released = lock.buy ? Money.notional(lock.limitPrice, shrink.quantity(), lock.baseScale) : shrink.quantity();
    account.balance(lock.lockedAsset()).unlock(released);
    lock.remaining = lock.remaining.subtract(released);
    state.saveLock(userId, shrink.orderId(), lock);
  }

  private void settleFill(Account account, String userId, Settlement.Fill fill) {
    OrderLock lock = state.lock(userId, fill.orderId());
    if (lock == null) {
      throw new IllegalStateException("no lock for " + userId + "/" + fill.orderId());
    }
    if (lock.buy) {
      Units released = lock.market ? fill.quote() : Money.notional(lock.limitPrice, fill.quantity(), lock.baseScale);
      Balance quote = account.balance(lock.quoteAsset);
      quote.locked = quote.locked.subtract(released);
      quote.available = quote.available.add(released.subtract(fill.quote()));
      Balance base = account.balance(lock.baseAsset);
      base.available = base.available.add(fill.quantity().subtract(fill.fee()));
      lock.remaining = lock.remaining.subtract(released);
    } else {
      Balance base = account.balance(lock.baseAsset);
      base.locked = base.locked.subtract(fill.quantity());
      Balance quote = account.balance(lock.quoteAsset);
      quote.available = quote.available.add(fill.quote().subtract(fill.fee()));
      lock.remaining = lock.remaining.subtract(fill.quantity());
    }
    state.saveLock(userId, fill.orderId(), lock);
  }

  static boolean isBlank(String value) {
    return value == null || value.isEmpty();
  }
}
