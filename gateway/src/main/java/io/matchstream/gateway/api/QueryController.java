package io.matchstream.gateway.api;

import io.matchstream.gateway.auth.ApiKey;
import io.matchstream.gateway.auth.SignedRequestFilter;
import io.matchstream.gateway.commands.OrderIds;
import io.matchstream.gateway.view.BalanceView;
import io.matchstream.gateway.view.ExchangeView;
import io.matchstream.gateway.view.OrderView;
import io.matchstream.gateway.view.TradeView;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A user's own orders, trades and balances, from the gateway's view of the event topics. */
@RestController
public class QueryController {
  private final ExchangeView view;

  public QueryController(ExchangeView view) {
    this.view = view;
  }

  @GetMapping("/api/v1/order")
  public OrderView order(@RequestAttribute(SignedRequestFilter.CALLER) ApiKey caller,
      @RequestParam("symbol") String symbol, @RequestParam(name = "orderId", required = false) String orderId,
      @RequestParam(name = "origClientOrderId", required = false) String origClientOrderId) {
    OrderController.require(orderId != null || origClientOrderId != null, "orderId or origClientOrderId is required");
    String id = orderId != null ? orderId : OrderIds.forClient(origClientOrderId);
    return view.order(caller.userId(), id).filter(o -> symbol.equals(o.symbol()))
        .orElseThrow(() -> new BadRequest("order does not exist"));
  }

  @GetMapping("/api/v1/openOrders")
  public List<OrderView> openOrders(@RequestAttribute(SignedRequestFilter.CALLER) ApiKey caller,
      @RequestParam(name = "symbol", required = false) String symbol) {
    return view.openOrders(caller.userId(), symbol);
  }

  @GetMapping("/api/v1/myTrades")
  public List<TradeView> myTrades(@RequestAttribute(SignedRequestFilter.CALLER) ApiKey caller,
      @RequestParam("symbol") String symbol, @RequestParam(name = "limit", defaultValue = "500") int limit) {
    return view.userTrades(caller.userId(), symbol, MarketController.limit(limit, 1000));
  }

  @GetMapping("/api/v1/account")
  public Map<String, Object> account(@RequestAttribute(SignedRequestFilter.CALLER) ApiKey caller) {
    List<BalanceView> balances = view.balances(caller.userId());
    return Map.of("userId", caller.userId(), "balances", balances);
  }
}
