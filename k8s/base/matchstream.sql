-- The tables the JDBC sinks write into (connectors/sinks/*.json). The sinks never create or alter
-- them (schema.evolution=none): this file is the schema, applied by ./matchstream up and the tests.
--
-- Money: every amount is DECIMAL(38,18), the Avro decimal of the topics. The engine keeps an
-- amount as a long at its asset's scale (0 to 18 decimals), so any amount it can hold, at any
-- scale, fits exactly: at most 19 integer digits and 18 decimals.
-- Ids are VARCHAR(255): ids are the users' own strings (the gateway keeps them far shorter).
-- Times are the commands' ts, epoch milliseconds, as SPEC has them.

CREATE TABLE IF NOT EXISTS trades (
  symbol          VARCHAR(128)   NOT NULL,
  trade_id        BIGINT         NOT NULL COMMENT 'counts from 1 per symbol',
  price           DECIMAL(38,18) NOT NULL COMMENT 'the maker order''s price',
  quantity        DECIMAL(38,18) NOT NULL,
  quote_quantity  DECIMAL(38,18) NOT NULL,
  taker_side      VARCHAR(4)     NOT NULL,
  maker_order_id  VARCHAR(255)   NOT NULL,
  taker_order_id  VARCHAR(255)   NOT NULL,
  maker_user_id   VARCHAR(255)   NOT NULL,
  taker_user_id   VARCHAR(255)   NOT NULL,
  buyer_fee       DECIMAL(38,18) NOT NULL COMMENT 'in the base asset',
  seller_fee      DECIMAL(38,18) NOT NULL COMMENT 'in the quote asset',
  ts              BIGINT         NOT NULL COMMENT 'epoch ms of the taker''s command',
  PRIMARY KEY (symbol, trade_id),
  KEY trades_by_symbol_time (symbol, ts),
  KEY trades_by_maker (maker_user_id, ts),
  KEY trades_by_taker (taker_user_id, ts)
);

-- One row per order, upserted to its latest state. A place rejected DUPLICATE_ORDER_ID does not
-- touch the order that owns the id (its event carries a header the sink filters on).
CREATE TABLE IF NOT EXISTS orders (
  user_id          VARCHAR(255)   NOT NULL,
  order_id         VARCHAR(255)   NOT NULL COMMENT 'unique per user',
  client_order_id  VARCHAR(255)   NULL,
  symbol           VARCHAR(128)   NULL COMMENT 'null only on a rejection that named no symbol',
  side             VARCHAR(4)     NULL,
  status           VARCHAR(16)    NOT NULL COMMENT 'NEW, PARTIALLY_FILLED, FILLED, CANCELED, EXPIRED or REJECTED',
  filled_quantity  DECIMAL(38,18) NOT NULL,
  filled_quote     DECIMAL(38,18) NOT NULL,
  reason           VARCHAR(64)    NULL COMMENT 'why it was rejected or expired',
  ts               BIGINT         NOT NULL COMMENT 'epoch ms of the command that last changed it',
  quantity         DECIMAL(38,18) NULL COMMENT 'current total quantity (an amend lowers it); null on a market buy by quote quantity and on a rejection',
  triggered        BOOLEAN        NULL COMMENT 'stop orders only: false while waiting, true once fired',
  order_type       VARCHAR(24)    NULL COMMENT 'LIMIT, MARKET, STOP_LOSS, STOP_LOSS_LIMIT, TAKE_PROFIT or TAKE_PROFIT_LIMIT; null on a rejection naming none',
  stop_price       DECIMAL(38,18) NULL COMMENT 'a stop order''s trigger price',
  iceberg_quantity DECIMAL(38,18) NULL COMMENT 'an iceberg''s visible slice',
  created_ts       BIGINT         NULL COMMENT 'epoch ms of its first event (set on insert, kept by upserts)',
  PRIMARY KEY (user_id, order_id),
  KEY orders_by_user_status (user_id, status, symbol),
  KEY orders_by_symbol_status (symbol, status)
);

-- the sink's upsert names only the event's fields, so created_ts keeps the first event's ts
CREATE TRIGGER IF NOT EXISTS orders_created_ts BEFORE INSERT ON orders
  FOR EACH ROW SET NEW.created_ts = COALESCE(NEW.created_ts, NEW.ts);

-- One row per user and asset, upserted; $fees:<SYMBOL> is the account that collects a market's fees.
CREATE TABLE IF NOT EXISTS balances (
  user_id    VARCHAR(255)   NOT NULL,
  asset      VARCHAR(64)    NOT NULL,
  available  DECIMAL(38,18) NOT NULL,
  locked     DECIMAL(38,18) NOT NULL,
  PRIMARY KEY (user_id, asset),
  KEY balances_by_asset (asset)
);

-- The current L2 book: one row per symbol, side and price level, deleted when the level empties
-- (a tombstone on the compacted book-levels topic, whose key is level_key).
CREATE TABLE IF NOT EXISTS book_levels (
  level_key  VARCHAR(400)   NOT NULL COMMENT 'symbol:SIDE:price, the topic''s key',
  symbol     VARCHAR(128)   NOT NULL,
  side       VARCHAR(4)     NOT NULL,
  price      DECIMAL(38,18) NOT NULL,
  quantity   DECIMAL(38,18) NOT NULL COMMENT 'the level''s total',
  seq        BIGINT         NOT NULL COMMENT 'the book delta that set it (book-deltas seq)',
  PRIMARY KEY (level_key),
  UNIQUE KEY book_levels_by_price (symbol, side, price)
);

-- Candles of the intervals the app aggregates (1s, 1m, 1h, 1d), one row per symbol, interval and
-- window, upserted to its latest state; the other intervals compose exactly from these (3m from 1m,
-- 4h from 1h, 1w and 1M from 1d): open of the first, close of the last, high of the highs, sums.
-- A window holds only trades stamped inside it that arrived within 10 s of its close.
CREATE TABLE IF NOT EXISTS klines (
  symbol                  VARCHAR(128)   NOT NULL,
  kline_interval          VARCHAR(4)     NOT NULL COMMENT '1s, 1m, 1h or 1d',
  open_time               BIGINT         NOT NULL COMMENT 'epoch ms, UTC-aligned',
  close_time              BIGINT         NOT NULL COMMENT 'epoch ms of the window''s last millisecond',
  open                    DECIMAL(38,18) NOT NULL COMMENT 'price of its first trade',
  high                    DECIMAL(38,18) NOT NULL,
  low                     DECIMAL(38,18) NOT NULL,
  close                   DECIMAL(38,18) NOT NULL COMMENT 'price of its last trade',
  volume                  DECIMAL(38,18) NOT NULL COMMENT 'base asset traded',
  quote_volume            DECIMAL(38,18) NOT NULL,
  trades                  BIGINT         NOT NULL,
  taker_buy_volume        DECIMAL(38,18) NOT NULL COMMENT 'base asset bought by takers',
  taker_buy_quote_volume  DECIMAL(38,18) NOT NULL,
  first_trade_id          BIGINT         NOT NULL,
  last_trade_id           BIGINT         NOT NULL,
  PRIMARY KEY (symbol, kline_interval, open_time)
);
