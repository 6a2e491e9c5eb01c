/**
 * The market-history emulator: one HTTP server on 127.0.0.1 serving daily history through every
 * keyless source the market-history download uses, each in its real REST format as ccxt (or Ballast's
 * own client) calls it: Binance klines, Coinbase Exchange candles, Kraken OHLC (the latest 720 only),
 * OKX candles/history-candles, Bybit v5 kline, the Coin Metrics community API (asset-metrics with
 * paging, catalog) and CoinGecko market_chart. Sources live under /binance, /coinbaseexchange, /kraken,
 * /okx, /bybit, /coinmetrics and /coingecko.
 *
 * - Data: daily USD candles and caps per symbol (`fromSharedData()` builds them from
 *   ../shared/data/market-history); an exchange lists `SYMBOL/QUOTE` markets (a USDT or USDC market
 *   serves the USD series at par; USDT/USD and USDC/USD markets serve those stablecoins' own closes).
 * - The clock (`now`) decides what exists: no day after today is served, so moving it forward makes
 *   new days appear (incremental updates).
 * - Faults per source: the ones of types.ts (429 with Retry-After, 5xx, ...) and 'down' (the connection
 *   is dropped); gaps (days an exchange does not serve); `delist()` removes a market while running.
 * - `limits`: real rate limits to enforce (requests, or weight, per sliding window, in real time);
 *   a request beyond them is answered 429 with the Retry-After a real server would send.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DAY_MS } from '../../shared/domain/types';
import { createBinanceHandler } from './binance';
import { createBybitHandler } from './bybit';
import { createCoinbaseHandler } from './coinbase';
import { createCoinGeckoHandler } from './coingecko';
import { createCoinMetricsHandler } from './coinmetrics';
import type { GeckoPoint, HistoryData } from './history-data';
import { createKrakenHandler } from './kraken';
import { ExchangeData } from './market-data';
import { createOkxHandler } from './okx';
import type { AnsweredFault, DailyCandle, EmuRequest, EmuResponse, Fault, MarketSpec } from './types';

export const PRICE_SOURCES = ['binance', 'coinbaseexchange', 'kraken', 'okx', 'bybit'] as const;
export type PriceSourceId = (typeof PRICE_SOURCES)[number];
export type HistorySourceId = PriceSourceId | 'coinmetrics' | 'coingecko';
export const HISTORY_SOURCES: readonly HistorySourceId[] = [...PRICE_SOURCES, 'coinmetrics', 'coingecko'];

export interface Listing {
  symbol: string;
  quote: 'USD' | 'USDT' | 'USDC';
}

/** A sliding-window limit; `weight` gives a request's cost (default 1). */
export interface SourceLimit {
  requests: number;
  windowMs: number;
  weight?: (path: string) => number;
}

/** A fault of types.ts (with the Retry-After a 429 sends, when given) or 'down': the connection is dropped. */
export type HistoryFault = (Fault & { retryAfter?: string }) | { kind: 'down'; path?: string; times?: number };

export interface HistoryEmulatorData {
  /** USD daily candles by symbol (`v` in base units). */
  series: Map<string, DailyCandle[]>;
  /** End-of-day caps by symbol and UTC day. */
  caps: Map<string, Map<number, number>>;
  /** CoinGecko daily points by CoinGecko id. */
  gecko: Map<string, GeckoPoint[]>;
}

export interface HistoryEmulatorConfig {
  data: HistoryEmulatorData;
  listings: Partial<Record<PriceSourceId, Listing[]>>;
  /** Symbols Coin Metrics covers (default: every symbol with caps). */
  coinMetrics?: string[];
  /** Days an exchange does not serve: exchange -> symbol -> [first, last] UTC day numbers. */
  gaps?: Partial<Record<PriceSourceId, Record<string, [number, number][]>>>;
  /** The clock that decides which days exist (default Date.now). */
  now?: () => number;
  limits?: Partial<Record<HistorySourceId, SourceLimit>>;
}

export interface HistoryRequest {
  /** Real time of arrival (ms). */
  at: number;
  source: HistorySourceId;
  method: string;
  /** Path as the real server sees it (prefix removed), no query. */
  path: string;
  query: URLSearchParams;
  status: number | null;
}

