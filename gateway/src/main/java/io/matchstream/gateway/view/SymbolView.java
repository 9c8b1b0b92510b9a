package io.matchstream.gateway.view;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.matchstream.schema.OrderType;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A market as exchangeInfo shows it: its assets, status, fee rates and Binance's filters. */
public record SymbolView(String symbol, String status, String baseAsset, String quoteAsset, BigDecimal makerFeeRate,
    BigDecimal takerFeeRate, List<String> orderTypes, List<String> timeInForce, List<Map<String, Object>> filters,
    @JsonIgnore BigDecimal tickSize, @JsonIgnore BigDecimal lotSize, @JsonIgnore BigDecimal minNotional) {

  /** SPEC's and SPEC-ADVANCED's order types, as the schemas define them. */
  public static final List<String> ORDER_TYPES = Arrays.stream(OrderType.values()).map(Enum::name).toList();

  static SymbolView of(String symbol, String status, String base, String quote, BigDecimal tickSize,
      BigDecimal lotSize, BigDecimal minNotional, BigDecimal makerFeeRate, BigDecimal takerFeeRate) {
    return new SymbolView(symbol, status, base, quote, makerFeeRate, takerFeeRate, ORDER_TYPES,
        List.of("GTC", "IOC", "FOK", "POST_ONLY"),
        List.of(filter("PRICE_FILTER", "tickSize", tickSize), filter("LOT_SIZE", "stepSize", lotSize),
            filter("MIN_NOTIONAL", "minNotional", minNotional)), tickSize, lotSize, minNotional);
  }

  private static Map<String, Object> filter(String type, String name, BigDecimal value) {
    Map<String, Object> filter = new LinkedHashMap<>();
    filter.put("filterType", type);
    filter.put(name, value);
    return filter;
  }
}
