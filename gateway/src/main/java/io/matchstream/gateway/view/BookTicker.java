package io.matchstream.gateway.view;

import java.math.BigDecimal;

/** The best bid and ask (null when a side is empty) as of delta {@code updateId}. */
public record BookTicker(String symbol, long updateId, BigDecimal bidPrice, BigDecimal bidQty, BigDecimal askPrice,
    BigDecimal askQty) {
}
