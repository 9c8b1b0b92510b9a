package io.matchstream.gateway.binance;

import io.matchstream.gateway.GatewaySettings;
import io.matchstream.gateway.auth.ApiKey;
import io.matchstream.gateway.commands.CommandSender;
import io.matchstream.gateway.commands.OrderEntry;
import io.matchstream.gateway.commands.OrderIds;
import io.matchstream.gateway.commands.OrderResults;
import io.matchstream.gateway.view.BalanceView;
import io.matchstream.gateway.view.ExchangeView;
import io.matchstream.gateway.view.OrderView;
import io.matchstream.gateway.view.SymbolView;
import io.matchstream.gateway.view.TradeView;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Binance's signed spot trading endpoints: new orders (ACK, RESULT, FULL), cancels answered with
 * the canceled order, and the user's orders, trades and balances from the gateway's view. A RESULT
 * or FULL answer, and a cancel's, waits for the engine's event; an order the engine refuses comes
 * back as Binance's error for that refusal. A new order's wait holds no servlet thread
 * ({@link #newOrder}); a cancel's or an amend's still does, for at most {@code result-timeout-ms}.
 */
@RestController
public class BinanceTradeController {
  private final OrderEntry entry;
  private final CommandSender commands;
  private final OrderResults results;
  private final ExchangeView view;
  private final BinanceSymbols symbols;
  private final Clock clock;
  private final long resultTimeoutMs;

  public BinanceTradeController(OrderEntry entry, CommandSender commands, OrderResults results,
      ExchangeView view, BinanceSymbols symbols, Clock clock, GatewaySettings settings) {
    this.entry = entry;
    this.commands = commands;
    this.results = results;
    this.view = view;
    this.symbols = symbols;
    this.clock = clock;
    this.resultTimeoutMs = settings.resultTimeoutMs();
  }

  /**
   * Places an order. A {@code newClientOrderId} names it on every instance: sent again (a retry
   * after a timeout), it places nothing new and is answered with that order's state. Without one,
   * the request's signature names it the same way ({@link OrderIds#forRequest}): the same signed
   * request, sent again to any instance, places nothing new either, and is refused (-2010) once
   * the view knows the order (before that, the engine refuses it: DUPLICATE_ORDER_ID). A RESULT or
   * FULL order is answered asynchronously (Spring MVC's {@link DeferredResult}): the servlet thread
   * goes back to Tomcat while the order waits for its event, so waiting orders cannot starve the
   * other requests; after {@code result-timeout-ms} without it, 503 {@code -1007} as before.
   */
  @PostMapping("/api/v3/order")
  public DeferredResult<Map<String, Object>> newOrder(@RequestAttribute(BinanceRequestFilter.CALLER) ApiKey caller,
      @RequestAttribute(BinanceRequestFilter.PARAMS) BinanceParams params,
      @RequestAttribute(BinanceRequestFilter.SIGNATURE) String signature) throws Exception {
    CompletableFuture<Map<String, Object>> answer = place(caller, params, signature);
    // a backstop past the order's own bounds (its event, then its fills), so that the container's
    // default async timeout never answers first
    DeferredResult<Map<String, Object>> deferred = new DeferredResult<>(2 * resultTimeoutMs + 5_000);
    deferred.onTimeout(() -> deferred.setErrorResult(resultTimeout()));
    answer.whenComplete((json, error) -> {
      if (error != null) {
        deferred.setErrorResult(unwrap(error));
      } else {
        deferred.setResult(json);
      }
    });
    return deferred;
  }

  /** The new order's answer, once it can be given; a {@link BinanceError} when refused before it is sent. */
  private CompletableFuture<Map<String, Object>> place(ApiKey caller, BinanceParams params, String signature)
      throws Exception {
    NewOrderRequest order = NewOrderRequest.read(params, symbols);
    params.requireAllRead();
    String userId = caller.userId();
    String orderId = order.clientOrderId() == null ? OrderIds.forRequest(signature)
        : OrderIds.forClient(order.clientOrderId());
    Optional<OrderView> earlier = view.order(userId, orderId);
    if (earlier.isPresent() && order.clientOrderId() == null) {
      // the very request again, not a retry (a retry is signed anew): a replay, which Binance refuses so
      throw BinanceError.orderRejected("Duplicate order sent.");
    }
    if (earlier.isPresent()) {
      return answer(order, earlier.get(), earlier.get().time());
    }
    long now = clock.millis();
    boolean await = !order.responseType().equals("ACK");
    CompletableFuture<OrderView> result = entry.place(new OrderEntry.Placement(userId, orderId, order.clientOrderId(),
        order.market().symbol(), order.side(), order.orderType(), order.timeInForce(), order.price(),
        order.quantity(), order.quoteQuantity(), order.stp(), order.stopPrice(), order.icebergQuantity()), now, await);
    if (!await) {
      return CompletableFuture.completedFuture(BinanceJson.ack(order.market(), orderId, order.clientOrderId(), now));
    }
    return withinAsync(result, userId, orderId)
        .thenComposeAsync(handled -> answer(order, handled, now), results.answers());
  }

  /** {@link #place}'s answer, waited for: for cancel-replace, which answers both parts at once. */
  private Map<String, Object> placeAndWait(ApiKey caller, BinanceParams params, String signature)
      throws Exception {
    try {
      return place(caller, params, signature).get(3 * resultTimeoutMs + 5_000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = unwrap(e);
      if (cause instanceof Exception exception) {
        throw exception;
      }
      throw e;
    }
  }

  /** Checks an order as {@link #newOrder} does and places nothing. */
  @PostMapping("/api/v3/order/test")
  public Map<String, Object> testOrder(@RequestAttribute(BinanceRequestFilter.PARAMS) BinanceParams params) {
    NewOrderRequest.read(params, symbols);
    params.optional("computeCommissionRates");  // no rates are computed: the answer stays {}
    params.requireAllRead();
    return Map.of();
  }

  @GetMapping("/api/v3/order")
  public Map<String, Object> queryOrder(@RequestAttribute(BinanceRequestFilter.CALLER) ApiKey caller,
      @RequestAttribute(BinanceRequestFilter.PARAMS) BinanceParams params) {
    SymbolView market = symbols.require(params.required("symbol"));
    return BinanceJson.order(named(caller.userId(), market, params).orElseThrow(BinanceError::noSuchOrder));
  }

  /** Cancels an open order and answers it canceled, once the engine has: -2011 when it is not open. */
  @DeleteMapping("/api/v3/order")
  public Map<String, Object> cancelOrder(@RequestAttribute(BinanceRequestFilter.CALLER) ApiKey caller,
      @RequestAttribute(BinanceRequestFilter.PARAMS) BinanceParams params) throws Exception {
    SymbolView market = symbols.require(params.required("symbol"));
    String userId = caller.userId();
    String newClientOrderId = params.optional("newClientOrderId").orElse(null);
    OrderView open = named(userId, market, params).filter(OrderView::open).orElseThrow(BinanceError::unknownOrder);
    params.requireAllRead();
    long now = clock.millis();
    OrderView canceled = sendAndAwait(userId, open.orderId(), OrderView::ended,
        () -> commands.cancel(userId, market.symbol(), open.orderId(), now));
    if (!"CANCELED".equals(canceled.status())) {
      throw BinanceError.unknownOrder();  // it filled or expired before the cancel reached it
    }
    return canceledJson(canceled, newClientOrderId, now);
  }

  /**
   * Binance's amend keeping priority, SPEC-ADVANCED's {@code amend}: a resting order's total
   * quantity lowered to {@code newQty} (above what it filled), its place in the queue kept. Answered
   * once the engine has amended it.
   */
  @PutMapping("/api/v3/order/amend/keepPriority")
  public Map<String, Object> amend(@RequestAttribute(BinanceRequestFilter.CALLER) ApiKey caller,
      @RequestAttribute(BinanceRequestFilter.PARAMS) BinanceParams params) throws Exception {
    SymbolView market = symbols.require(params.required("symbol"));
    BigDecimal newQty = params.requiredDecimal("newQty");
    String userId = caller.userId();
    String newClientOrderId = params.optional("newClientOrderId").orElse(null);
    OrderView open = named(userId, market, params).filter(OrderView::open).orElseThrow(BinanceError::unknownOrder);
    params.requireAllRead();
    if (!open.working()) {
      throw new BinanceError(400, -2038, "A stop that has not triggered cannot be amended.");
    }
    if (newQty.compareTo(open.origQty()) >= 0) {
      throw new BinanceError(400, -2038, "Order amend (quantity increase) is not supported.");
    }
    if (newQty.compareTo(open.executedQty()) <= 0 || newQty.remainder(market.lotSize()).signum() != 0) {
      throw BinanceError.filter("LOT_SIZE");
    }
    long now = clock.millis();
    OrderView after = sendAndAwait(userId, open.orderId(),
        order -> order.ended() || order.origQty().compareTo(newQty) == 0,
        () -> commands.amend(userId, market.symbol(), open.orderId(), newQty.toPlainString(), now));
    if (after.ended()) {
      throw BinanceError.unknownOrder();  // it filled or was canceled before the amend reached it
    }
    Map<String, Object> state = BinanceJson.order(after);
    Map<String, Object> order = new LinkedHashMap<>();
    for (String field : List.of("symbol", "orderId", "orderListId")) {
      order.put(field, state.get(field));
    }
    order.put("origClientOrderId", state.get("clientOrderId"));
    order.put("clientOrderId", newClientOrderId != null ? newClientOrderId : state.get("clientOrderId"));
    order.put("price", state.get("price"));
    order.put("qty", state.get("origQty"));
    order.put("executedQty", state.get("executedQty"));
    order.put("preventedQty", BigDecimal.ZERO);
    order.put("quoteOrderQty", state.get("origQuoteOrderQty"));
    order.put("cumulativeQuoteQty", state.get("cummulativeQuoteQty"));
    for (String field : List.of("status", "timeInForce", "type", "side", "workingTime", "selfTradePreventionMode")) {
      order.put(field, state.get(field));
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("transactTime", now);
    answer.put("executionId", after.updateTime());
    answer.put("amendedOrder", order);
    return answer;
  }

  /**
   * Binance's cancel-replace: cancels an open order, then places a new one, answered with both
   * outcomes. {@code STOP_ON_FAILURE} places nothing when the cancel fails; {@code ALLOW_FAILURE}
   * places the new order anyway. A failure of either part answers -2021 with what each did, as
   * Binance does. The new order takes its place at the back of the queue: an order that only needs
   * a lower quantity keeps its place with {@code PUT order/amend/keepPriority}.
   */
  @PostMapping("/api/v3/order/cancelReplace")
  public ResponseEntity<Map<String, Object>> cancelReplace(
      @RequestAttribute(BinanceRequestFilter.CALLER) ApiKey caller,
      @RequestAttribute(BinanceRequestFilter.PARAMS) BinanceParams params,
      @RequestAttribute(BinanceRequestFilter.SIGNATURE) String signature) throws Exception {
    String mode = params.oneOf("cancelReplaceMode", List.of("STOP_ON_FAILURE", "ALLOW_FAILURE"), -1130,
        "Data sent for parameter 'cancelReplaceMode' is not valid.").orElseThrow(() -> BinanceError.mandatory(
        "cancelReplaceMode"));
    if (!params.has("cancelOrderId") && !params.has("cancelOrigClientOrderId")) {
      throw new BinanceError(400, -1102,
          "Param 'cancelOrigClientOrderId' or 'cancelOrderId' must be sent, but both were empty/null!");
    }
    NewOrderRequest.read(params, symbols);  // a malformed new order refuses the whole request, canceling nothing
    params.optional("cancelNewClientOrderId");
    params.requireAllRead();
    BinanceParams cancelParams = params.renamed(Map.of("cancelOrderId", "orderId",
        "cancelOrigClientOrderId", "origClientOrderId", "cancelNewClientOrderId", "newClientOrderId"));
    Map<String, Object> answer = new LinkedHashMap<>();
    Object canceled;
    boolean cancelFailed = false;
    try {
      canceled = cancelOrder(caller, cancelParams);
      answer.put("cancelResult", "SUCCESS");
    } catch (BinanceError e) {
      canceled = Map.of("code", e.code(), "msg", e.getMessage());
      answer.put("cancelResult", "FAILURE");
      cancelFailed = true;
    }
    Object placed;
    if (cancelFailed && mode.equals("STOP_ON_FAILURE")) {
      answer.put("newOrderResult", "NOT_ATTEMPTED");
      placed = null;
    } else {
      try {
        placed = placeAndWait(caller, params, signature);
        answer.put("newOrderResult", "SUCCESS");
      } catch (BinanceError e) {
        placed = Map.of("code", e.code(), "msg", e.getMessage());
        answer.put("newOrderResult", "FAILURE");
      }
    }
    answer.put("cancelResponse", canceled);
    answer.put("newOrderResponse", placed);
    if (answer.containsValue("FAILURE")) {
      Map<String, Object> failure = new LinkedHashMap<>();
      failure.put("code", -2021);
      failure.put("msg", "Order cancel-replace partially failed.");
      failure.put("data", answer);
      boolean nothingDone = cancelFailed && !"SUCCESS".equals(answer.get("newOrderResult"));
      return ResponseEntity.status(nothingDone ? 400 : 409).body(failure);
    }
    return ResponseEntity.ok(answer);
  }

  /** Cancels every open order of the caller's on the symbol: -2011 when there is none. */
  @DeleteMapping("/api/v3/openOrders")
  public List<Map<String, Object>> cancelOpenOrders(@RequestAttribute(BinanceRequestFilter.CALLER) ApiKey caller,
      @RequestAttribute(BinanceRequestFilter.PARAMS) BinanceParams params,
      @RequestAttribute(BinanceRequestFilter.SIGNATURE) String signature) throws Exception {
    SymbolView market = symbols.require(params.required("symbol"));
    params.requireAllRead();
    String userId = caller.userId();
    List<OrderView> open = view.openOrders(userId, market.symbol());
    if (open.isEmpty()) {
      throw BinanceError.unknownOrder();
    }
    List<CompletableFuture<OrderView>> ended = new ArrayList<>();
    for (OrderView order : open) {
      ended.add(results.await(userId, order.orderId(), OrderView::ended));
    }
    long now = clock.millis();
    try {
      // the signature names the request: sent again on any instance, the risk stage refuses it
      commands.cancelAll(userId, market.symbol(), now, signature);
    } catch (Exception e) {
      open.forEach(order -> results.abandon(userId, order.orderId()));
      throw e;
    }
    List<Map<String, Object>> canceled = new ArrayList<>();
    for (int i = 0; i < open.size(); i++) {
      canceled.add(canceledJson(within(ended.get(i), userId, open.get(i).orderId()), null, now));
    }
    return canceled;
  }

  @GetMapping("/api/v3/openOrders")
  public List<Map<String, Object>> openOrders(@RequestAttribute(BinanceRequestFilter.CALLER) ApiKey caller,
      @RequestAttribute(BinanceRequestFilter.PARAMS) BinanceParams params) {
    String symbol = params.optional("symbol").map(s -> symbols.require(s).symbol()).orElse(null);
    return view.openOrders(caller.userId(), symbol).stream().map(BinanceJson::order).toList();
  }

  /**
   * The caller's orders on a symbol the view keeps (the open ones and the latest ended), oldest
   * first. {@code orderId}: that order and the ones placed after it (Binance's ids grow with time,
   * so its "id at least" is the same page; these are hashes, see {@link OrderIds}); none when the
   * view does not hold that order.
   */
  @GetMapping("/api/v3/allOrders")
  public List<Map<String, Object>> allOrders(@RequestAttribute(BinanceRequestFilter.CALLER) ApiKey caller,
      @RequestAttribute(BinanceRequestFilter.PARAMS) BinanceParams params) {
    SymbolView market = symbols.require(params.required("symbol"));
    Long fromOrder = params.integer("orderId").orElse(null);
    long start = params.integer("startTime").orElse(0L);
    long end = params.integer("endTime").orElse(Long.MAX_VALUE);
    List<OrderView> all = view.orders(caller.userId(), market.symbol());
    int from = 0;
    if (fromOrder != null) {
      from = all.size();
      for (int i = 0; i < all.size() && from == all.size(); i++) {
        from = OrderIds.number(all.get(i).orderId()) == fromOrder ? i : from;
      }
    }
    List<Map<String, Object>> orders = all.subList(from, all.size()).stream()
        .filter(o -> o.time() >= start && o.time() <= end)
        .map(BinanceJson::order).toList();
    return BinanceParams.page(orders, params.limit(500, 1000), fromOrder != null || start > 0);
  }

  @GetMapping("/api/v3/myTrades")
  public List<Map<String, Object>> myTrades(@RequestAttribute(BinanceRequestFilter.CALLER) ApiKey caller,
      @RequestAttribute(BinanceRequestFilter.PARAMS) BinanceParams params) {
    SymbolView market = symbols.require(params.required("symbol"));
    String userId = caller.userId();
    Long orderId = params.integer("orderId").orElse(null);
    Long fromId = params.integer("fromId").orElse(null);
    long start = params.integer("startTime").orElse(0L);
    long end = params.integer("endTime").orElse(Long.MAX_VALUE);
    List<Map<String, Object>> trades = new ArrayList<>();
    for (TradeView trade : view.userTrades(userId, market.symbol(), Integer.MAX_VALUE)) {
      if (trade.time() < start || trade.time() > end || fromId != null && trade.id() < fromId) {
        continue;
      }
      for (Map<String, Object> side : BinanceJson.myTrades(trade, userId, market)) {
        if (orderId == null || orderId.equals(side.get("orderId"))) {
          trades.add(side);
        }
      }
    }
    return BinanceParams.page(trades, params.limit(500, 1000), fromId != null || start > 0);
  }

  /** The caller's balances; commissions are per market here (see {@code account/commission}). */
  @GetMapping("/api/v3/account")
  public Map<String, Object> account(@RequestAttribute(BinanceRequestFilter.CALLER) ApiKey caller,
      @RequestAttribute(BinanceRequestFilter.PARAMS) BinanceParams params) {
    boolean omitZero = params.optional("omitZeroBalances").map(Boolean::parseBoolean).orElse(false);
    List<Map<String, Object>> balances = new ArrayList<>();
    for (BalanceView balance : view.balances(caller.userId())) {
      if (omitZero && balance.free().signum() == 0 && balance.locked().signum() == 0) {
        continue;
      }
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("asset", balance.asset());
      json.put("free", balance.free());
      json.put("locked", balance.locked());
      balances.add(json);
    }
    Map<String, Object> account = new LinkedHashMap<>();
    account.put("makerCommission", 0);
    account.put("takerCommission", 0);
    account.put("buyerCommission", 0);
    account.put("sellerCommission", 0);
    account.put("commissionRates", rates(BigDecimal.ZERO, BigDecimal.ZERO));
    account.put("canTrade", true);
    account.put("canWithdraw", false);
    account.put("canDeposit", false);
    account.put("brokered", false);
    account.put("requireSelfTradePrevention", false);
    account.put("preventSor", false);
    account.put("updateTime", clock.millis());
    account.put("accountType", "SPOT");
    account.put("balances", balances);
    account.put("permissions", List.of("SPOT"));
    account.put("uid", caller.userId());
    return account;
  }

  /** A market's fee rates for the caller: the market's maker and taker rates. */
  @GetMapping("/api/v3/account/commission")
  public Map<String, Object> commission(@RequestAttribute(BinanceRequestFilter.PARAMS) BinanceParams params) {
    SymbolView market = symbols.require(params.required("symbol"));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("symbol", BinanceSymbols.binance(market.symbol()));
    json.put("standardCommission", rates(market.makerFeeRate(), market.takerFeeRate()));
    json.put("taxCommission", rates(BigDecimal.ZERO, BigDecimal.ZERO));
    json.put("discount", Map.of("enabledForAccount", false, "enabledForSymbol", false, "discountAsset", "",
        "discount", BigDecimal.ZERO));
    return json;
  }

  private static Map<String, Object> rates(BigDecimal maker, BigDecimal taker) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("maker", maker);
    json.put("taker", taker);
    json.put("buyer", BigDecimal.ZERO);
    json.put("seller", BigDecimal.ZERO);
    return json;
  }

  /** The order the request names by {@code orderId} or {@code origClientOrderId}, on the market. */
  private Optional<OrderView> named(String userId, SymbolView market, BinanceParams params) {
    Optional<Long> number = params.integer("orderId");
    Optional<String> client = params.optional("origClientOrderId");
    if (number.isEmpty() && client.isEmpty()) {
      throw new BinanceError(400, -1102,
          "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!");
    }
    Optional<OrderView> order = number.isPresent()
        ? view.order(userId, Long.toString(number.get()))
            .or(() -> view.orders(userId, market.symbol()).stream()
                .filter(o -> OrderIds.number(o.orderId()) == number.get()).findFirst())
        : view.order(userId, OrderIds.forClient(client.get()))
            .or(() -> view.orders(userId, market.symbol()).stream()
                .filter(o -> client.get().equals(o.clientOrderId())).findFirst());
    return order.filter(o -> market.symbol().equals(o.symbol()));
  }

  /**
   * A RESULT or FULL answer, or the error Binance gives for what the engine refused. FULL waits for
   * the order's fills as the taker, without a thread: the trades come on their own topic, in the
   * same transaction as the order's event but not always read before it; after
   * {@code result-timeout-ms} it answers with the fills the view has.
   */
  private CompletableFuture<Map<String, Object>> answer(NewOrderRequest order, OrderView handled, long transactTime) {
    if ("REJECTED".equals(handled.status())) {
      return CompletableFuture.failedFuture(refusal(handled.reason()));
    }
    if (order.responseType().equals("ACK") || handled.status() == null) {
      return CompletableFuture.completedFuture(
          BinanceJson.ack(order.market(), handled.orderId(), handled.clientOrderId(), transactTime));
    }
    if (order.responseType().equals("RESULT")) {
      return CompletableFuture.completedFuture(BinanceJson.result(handled, transactTime));
    }
    String userId = handled.userId();
    String orderId = handled.orderId();
    return results.awaitFills(userId, orderId, () -> filled(handled))
        .completeOnTimeout(null, resultTimeoutMs, TimeUnit.MILLISECONDS)
        .thenApplyAsync(done -> {
          results.abandonFills(userId, orderId);
          return BinanceJson.full(handled, transactTime, view.takerFills(userId, orderId), order.market());
        }, results.answers());
  }

  /** Whether the view has all of the order's fills as the taker. */
  private boolean filled(OrderView order) {
    BigDecimal filled = view.takerFills(order.userId(), order.orderId()).stream().map(TradeView::qty)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
    return filled.compareTo(order.executedQty()) >= 0;
  }

  /** The order's state after its event, or a 503 {@code -1007} after {@code result-timeout-ms}. */
  private CompletableFuture<OrderView> withinAsync(CompletableFuture<OrderView> result, String userId,
      String orderId) {
    return result.orTimeout(resultTimeoutMs, TimeUnit.MILLISECONDS).handle((order, error) -> {
      if (error == null) {
        return order;
      }
      results.abandon(userId, orderId);
      Throwable cause = unwrap(error);
      throw cause instanceof TimeoutException ? resultTimeout() : new CompletionException(cause);
    });
  }

  private static BinanceError resultTimeout() {
    return new BinanceError(503, -1007,
        "Timeout waiting for response from backend server. Send status unknown; execution status unknown.");
  }

  private static Throwable unwrap(Throwable error) {
    while ((error instanceof CompletionException || error instanceof ExecutionException) && error.getCause() != null) {
      error = error.getCause();
    }
    return error;
  }

  /** A command that can fail to reach the broker. */
  private interface Send {
    void send() throws Exception;
  }

  /**
   * Sends a command about one order and answers the order's state after its first event that
   * {@code until} accepts; the waiter is registered first, so that event cannot pass unseen.
   */
  private OrderView sendAndAwait(String userId, String orderId, Predicate<OrderView> until, Send command)
      throws Exception {
    CompletableFuture<OrderView> result = results.await(userId, orderId, until);
    try {
      command.send();
    } catch (Exception e) {
      results.abandon(userId, orderId);
      throw e;
    }
    return within(result, userId, orderId);
  }

  private OrderView within(CompletableFuture<OrderView> result, String userId, String orderId) throws Exception {
    try {
      return result.get(resultTimeoutMs, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      results.abandon(userId, orderId);
      throw resultTimeout();
    }
  }

  private static Map<String, Object> canceledJson(OrderView order, String cancelId, long transactTime) {
    Map<String, Object> json = new LinkedHashMap<>();
    Map<String, Object> state = BinanceJson.order(order);
    json.put("symbol", state.get("symbol"));
    json.put("origClientOrderId", state.get("clientOrderId"));
    json.put("orderId", state.get("orderId"));
    json.put("orderListId", -1);
    json.put("clientOrderId", cancelId == null ? "cancel-" + state.get("orderId") : cancelId);
    json.put("transactTime", transactTime);
    for (String field : List.of("price", "origQty", "executedQty", "cummulativeQuoteQty", "status", "timeInForce",
        "type", "side", "selfTradePreventionMode")) {
      json.put(field, state.get(field));
    }
    return json;
  }

  /** Binance's error for an engine's rejection reason. */
  static BinanceError refusal(String reason) {
    return switch (String.valueOf(reason)) {
      case "INSUFFICIENT_BALANCE" -> BinanceError.orderRejected("Account has insufficient balance for requested action.");
      case "POST_ONLY_WOULD_TAKE" -> BinanceError.orderRejected("Order would immediately match and take.");
      case "DUPLICATE_ORDER_ID" -> BinanceError.orderRejected("Duplicate order sent.");
      case "MARKET_HALTED" -> BinanceError.orderRejected("Market is closed.");
      case "UNKNOWN_SYMBOL" -> BinanceError.badSymbol();
      case "INVALID_PRICE" -> BinanceError.filter("PRICE_FILTER");
      case "INVALID_QUANTITY" -> BinanceError.filter("LOT_SIZE");
      case "MIN_NOTIONAL" -> BinanceError.filter("NOTIONAL");
      default -> BinanceError.orderRejected("The exchange refused the order: " + reason + ".");
    };
  }

}
