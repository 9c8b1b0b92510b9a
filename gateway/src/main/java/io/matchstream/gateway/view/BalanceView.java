package io.matchstream.gateway.view;

import java.math.BigDecimal;

/** A user's balance of one asset, Binance's {@code free} and {@code locked}. */
public record BalanceView(String asset, BigDecimal free, BigDecimal locked) {
}
