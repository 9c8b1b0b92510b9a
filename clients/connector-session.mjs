// Drives Binance's official Node.js connector (@binance/connector: Spot, WebsocketStream), unchanged,
// against the gateway's Binance API: market data, orders of each response type, queries, cancels and
// listen keys, then the market streams over one combined connection, printing one JSON object of
// what each call answered (the body, or the error's status and body) and what the streams sent.
// Usage: node connector-session.mjs <gateway base url> <api key> <secret> <SYMBOL>
import { Spot, WebsocketStream } from '@binance/connector';
import { Console } from 'node:console';

const [base, apiKey, secret, symbol] = process.argv.slice(2);
// the connector logs to standard output by default: this script prints its findings there
const logger = new Console({ stdout: process.stderr, stderr: process.stderr });
const client = new Spot(apiKey, secret, { baseURL: base, logger });
const out = {};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const step = async (name, call) => {
  try {
    const response = await call();
    out[name] = { status: response.status, body: response.data, weight: response.headers['x-mbx-used-weight-1m'] };
  } catch (e) {
    out[name] = e.response ? { status: e.response.status, body: e.response.data } : { error: String(e.message) };
  }
};

await step('ping', () => client.ping());
await step('time', () => client.time());
await step('exchangeInfo', () => client.exchangeInfo({ symbol }));
await step('depth', () => client.depth(symbol, { limit: 5 }));
await step('accountBefore', () => client.account());
await step('resting', () => client.newOrder(symbol, 'BUY', 'LIMIT',
  { price: '10', quantity: '1', timeInForce: 'GTC', newClientOrderId: 'conn-rest-1' }));
await step('getOrder', () => client.getOrder(symbol, { origClientOrderId: 'conn-rest-1' }));
await step('openOrders', () => client.openOrders({ symbol }));
await step('cancel', () => client.cancelOrder(symbol, { origClientOrderId: 'conn-rest-1' }));
await step('takeAck', () => client.newOrder(symbol, 'BUY', 'LIMIT',
  { price: '101', quantity: '2', timeInForce: 'GTC', newOrderRespType: 'ACK' }));
await step('marketSellResult', () => client.newOrder(symbol, 'SELL', 'MARKET',
  { quantity: '1', newOrderRespType: 'RESULT' }));
await step('marketBuyFull', () => client.newOrder(symbol, 'BUY', 'MARKET',
  { quoteOrderQty: '202', newOrderRespType: 'FULL' }));
await step('myTrades', () => client.myTrades(symbol));
await step('allOrders', () => client.allOrders(symbol));
await step('trades', () => client.trades(symbol));
await step('aggTrades', () => client.aggTrades(symbol));
await step('tickerPrice', () => client.tickerPrice(symbol));
await step('bookTicker', () => client.bookTicker(symbol));
// candles and statistics: the trades above, as the streams app aggregated them (a commit after the
// trades, as an exchange's statistics follow its trades): asked until they hold the last
await step('ticker24hr', async () => {
  const lastTrade = out.trades.body.at(-1).id;
  const deadline = Date.now() + 10_000;
  let ticker = await client.ticker24hr(symbol);
  while (ticker.data.lastId !== lastTrade && Date.now() < deadline) {
    await sleep(100);
    ticker = await client.ticker24hr(symbol);
  }
  return ticker;
});
await step('klines', () => client.klines(symbol, '1m'));
await step('uiKlines', () => client.uiklines(symbol, '1h'));
await step('avgPrice', () => client.avgPrice(symbol));
await step('rollingWindowTicker', () => client.rollingWindowTicker(symbol, [], { windowSize: '1h' }));
await step('twoResting', async () => {
  await client.newOrder(symbol, 'BUY', 'LIMIT', { price: '11', quantity: '1', timeInForce: 'GTC' });
  return client.newOrder(symbol, 'BUY', 'LIMIT', { price: '12', quantity: '1', timeInForce: 'GTC' });
});
// amend keeping priority: the connector has no method for it yet, its signRequest signs any endpoint
await step('amend', () => client.signRequest('PUT', '/api/v3/order/amend/keepPriority',
  { symbol, orderId: out.twoResting.body.orderId, newQty: '0.5' }));