export interface HistoryEmulator {
  base: string;
  /** ServicesOptions that point the app at the emulator. */
  options: { exchangeApiUrls: Record<string, unknown>; coinMetricsUrl: string; marketDataUrl: string };
  requests: HistoryRequest[];
  /** First-page asset lists of every Coin Metrics time-series request. */
  coinMetricsAssetLists: string[][];
  /** Every CoinGecko id asked for. */
  coinGeckoIds: string[];
  setFault(source: HistorySourceId, fault: HistoryFault | null): void;
  /** Removes `symbol`'s markets from an exchange (a delisting). */
  delist(exchange: PriceSourceId, symbol: string): void;
  /** Lists again every market of the configuration (undoes `delist`). */
  resetListings(): void;
  close(): Promise<void>;
}

/** USDT/USD and USDC/USD markets serve the stablecoin's own closes; any other market the base's USD series. */
class HistoryExchangeData extends ExchangeData {
  constructor(
    markets: MarketSpec[],
    private readonly series: Map<string, DailyCandle[]>,
    private readonly gaps: Record<string, [number, number][]>,
    private readonly now: () => number,
  ) {
    super(markets, [], 0, 0, Math.floor(now() / DAY_MS) * DAY_MS);
  }

  override candles(market: MarketSpec): DailyCandle[] {
    const today = Math.floor(this.now() / DAY_MS);
    const holes = this.gaps[market.base] ?? [];
    return (this.series.get(market.base) ?? []).filter((c) => {
      const d = c.t / DAY_MS;
      return d <= today && !holes.some(([a, b]) => d >= a && d <= b);
    });
  }
}

/** Emulator data from the shared history; CoinGecko ids come from `geckoIds` (id -> symbol). */
export function fromSharedData(h: HistoryData, geckoIds: Record<string, string>): HistoryEmulatorData {
  const series = new Map<string, DailyCandle[]>();
  const caps = new Map<string, Map<number, number>>();
  for (const [symbol, s] of h.series) {
    series.set(symbol, s.candles);
    caps.set(symbol, s.caps);
  }
  const gecko = new Map<string, GeckoPoint[]>();
  for (const [id, symbol] of Object.entries(geckoIds)) {
    const points = h.gecko.get(symbol);
    if (points) gecko.set(id, points);
  }
  return { series, caps, gecko };
}

function marketsOf(listings: Listing[], series: Map<string, DailyCandle[]>): MarketSpec[] {
  return listings.flatMap((l) => {
    const s = series.get(l.symbol);
    const last = s?.at(-1);
    return last ? [{ base: l.symbol, quote: l.quote, price: last.c }] : [];
  });
}

function send(res: ServerResponse, r: EmuResponse): void {
  const payload = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
  res.writeHead(r.status, {
    'Content-Type': r.contentType ?? 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(payload),
    ...(r.headers ?? {}),
  });
  res.end(payload);
}

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

