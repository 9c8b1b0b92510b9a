package io.matchstream.gateway.view;

import java.math.BigDecimal;
import java.util.List;

/** A depth snapshot, Binance's form: levels as {@code [price, quantity]}, best first, as of delta {@code lastUpdateId}. */
public record Depth(String symbol, long lastUpdateId, List<List<BigDecimal>> bids, List<List<BigDecimal>> asks) {
}