await step('cancelReplace', () => client.cancelAndReplace(symbol, 'BUY', 'LIMIT', 'STOP_ON_FAILURE',
  { cancelOrderId: out.twoResting.body.orderId, price: '13', quantity: '1', timeInForce: 'GTC' }));
await step('cancelReplaceUnknown', () => client.cancelAndReplace(symbol, 'BUY', 'LIMIT', 'STOP_ON_FAILURE',
  { cancelOrderId: 123, price: '13', quantity: '1', timeInForce: 'GTC' }));
await step('cancelOpenOrders', () => client.cancelOpenOrders(symbol));
await step('cancelUnknown', () => client.cancelOrder(symbol, { orderId: 123 }));
await step('badSymbol', () => client.depth('NOPE'));
await step('badPrice', () => client.newOrder(symbol, 'BUY', 'LIMIT', { price: '10.001', quantity: '1', timeInForce: 'GTC' }));
await step('limitWithoutPrice', () => client.newOrder(symbol, 'BUY', 'LIMIT', { quantity: '1', timeInForce: 'GTC' }));
await step('createListenKey', () => client.createListenKey());
await step('renewListenKey', () => client.renewListenKey(out.createListenKey.body.listenKey));
await step('closeListenKey', () => client.closeListenKey(out.createListenKey.body.listenKey));
await step('renewClosedKey', () => client.renewListenKey(out.createListenKey.body.listenKey));
// a cancel answers once the book has canceled; the funds it frees reach the account a hop later
await step('accountAfter', async () => {
  const deadline = Date.now() + 10_000;
  const locked = (r) => r.data.balances.some((b) => Number(b.locked) !== 0);
  let account = await client.account({ omitZeroBalances: true });
  while (locked(account) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    account = await client.account({ omitZeroBalances: true });
  }
  return account;
});
const wrong = new Spot(apiKey, 'not-the-secret', { baseURL: base, logger });
await step('wrongSecret', () => wrong.account());

// the streams: four named in the URL of a combined connection, four more subscribed on it, then a
// resting sell and a buy that takes it
const lower = symbol.toLowerCase();
const received = [];
let opened;
const open = new Promise((resolve) => { opened = resolve; });
const ws = new WebsocketStream({
  logger,
  wsURL: base.replace('http', 'ws'),
  combinedStreams: true,
  callbacks: { open: () => opened(), message: (m) => received.push(JSON.parse(m)) },
});
ws.subscribe([`${lower}@trade`, `${lower}@depth@100ms`, `${lower}@bookTicker`, `${lower}@depth5@100ms`]);
await Promise.race([open, sleep(10_000)]);
// the user's own events over a listen key, Binance's user data stream
const userEvents = [];
const listenKey = (await client.createListenKey()).data.listenKey;
const userWs = new WebsocketStream({
  logger,
  wsURL: base.replace('http', 'ws'),
  callbacks: { message: (m) => userEvents.push(JSON.parse(m)) },
});
userWs.userData(listenKey);
await sleep(1000);
ws.aggTrade(symbol);
ws.kline(symbol, '1m');
ws.ticker(symbol);
ws.miniTicker(symbol);
await sleep(500);
await step('streamSell', () => client.newOrder(symbol, 'SELL', 'LIMIT', { price: '60', quantity: '1', timeInForce: 'GTC' }));
await step('streamBuy', () => client.newOrder(symbol, 'BUY', 'LIMIT', { price: '60', quantity: '1', timeInForce: 'GTC' }));
await sleep(2500);  // the tickers come once a second
ws.disconnect();
userWs.disconnect();
out.userData = userEvents;
out.streams = {};
for (const message of received) {
  const name = message.stream ?? (message.result === null ? 'subscribed' : 'other');
  (out.streams[name] ??= []).push(message.data ?? message);
}
console.log(JSON.stringify(out));
process.exit(0);  // a client's reconnect timer must not keep the process alive
