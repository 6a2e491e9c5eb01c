/**
 * The chain of keyless daily-candle providers, in the order assets are routed to them, and what each
 * serves through ccxt's public endpoints (no key is ever set on these clients):
 *
 * | id                 | endpoint (as ccxt calls it)                          | days per request | ccxt cost |
 * | ------------------ | ---------------------------------------------------- | ---------------- | --------- |
 * | `binance`          | GET /api/v3/klines (startTime/endTime)               | 1000             | 0.4 x 50 ms |
 * | `coinbaseexchange` | GET /products/{id}/candles (start/end, newest first) | 300              | 1 x 100 ms |
 * | `kraken`           | GET /0/public/OHLC (since; only the latest 720)      | 720, latest only | 1.2 x 1 s |
 * | `okx`              | GET /api/v5/market/(history-)candles (before/after)  | 300              | 1 x 110 ms |
 * | `bybit`            | GET /v5/market/kline?category=spot (start/end)       | 1000             | 5 x 20 ms |
 *
 * `coinbaseexchange` (api.exchange.coinbase.com) is used rather than `coinbase` (Advanced Trade): its
 * public candles need no key and loading its markets takes 2 public calls, where `coinbase` loads
 * currencies, rates and futures products as well.
 *
 * An asset is routed to USD through its USD, USDT or USDC spot market, in that order, on the first
 * provider of the chain that lists one (active); `fetchDays` reads one window of days of such a market.
 */
import type { ExchangeClient } from '../exchange';
import type { DayCandle } from '../../../shared/market-history';
import { DAY_MS } from '../../../shared/domain/types';

export interface PriceProviderInfo {
  /** ccxt id. */
  id: string;
  name: string;
  /** Days one candle request serves. */
  pageDays: number;
  /**
   * How older days are paged: 'limit', the latest `pageDays` candles up to a day, gaps skipped (so a
   * short page means the listing was reached); 'window', a range of days (an empty range means it was);
   * 'latest', only the latest `pageDays` days exist (Kraken): one request.
   */
  paging: 'limit' | 'window' | 'latest';
  /** ccxt's cost of a candle request, in units of the client's `rateLimit` (for time estimates). */
  candleCost: number;
}

export const PRICE_PROVIDERS: readonly PriceProviderInfo[] = [
  { id: 'binance', name: 'Binance', pageDays: 1000, paging: 'limit', candleCost: 0.4 },
  { id: 'coinbaseexchange', name: 'Coinbase', pageDays: 300, paging: 'window', candleCost: 1 },
  { id: 'kraken', name: 'Kraken', pageDays: 720, paging: 'latest', candleCost: 1.2 },
  { id: 'okx', name: 'OKX', pageDays: 300, paging: 'window', candleCost: 1 },
  { id: 'bybit', name: 'Bybit', pageDays: 1000, paging: 'window', candleCost: 5 },
];

export const USD_QUOTES = ['USD', 'USDT', 'USDC'] as const;

/**
 * Loads only the spot markets where a provider would load more (Bybit: linear, inverse and three option
 * lists besides): the candles need nothing else. Binance and OKX clients are spot-only already.
 */
export function spotOnly(client: ExchangeClient, id: string): void {
  if (id === 'bybit') Object.assign(client.options, { fetchMarkets: { types: ['spot'] } });
}

export interface ProviderMarket {
  /** ccxt unified symbol, e.g. "BTC/USDT". */
  symbol: string;
  quote: string;
}

interface LooseMarket {
  symbol?: unknown;
  base?: unknown;
  quote?: unknown;
  spot?: unknown;
  active?: unknown;
}

function spotMarket(client: ExchangeClient, base: string, quote: string): ProviderMarket | null {
  for (const m of Object.values((client.markets ?? {}) as Record<string, LooseMarket>)) {
    if (m.base === base && m.quote === quote && m.spot === true && m.active !== false && typeof m.symbol === 'string') {
      return { symbol: m.symbol, quote };
    }
  }
  return null;
}

/** The market that routes `asset` to USD on a loaded client (USD, then USDT, then USDC), or null. */
export function usdMarketFor(client: ExchangeClient, asset: string): ProviderMarket | null {
  for (const q of USD_QUOTES) {
    if (q === asset) continue;
    const m = spotMarket(client, asset, q);
    if (m) return m;
  }
  return null;
}

/** The QUOTE/USD market of a loaded client (for converting a USDT or USDC series), or null. */
export function conversionMarketFor(client: ExchangeClient, quote: string): string | null {
  return quote === 'USD' ? null : (spotMarket(client, quote, 'USD')?.symbol ?? null);
}

function validRow(r: unknown): r is number[] {
  return Array.isArray(r) && r.length >= 5 && r.slice(0, 5).every((x) => typeof x === 'number' && Number.isFinite(x));
}

/** One request's candles, and how many the provider sent before they were cut to the days asked for. */
export interface DaysPage {
  rows: DayCandle[];
  served: number;
}

/**
 * The daily candles of `symbol` from `fromDay` to `toDay` (UTC day numbers, both included), in the
 * market's quote currency, volume in the quote currency too; one request. With `latestUpTo` (providers
 * paged by 'limit'), the request asks for the latest `pageDays` candles up to `toDay` instead of a range.
 */
export async function fetchDays(
  client: ExchangeClient,
  info: PriceProviderInfo,
  symbol: string,
  fromDay: number,
  toDay: number,
  latestUpTo = false,
): Promise<DaysPage> {
  const since = fromDay * DAY_MS;
  const until = (toDay + 1) * DAY_MS - 1;
  const page =
    info.paging === 'latest'
      ? await client.fetchOHLCV(symbol, '1d', since)
      : latestUpTo
        ? await client.fetchOHLCV(symbol, '1d', undefined, info.pageDays, { until })
        : await client.fetchOHLCV(symbol, '1d', since, toDay - fromDay + 1, { until });
  const byDay = new Map<number, DayCandle>();
  for (const r of page as unknown[]) {
    if (!validRow(r)) continue;
    const [t, o, h, l, c] = r as [number, number, number, number, number];
    const day = Math.floor(t / DAY_MS);
    if (day < fromDay || day > toDay || !(o > 0 && h > 0 && l > 0 && c > 0)) continue;
    const base = typeof r[5] === 'number' && Number.isFinite(r[5]) ? r[5] : 0;
    byDay.set(day, { day, o, h, l, c, v: base * c });
  }
  return { rows: [...byDay.values()].sort((a, b) => a.day - b.day), served: (page as unknown[]).length };
}
