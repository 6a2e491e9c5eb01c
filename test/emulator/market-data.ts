/**
 * Deterministic market data for the emulator: markets, tickers and daily candles.
 * Candles are a seeded random walk that ends exactly at the configured price, so the same
 * configuration always yields the same series.
 */
import type { AccountSpec, DailyCandle, MarketSpec } from './types';
import { fnv1a32, mulberry32 as prng } from '../../shared/random';

export const DAY_MS = 86_400_000;

export function utcMidnight(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Price decimals suited to the magnitude of a price. */
export function priceDecimals(price: number): number {
  if (price >= 1000) return 2;
  if (price >= 1) return 4;
  return 8;
}

/** `days` daily candles ending with the candle opening at `lastDay`, last close = market.price. */
export function generateCandles(market: MarketSpec, days: number, lastDay: number, seed: number): DailyCandle[] {
  const rand = prng(fnv1a32(`${market.base}/${market.quote}`) ^ seed);
  const digits = priceDecimals(market.price);
  const closes = new Array<number>(days);
  closes[days - 1] = market.price;
  for (let i = days - 1; i > 0; i--) {
    const r = (rand() - 0.5) * 0.08;
    closes[i - 1] = closes[i]! / Math.exp(r);
  }
  const baseVolume = market.volume ?? 1000;
  const out: DailyCandle[] = [];
  for (let i = 0; i < days; i++) {
    const c = closes[i]!;
    const o = i === 0 ? c * Math.exp((rand() - 0.5) * 0.02) : closes[i - 1]!;
    const h = Math.max(o, c) * (1 + rand() * 0.02);
    const l = Math.min(o, c) * (1 - rand() * 0.02);
    out.push({
      t: lastDay - (days - 1 - i) * DAY_MS,
      o: round(o, digits),
      h: round(h, digits),
      l: round(l, digits),
      c: round(c, digits),
      v: round(baseVolume * (0.5 + rand()), 4),
    });
  }
  return out;
}

/** Everything an exchange handler needs about its markets and accounts. */
export class ExchangeData {
  readonly markets: MarketSpec[];
  readonly accountsByKey = new Map<string, AccountSpec>();
  private readonly candleCache = new Map<string, DailyCandle[]>();

  constructor(
    markets: MarketSpec[],
    accounts: AccountSpec[],
    private readonly candleDays: number,
    private readonly seed: number,
    /** UTC midnight of the most recent (in-progress) candle. */
    readonly lastDay: number,
  ) {
    this.markets = markets;
    for (const a of accounts) this.accountsByKey.set(a.apiKey, a);
  }

  candles(market: MarketSpec): DailyCandle[] {
    const key = `${market.base}/${market.quote}`;
    let c = this.candleCache.get(key);
    if (!c) {
      c = generateCandles(market, this.candleDays, this.lastDay, this.seed);
      this.candleCache.set(key, c);
    }
    return c;
  }

  find(base: string, quote: string): MarketSpec | undefined {
    return this.markets.find((m) => m.base === base && m.quote === quote);
  }

  /** 24-hour statistics derived from the last two candles. */
  stats(market: MarketSpec): {
    last: number;
    open: number;
    high: number;
    low: number;
    volume: number;
    bid: number;
    ask: number;
  } {
    const candles = this.candles(market);
    const last = candles[candles.length - 1]!;
    const digits = priceDecimals(market.price);
    return {
      last: market.price,
      open: last.o,
      high: last.h,
      low: last.l,
      volume: last.v,
      bid: round(market.price * 0.9999, digits),
      ask: round(market.price * 1.0001, digits),
    };
  }
}

export function fmt(x: number, digits = 8): string {
  return x.toFixed(digits);
}
