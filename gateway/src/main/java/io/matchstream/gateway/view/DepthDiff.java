package io.matchstream.gateway.view;

import java.math.BigDecimal;
import java.util.List;

/**
 * The levels that changed between deltas {@code firstUpdateId} and {@code lastUpdateId} of one
 * symbol, with no gap: Binance's depthUpdate ({@code U}, {@code u}). A quantity is the level's new
 * total, 0 when the level is gone.
 */
public record DepthDiff(String symbol, long firstUpdateId, long lastUpdateId, List<List<BigDecimal>> bids,
    List<List<BigDecimal>> asks) {
}
