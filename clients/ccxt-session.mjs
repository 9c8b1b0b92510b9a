// Drives ccxt's binance class (ccxt pro, for the WebSocket calls), unchanged, against the gateway's
// Binance API: the REST calls a trading bot makes, in order, then the book and trades watched over
// Binance's market streams (the book, trades and candles), printing one JSON object of what each
// returned. The test that runs this
// has placed the maker's orders and funded the taker; it checks every figure against what the
// exchange did. Usage: node ccxt-session.mjs <gateway base url> <api key> <secret> <BASE/QUOTE>
import ccxt from 'ccxt';

const [base, apiKey, secret, symbol] = process.argv.slice(2);
const exchange = new ccxt.pro.binance({
  apiKey,
  secret,
  enableRateLimit: false,
  urls: { api: { public: `${base}/api/v3`, private: `${base}/api/v3`, ws: {
    spot: `${base.replace('http', 'ws')}/ws`,
    'ws-api': { spot: `${base.replace('http', 'ws')}/ws-api/v3` },
  } } },
  // what a spot-only venue needs: no futures or margin markets, no wallet currencies
  options: { fetchMarkets: { types: ['spot'] }, fetchCurrencies: false, fetchMargins: false },
});

// ccxt takes ws:// (not wss://) only with its HTTP agent loaded first, as its error message says
await exchange.loadHttpProxyAgent();

const out = {};
const step = async (name, call) => {
  try {
    out[name] = await call();
  } catch (e) {
    out[name] = { error: e.constructor.name, message: String(e.message).slice(0, 300) };
  }
};
const orderOf = (o) => o && {
  id: o.id, clientOrderId: o.clientOrderId, status: o.status, type: o.type, side: o.side, price: o.price,
  amount: o.amount, filled: o.filled, cost: o.cost, average: o.average, fee: o.fee, trades: (o.trades || []).length,
};

await step('loadMarkets', async () => {
  const markets = await exchange.loadMarkets();
  const m = markets[symbol];
  return { symbols: Object.keys(markets), id: m.id, active: m.active, tick: m.precision.price, step: m.precision.amount };
});
await step('fetchOrderBook', async () => {
  const book = await exchange.fetchOrderBook(symbol);
  return { bids: book.bids, asks: book.asks, nonce: book.nonce };
});
await step('fetchBalanceBefore', async () => (await exchange.fetchBalance()).total);
await step('restingBuy', async () => orderOf(await exchange.createOrder(symbol, 'limit', 'buy', 1, 10)));
await step('fetchOrder', async () => orderOf(await exchange.fetchOrder(out.restingBuy.id, symbol)));
await step('fetchOpenOrders', async () => (await exchange.fetchOpenOrders(symbol)).map(orderOf));
await step('cancelOrder', async () => orderOf(await exchange.cancelOrder(out.restingBuy.id, symbol)));
await step('limitBuyThatTakes', async () => orderOf(await exchange.createOrder(symbol, 'limit', 'buy', 2, 101)));
await step('marketSell', async () => orderOf(await exchange.createOrder(symbol, 'market', 'sell', 1)));
await step('marketBuyWithCost', async () => orderOf(await exchange.createMarketBuyOrderWithCost(symbol, 202)));
await step('fetchMyTrades', async () => (await exchange.fetchMyTrades(symbol)).map((t) => ({
  id: t.id, order: t.order, side: t.side, price: t.price, amount: t.amount, cost: t.cost, fee: t.fee,
  takerOrMaker: t.takerOrMaker,
})));
await step('fetchClosedOrders', async () => (await exchange.fetchClosedOrders(symbol)).map(orderOf));
await step('fetchTrades', async () => (await exchange.fetchTrades(symbol)).map((t) => ({
  id: t.id, side: t.side, price: t.price, amount: t.amount,
})));
// candles and statistics: the three trades above, as the streams app aggregated them (a commit
// after the trades, as an exchange's statistics follow its trades): asked until they hold the last
await step('fetchTicker', async () => {
  const lastTrade = out.fetchTrades.at(-1).id;
  const deadline = Date.now() + 10_000;
  let t = await exchange.fetchTicker(symbol);
  while (String(t.info.lastId) !== lastTrade && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    t = await exchange.fetchTicker(symbol);
  }
  return { open: t.open, high: t.high, low: t.low, last: t.last, baseVolume: t.baseVolume, quoteVolume: t.quoteVolume,
    vwap: t.vwap, change: t.change, percentage: t.percentage };
});
await step('fetchOHLCV', async () => exchange.fetchOHLCV(symbol, '1m'));
await step('twoResting', async () => [
  orderOf(await exchange.createOrder(symbol, 'limit', 'buy', 1, 11)),
  orderOf(await exchange.createOrder(symbol, 'limit', 'buy', 1, 12)),
]);
await step('editOrder', async () => orderOf(await exchange.editOrder(out.twoResting[0].id, symbol, 'limit', 'buy', 1, 13)));
await step('cancelAllOrders', async () => (await exchange.cancelAllOrders(symbol)).map(orderOf));
await step('fetchOpenOrdersAfter', async () => (await exchange.fetchOpenOrders(symbol)).map(orderOf));
await step('cancelUnknown', async () => orderOf(await exchange.cancelOrder('123', symbol)));
await step('insufficientFunds', async () => orderOf(await exchange.createOrder(symbol, 'limit', 'buy', 1000, 100)));
// a cancel answers once the book has canceled; the funds it frees reach the account a hop later
await step('fetchBalanceAfter', async () => {
  const deadline = Date.now() + 10_000;
  let balance = await exchange.fetchBalance();
  while (balance.used.USDT !== 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    balance = await exchange.fetchBalance();
  }
  return balance.total;
});

