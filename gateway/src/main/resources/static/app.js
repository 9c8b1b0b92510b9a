// Matchstream's demo page: the candlestick chart, the depth ladder and the trade tape from the
// public WebSocket streams, synced with REST snapshots by Binance's procedure, and an order form,
// all through Binance's spot API as any Binance client uses it: requests signed as Binance signs
// them (HMAC-SHA256 of the query string, timestamp included), markets by Binance's names.
'use strict';

const $ = (id) => document.getElementById(id);
const LEVELS = 15;
const TAPE = 50;
let market = null;

async function getJson(path) {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

async function sign(secret, payload) {
  const enc = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', key, enc.encode(payload));
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A SIGNED request of Binance's API: the parameters and a timestamp in the query, then their signature. */
async function signed(method, path, params = {}) {
  const query = new URLSearchParams({ ...params, timestamp: Date.now() }).toString();
  const signature = await sign($('secret').value, query);
  const response = await fetch(`${path}?${query}&signature=${signature}`, {
    method, headers: { 'X-MBX-APIKEY': $('apiKey').value },
  });
  return { status: response.status, json: await response.json() };
}

/** One market's book and tape, kept from the streams. */
class Market {
  constructor(symbol) {
    this.symbol = symbol;
    this.bids = new Map();
    this.asks = new Map();
    this.lastUpdateId = 0;
    this.buffer = [];
    this.synced = false;
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const stream = symbol.toLowerCase();
    this.socket = new WebSocket(`${scheme}://${location.host}/stream?streams=${stream}@depth/${stream}@trade`);
    this.socket.onopen = () => { $('status').textContent = 'live'; this.snapshot(); };
    this.socket.onclose = () => { if (market === this) { $('status').textContent = 'disconnected: reconnecting'; setTimeout(() => select(symbol), 2000); } };
    this.socket.onmessage = (event) => this.onMessage(JSON.parse(event.data));
    this.loadTape();
  }

  close() { this.socket.onclose = null; this.socket.close(); }

  onMessage(message) {
    if (message.stream.endsWith('@trade')) {
      this.addTrade({ price: message.data.p, qty: message.data.q, time: message.data.T, isBuyerMaker: message.data.m });
    } else if (message.stream.endsWith('@depth')) {
      if (this.synced) this.applyDiff(message.data); else this.buffer.push(message.data);
    }
  }

  // Binance's procedure: buffer the diffs, take a snapshot, drop the diffs it holds, apply the rest
  async snapshot() {
    const depth = await getJson(`/api/v3/depth?symbol=${encodeURIComponent(this.symbol)}&limit=1000`);
    this.bids = new Map(depth.bids);
    this.asks = new Map(depth.asks);
    this.lastUpdateId = depth.lastUpdateId;
    this.synced = true;
    const buffered = this.buffer;
    this.buffer = [];
    buffered.forEach((diff) => this.applyDiff(diff));
    this.render();
  }

  applyDiff(diff) {
    if (diff.u <= this.lastUpdateId) return;
    if (diff.U > this.lastUpdateId + 1) {
      // a gap: start over from a new snapshot
      this.synced = false;
      this.buffer = [diff];
      this.snapshot();
      return;
    }
    diff.b.forEach(([price, qty]) => (Number(qty) === 0 ? this.bids.delete(price) : this.bids.set(price, qty)));
    diff.a.forEach(([price, qty]) => (Number(qty) === 0 ? this.asks.delete(price) : this.asks.set(price, qty)));
    this.lastUpdateId = diff.u;
    this.render();
  }

  render() {
    const byPrice = (a, b) => Number(b[0]) - Number(a[0]);
    const asks = [...this.asks].sort(byPrice).slice(-LEVELS);
    const bids = [...this.bids].sort(byPrice).slice(0, LEVELS);
    $('asks').innerHTML = asks.map(([p, q]) => `<tr><td>${p}</td><td>${q}</td></tr>`).join('');
    $('bids').innerHTML = bids.map(([p, q]) => `<tr><td>${p}</td><td>${q}</td></tr>`).join('');
    $('lastUpdateId').textContent = `#${this.lastUpdateId}`;
  }

  async loadTape() {
    const trades = await getJson(`/api/v3/trades?symbol=${encodeURIComponent(this.symbol)}&limit=${TAPE}`);
    $('tape').innerHTML = '';
    trades.forEach((trade) => this.addTrade(trade));
  }

  addTrade(trade) {
    const row = document.createElement('tr');
    row.className = trade.isBuyerMaker ? 'sell' : 'buy';
    row.innerHTML = `<td>${trade.price}</td><td>${trade.qty}</td><td>${new Date(trade.time).toLocaleTimeString()}</td>`;
    $('tape').prepend(row);
    while ($('tape').rows.length > TAPE) $('tape').deleteRow(-1);
  }
}

/**
 * The candlestick chart of one market and interval: its history from GET /api/v3/klines, then
 * every update of the <symbol>@kline_<interval> stream (an update of the open candle, or a new one).
 */
class Candles {
  constructor(symbol, interval) {
    this.symbol = symbol;
    this.loaded = false;
    this.pending = [];
    this.bars = new Map();
    const container = $('candles');
    container.innerHTML = '';
    this.chart = LightweightCharts.createChart(container, {
      autoSize: true,
      layout: { background: { color: '#101418' }, textColor: '#8a96a3' },
      grid: { vertLines: { color: '#1d252d' }, horzLines: { color: '#1d252d' } },
      timeScale: { timeVisible: true, secondsVisible: interval === '1s' },
    });
    this.series = this.chart.addSeries(LightweightCharts.CandlestickSeries, {
      upColor: '#2ebd85', downColor: '#f0616d', wickUpColor: '#2ebd85', wickDownColor: '#f0616d', borderVisible: false,
    });
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    this.socket = new WebSocket(`${scheme}://${location.host}/ws/${this.symbol.toLowerCase()}@kline_${interval}`);
    this.socket.onmessage = (event) => {
      const k = JSON.parse(event.data).k;
      const bar = { time: k.t / 1000, open: +k.o, high: +k.h, low: +k.l, close: +k.c };
      if (this.loaded) this.show(bar); else this.pending.push(bar);
    };
    this.load(interval);
  }

  async load(interval) {
    const rows = await getJson(`/api/v3/klines?symbol=${this.symbol}&interval=${interval}&limit=500`);
    rows.forEach((r) => this.bars.set(r[0] / 1000, { time: r[0] / 1000, open: +r[1], high: +r[2], low: +r[3], close: +r[4] }));
    this.series.setData([...this.bars.values()]);
    this.chart.timeScale().fitContent();
    this.loaded = true;
    this.pending.forEach((bar) => this.show(bar));
    this.pending = [];
    this.describe();
  }

  show(bar) {
    const latest = this.latest();
    this.bars.set(bar.time, bar);
    // the chart takes updates of its last bar or newer ones; an older one means drawing it all again
    if (!latest || bar.time >= latest.time) this.series.update(bar);
    else this.series.setData([...this.bars.values()].sort((a, b) => a.time - b.time));
    this.describe();
  }

  latest() {
    let latest = null;
    this.bars.forEach((bar) => { if (!latest || bar.time > latest.time) latest = bar; });
    return latest;
  }

  /** The bar count and the last close, also as data attributes the page's test reads. */
  describe() {
    const last = this.latest();
    $('candles').dataset.bars = this.bars.size;
    $('candles').dataset.lastClose = last ? last.close : '';
    $('candleInfo').textContent = last ? `${this.bars.size} candles, last close ${last.close}` : 'no trades yet';
  }

  close() {
    this.socket.close();
    this.chart.remove();
  }
}

let candles = null;

function select(symbol) {
  if (market) market.close();
  market = new Market(symbol);
  showCandles();
  refreshAccount();
}

function showCandles() {
  if (candles) candles.close();
  candles = new Candles(market.symbol, $('interval').value);
}

/**
 * Refreshes a table of orders without taking what the user is typing away: a balance update
 * refreshes it often, and rebuilding the rows would clear (and unfocus) a half-typed amend.
 */
function replaceKeepingInput(table, html) {
  if (table.dataset.html === html) return;
  const typed = [...table.querySelectorAll('input[data-amend]')].filter((i) => i.value)
    .map((i) => [i.dataset.amend, i.value, i === document.activeElement]);
  table.innerHTML = html;
  table.dataset.html = html;
  for (const [orderId, value, focused] of typed) {
    const input = table.querySelector(`input[data-amend="${orderId}"]`);
    if (!input) continue;
    input.value = value;
    if (focused) input.focus();
  }
}

async function refreshAccount() {
  if (!$('apiKey').value || !$('secret').value || !market) return;
  const open = await signed('GET', '/api/v3/openOrders', { symbol: market.symbol });
  if (open.status === 200) {
    const price = (o) => (Number(o.price) === 0 ? 'market' : o.price);
    const quantity = (o) => (Number(o.origQty) === 0 ? o.origQuoteOrderQty : o.origQty);
    // a stop waiting for its trigger is not in the book: shown apart
    replaceKeepingInput($('openOrders'), open.json.filter((o) => o.isWorking).map((o) => `<tr class="${o.side.toLowerCase()}">`
      + `<td>${o.side}</td><td>${o.type}${Number(o.icebergQty) ? ` (iceberg ${o.icebergQty})` : ''}</td>`
      + `<td>${price(o)}</td><td>${quantity(o)}</td><td>${o.executedQty}</td>`
      + `<td><input class="amend" data-amend="${o.orderId}" inputmode="decimal" size="6"></td>`
      + `<td><button data-order="${o.orderId}" class="cancel">Cancel</button></td></tr>`).join(''));
    $('waitingStops').innerHTML = open.json.filter((o) => !o.isWorking).map((o) => `<tr class="${o.side.toLowerCase()}">`
      + `<td>${o.side}</td><td>${o.type}</td><td>${o.stopPrice}</td><td>${price(o)}</td>`
      + `<td>${quantity(o)}</td>`
      + `<td><button data-order="${o.orderId}" class="cancel">Cancel</button></td></tr>`).join('');
  }
  const account = await signed('GET', '/api/v3/account');
  if (account.status === 200) {
    $('balances').innerHTML = account.json.balances.map((b) => `<tr><td>${b.asset}</td><td>${b.free}</td>`
      + `<td>${b.locked}</td></tr>`).join('');
  }
}

async function placeOrder(event) {
  event.preventDefault();
  const order = { symbol: market.symbol, side: $('side').value, type: $('type').value, newOrderRespType: 'RESULT' };
  if (order.type !== 'LIMIT' && order.type !== 'MARKET') order.stopPrice = $('stopPrice').value;
  if (order.type === 'LIMIT' && $('icebergQty').value) order.icebergQty = $('icebergQty').value;
  if (isLimit(order.type)) {
    order.price = $('price').value;
    order.quantity = $('quantity').value;
    // Binance's post-only order is a type of its own
    if (order.type === 'LIMIT' && $('tif').value === 'POST_ONLY') order.type = 'LIMIT_MAKER';
    else order.timeInForce = $('tif').value;
  } else if (order.side === 'SELL') {
    order.quantity = $('quantity').value;
  } else {
    order.quoteOrderQty = $('quantity').value; // a market buy spends this much quote
  }
  const answer = await signed('POST', '/api/v3/order', order);
  $('result').textContent = answer.status === 200
    ? `${answer.json.status}: filled ${answer.json.executedQty} for ${answer.json.cummulativeQuoteQty}`
      + ` — order ${answer.json.orderId}`
    : `refused (${answer.status}): ${answer.json.msg}`;
  refreshAccount();
}

function isLimit(type) {
  return type === 'LIMIT' || type.endsWith('_LIMIT');
}

async function amend(orderId, newQty) {
  const answer = await signed('PUT', '/api/v3/order/amend/keepPriority', { symbol: market.symbol, orderId, newQty });
  $('result').textContent = answer.status === 200 ? `amended ${orderId}` : `refused: ${answer.json.msg}`;
  setTimeout(refreshAccount, 300);
}

async function cancelAll() {
  const answer = await signed('DELETE', '/api/v3/openOrders', { symbol: market.symbol });
  $('result').textContent = answer.status === 200 ? `canceled all (${answer.json.length} open)` : `refused: ${answer.json.msg}`;
  setTimeout(refreshAccount, 300);
}

async function cancel(orderId) {
  const answer = await signed('DELETE', '/api/v3/order', { symbol: market.symbol, orderId });
  $('result').textContent = answer.status === 200 ? `canceled ${orderId}` : `refused: ${answer.json.msg}`;
  setTimeout(refreshAccount, 300);
}

async function start() {
  $('order').addEventListener('submit', placeOrder);
  for (const table of ['openOrders', 'waitingStops']) {
    $(table).addEventListener('click', (e) => { if (e.target.dataset.order) cancel(e.target.dataset.order); });
  }
  $('openOrders').addEventListener('change', (e) => { if (e.target.dataset.amend) amend(e.target.dataset.amend, e.target.value); });
  $('cancelAll').addEventListener('click', cancelAll);
  $('type').addEventListener('change', () => {
    const type = $('type').value;
    $('price').disabled = $('tif').disabled = !isLimit(type);
    $('stopPrice').disabled = type === 'LIMIT' || type === 'MARKET';
    $('icebergQty').disabled = type !== 'LIMIT';
  });
  $('symbol').addEventListener('change', () => select($('symbol').value));
  $('interval').addEventListener('change', showCandles);
  try {
    const demo = await getJson('/demo');
    $('apiKey').value = demo.apiKey;
    $('secret').value = demo.secret;
  } catch (e) {
    // no demo key on this gateway: the person types their own
  }
  const info = await getJson('/api/v3/exchangeInfo');
  $('symbol').innerHTML = info.symbols.map((s) => `<option>${s.symbol}</option>`).join('');
  if (info.symbols.length === 0) {
    $('status').textContent = 'no markets yet: send reference data first';
    return;
  }
  select(info.symbols[0].symbol);
  setInterval(refreshAccount, 5000);
}

/**
 * The status view of a local stack (GET /demo/status, where the gateway serves /demo): live orders
 * per second and the p99 of an order's command-to-event time, five-second steps of the last ten
 * minutes. Hidden where the gateway does not serve it.
 */
class Pulse {
  constructor() {
    this.chart = LightweightCharts.createChart($('pulseChart'), {
      autoSize: true,
      layout: { background: { color: '#101418' }, textColor: '#8a96a3' },
      grid: { vertLines: { color: '#1d252d' }, horzLines: { color: '#1d252d' } },
      timeScale: { timeVisible: true, secondsVisible: true },
      leftPriceScale: { visible: true },
    });
    this.orders = this.chart.addSeries(LightweightCharts.LineSeries, { color: '#2b5fd9', title: 'orders/s', priceScaleId: 'left' });
    this.p99 = this.chart.addSeries(LightweightCharts.LineSeries, { color: '#f0b90b', title: 'p99 ms', priceScaleId: 'right' });
  }

  async refresh() {
    const status = await getJson('/demo/status');
    $('pulse').hidden = false;
    const points = status.points;
    this.orders.setData(points.map((p) => ({ time: p.time / 1000, value: p.ordersPerSecond })));
    this.p99.setData(points.map((p) => ({ time: p.time / 1000, value: p.p99Ms })));
    const minute = points.slice(-12);
    const orders = Math.round(minute.reduce((sum, p) => sum + p.ordersPerSecond * status.stepMs / 1000, 0));
    const p99 = Math.max(...minute.map((p) => p.p99Ms));
    $('pulseNow').textContent = `${orders} orders in the last minute, p99 up to ${p99} ms`;
  }
}

async function showPulse() {
  let pulse = null;
  const refresh = async () => {
    try {
      pulse = pulse || new Pulse();
      await pulse.refresh();
    } catch (e) {
      $('pulse').hidden = true;  // no status view on this gateway
    }
  };
  await refresh();
  setInterval(refresh, 5000);
}

start();
showPulse();