export async function startHistoryEmulator(config: HistoryEmulatorConfig): Promise<HistoryEmulator> {
  const now = config.now ?? Date.now;
  const exchangeData = {} as Record<PriceSourceId, HistoryExchangeData>;
  for (const id of PRICE_SOURCES) {
    exchangeData[id] = new HistoryExchangeData(
      marketsOf(config.listings[id] ?? [], config.data.series),
      config.data.series,
      config.gaps?.[id] ?? {},
      now,
    );
  }
  const exchanges = {
    binance: createBinanceHandler(exchangeData.binance, now),
    coinbaseexchange: createCoinbaseHandler(exchangeData.coinbaseexchange, now),
    kraken: createKrakenHandler(exchangeData.kraken, now, { apiKeyInfo: false }),
    okx: createOkxHandler(exchangeData.okx, now),
    bybit: createBybitHandler(exchangeData.bybit, now),
  };
  const covered = new Set((config.coinMetrics ?? [...config.data.caps.keys()]).map((s) => s.toLowerCase()));
  const cmCaps = new Map(
    [...config.data.caps].filter(([s]) => covered.has(s.toLowerCase())).map(([s, c]) => [s.toLowerCase(), c]),
  );
  const coinMetrics = createCoinMetricsHandler({ caps: cmCaps }, now);
  const coinGecko = createCoinGeckoHandler(config.data.gecko, now);

  const faults = new Map<HistorySourceId, HistoryFault & { left: number | null }>();
  const sent = new Map<HistorySourceId, { at: number; weight: number }[]>();
  const requests: HistoryRequest[] = [];
  let base = '';

  /** The Retry-After (s) a limited source answers with, or null when the request is within its limit. */
  function overLimit(source: HistorySourceId, path: string): number | null {
    const limit = config.limits?.[source];
    if (!limit) return null;
    const t = Date.now();
    const log = (sent.get(source) ?? []).filter((x) => x.at > t - limit.windowMs);
    const weight = limit.weight?.(path) ?? 1;
    const used = log.reduce((s, x) => s + x.weight, 0);
    sent.set(source, log);
    if (used + weight > limit.requests) {
      let free = used + weight - limit.requests;
      let until = t;
      for (const x of log) {
        free -= x.weight;
        until = x.at + limit.windowMs;
        if (free <= 0) break;
      }
      return Math.max(1, Math.ceil((until - t) / 1000));
    }
    log.push({ at: t, weight });
    return null;
  }

  function takeFault(source: HistorySourceId, path: string): HistoryFault | null {
    const f = faults.get(source);
    if (!f || (f.path !== undefined && !path.includes(f.path))) return null;
    if (f.left !== null && --f.left <= 0) faults.delete(source);
    return f;
  }

  function faultResponse(source: HistorySourceId, kind: AnsweredFault, status?: number): EmuResponse {
    if (source === 'coinmetrics') {
      return kind === 'rate-limit'
        ? coinMetrics.rateLimitResponse(2)
        : { status: status ?? 503, body: { error: { type: 'unavailable', message: 'Service unavailable' } } };
    }
    if (source === 'coingecko') {
      return kind === 'rate-limit'
        ? coinGecko.rateLimitResponse(60)
        : { status: status ?? 503, body: { error: 'unavailable' } };
    }
    return exchanges[source].faultResponse(kind, status);
  }

  function handle(source: HistorySourceId, req: EmuRequest): EmuResponse {
    if (source === 'coinmetrics') return coinMetrics.handle(req, base);
    if (source === 'coingecko') return coinGecko.handle(req);
    return exchanges[source].handle(req).response;
  }

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const [, prefix = '', ...rest] = url.pathname.split('/');
      const source = HISTORY_SOURCES.find((s) => s === prefix);
      const body = await readBody(req);
      if (!source) return send(res, { status: 404, body: { error: 'unknown source' } });
      const path = `/${rest.join('/')}`;
      const rawQuery = url.search.replace(/^\?/, '');
      const record: HistoryRequest = {
        at: Date.now(),
        source,
        method: req.method ?? 'GET',
        path,
        query: url.searchParams,
        status: null,
      };
      requests.push(record);
      const fault = takeFault(source, path);
      if (fault?.kind === 'down' || fault?.kind === 'timeout') {
        res.destroy();
        return;
      }
      if (fault?.kind === 'slow') await new Promise((r) => setTimeout(r, fault.delayMs ?? 200));
      let r: EmuResponse;
      // 'zero-balances' concerns balance endpoints: the public ones here answer normally
      if (fault && fault.kind !== 'slow' && fault.kind !== 'zero-balances') {
        r = faultResponse(source, fault.kind, 'status' in fault ? fault.status : undefined);
        if ('retryAfter' in fault && fault.retryAfter !== undefined)
          r = { ...r, headers: { 'Retry-After': fault.retryAfter } };
      } else {
        const wait = overLimit(source, path);
        r =
          wait !== null
            ? { ...faultResponse(source, 'rate-limit'), headers: { 'Retry-After': String(wait) } }
            : handle(source, {
                method: record.method,
                path,
                rawQuery,
                query: url.searchParams,
                headers: req.headers,
                body,
              });
      }
      record.status = r.status;
      send(res, r);
    })().catch(() => {
      if (!res.headersSent) res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    base,
    options: {
      exchangeApiUrls: Object.fromEntries(PRICE_SOURCES.map((id) => [id, exchanges[id].urls(base)])),
      coinMetricsUrl: coinMetrics.url(base),
      marketDataUrl: coinGecko.url(base),
    },
    requests,
    coinMetricsAssetLists: coinMetrics.assetLists,
    coinGeckoIds: coinGecko.requested,
    setFault(source, fault) {
      if (fault === null) faults.delete(source);
      else faults.set(source, { ...fault, left: fault.times ?? null });
    },
    resetListings() {
      for (const id of PRICE_SOURCES) {
        const markets = exchangeData[id].markets;
        markets.splice(0, markets.length, ...marketsOf(config.listings[id] ?? [], config.data.series));
      }
    },
    delist(exchange, symbol) {
      const markets = exchangeData[exchange].markets;
      for (let i = markets.length - 1; i >= 0; i--) if (markets[i]!.base === symbol) markets.splice(i, 1);
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
