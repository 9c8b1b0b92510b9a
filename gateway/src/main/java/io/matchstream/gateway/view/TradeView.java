package io.matchstream.gateway.view;

import java.math.BigDecimal;

/**
 * A trade as the public and a user's queries show it: Binance's {@code isBuyerMaker}, plus the
 * order ids and the fees so that a user's own trades say which order filled and what it cost.
 */
public record TradeView(String symbol, long id, BigDecimal price, BigDecimal qty, BigDecimal quoteQty, long time,
    boolean isBuyerMaker, String makerOrderId, String takerOrderId, String makerUserId, String takerUserId,
    BigDecimal buyerFee, BigDecimal sellerFee) {

  // one String per symbol and user across the view's trades (the JVM's pool), as OrderView's
  public TradeView {
    symbol = OrderView.shared(symbol);
    makerUserId = OrderView.shared(makerUserId);
    takerUserId = OrderView.shared(takerUserId);
  }
}