// the market streams: the book as ccxt syncs it (snapshot, then diffs by U/u), and the trade tape
const within = (promise) => Promise.race([promise,
  new Promise((_, reject) => setTimeout(() => reject(new Error('no update within 20 s')), 20_000))]);
await step('watchOrderBookBefore', async () => {
  const book = await within(exchange.watchOrderBook(symbol));
  return { bids: book.bids.slice(0, 5), asks: book.asks.slice(0, 5) };
});
// the user's own orders and balances, over the WebSocket API's user data subscription
const seenOrders = [];
const seenBalances = [];
let watching = true;
const watchLoop = async (watch, sink) => {
  while (watching) {
    try {
      sink(await watch());
    } catch (e) {
      if (watching) sink({ error: e.constructor.name, message: String(e.message).slice(0, 300) });
      return;
    }
  }
};
watchLoop(() => exchange.watchOrders(symbol), (orders) => seenOrders.push(...(Array.isArray(orders) ? orders.map(orderOf) : [orders])));
watchLoop(() => exchange.watchBalance(), (balance) => seenBalances.push(balance.total ?? balance));
await new Promise((resolve) => setTimeout(resolve, 1000));
await step('watchOrderBookAfter', async () => {
  // a watch resolves on the next update: it is asked before the order that makes one
  const next = within(exchange.watchOrderBook(symbol));
  next.catch(() => {});
  await exchange.createOrder(symbol, 'limit', 'sell', 1, 60);
  let book = await next;
  while (!book.asks.some(([price]) => price === 60)) book = await within(exchange.watchOrderBook(symbol));
  return { bids: book.bids.slice(0, 5), asks: book.asks.slice(0, 5) };
});
// the next trade, seen by both watches: its tape entry and the candle it updated
const candle = within(exchange.watchOHLCV(symbol, '1m'));
candle.catch(() => {});
await step('watchTrades', async () => {
  const watching = within(exchange.watchTrades(symbol));
  watching.catch(() => {});  // awaited below; a failure meanwhile is not an unhandled one
  await new Promise((resolve) => setTimeout(resolve, 500));
  await exchange.createOrder(symbol, 'limit', 'buy', 1, 60);
  return (await watching).map((t) => ({ id: t.id, side: t.side, price: t.price, amount: t.amount }));
});
await step('watchOHLCV', async () => candle);
await new Promise((resolve) => setTimeout(resolve, 1500));
watching = false;
out.watchOrders = [...seenOrders];
out.watchBalance = [...seenBalances];
await exchange.close();
console.log(JSON.stringify(out));
process.exit(0);  // a client's reconnect timer must not keep the process alive
