/**
 * Daily prices in the base currency, read from daily candles: what one unit of an asset was worth at
 * the close of a given UTC day. Pure; built by the main process from the price history in use and
 * read by the net-worth series (./net-worth.ts) and the P&L (shared/pnl/).
 *
 * - The base currency itself is worth 1; a USD stablecoin is worth 1 in a USD-like base when it has no
 *   candles of its own (the same peg as shared/portfolio/pricing.ts).
 * - A day without a candle takes the last close before it; before an asset's first candle its price is
 *   unknown (null), never guessed.
 * - Candles are quoted in their market's currency (USDT, EUR...): `factors[asset]` converts them
 *   (the quote's price in the base today; 1 when absent).
 */
import { DAY_MS, type PriceHistory } from '../domain/types';
import { USD_PEGGED } from '../portfolio/pricing';
import { utcDay } from './holdings';

export interface DailyPrices {
  base: string;
  /** Price of one unit of `asset` in the base at the close of the day of `t`; null when unknown. */
  at(asset: string, t: number): number | null;
  /** Assets with candles (or a fixed price). */
  known(asset: string): boolean;
}

interface Series {
  start: number;
  closes: Float64Array;
}

/** Closes from the first candle to the last, a day each, gaps filled with the previous close. */
function seriesOf(candles: readonly { t: number; c: number }[], factor: number): Series | null {
  const valid = candles.filter((c) => Number.isFinite(c.c) && c.c > 0).sort((a, b) => a.t - b.t);
  if (valid.length === 0) return null;
  const start = utcDay(valid[0]!.t);
  const days = Math.round((utcDay(valid[valid.length - 1]!.t) - start) / DAY_MS) + 1;
  const closes = new Float64Array(days).fill(Number.NaN);
  for (const c of valid) closes[Math.round((utcDay(c.t) - start) / DAY_MS)] = c.c * factor;
  for (let d = 1; d < days; d++) if (Number.isNaN(closes[d]!)) closes[d] = closes[d - 1]!;
  return { start, closes };
}

export function dailyPrices(
  history: PriceHistory,
  opts: { base: string; factors?: Readonly<Record<string, number>> },
): DailyPrices {
  const series = new Map<string, Series>();
  for (const [asset, candles] of Object.entries(history)) {
    const f = opts.factors?.[asset] ?? 1;
    const s = Number.isFinite(f) && f > 0 ? seriesOf(candles, f) : null;
    if (s) series.set(asset, s);
  }
  const usdBase = USD_PEGGED.includes(opts.base);
  const fixed = (asset: string): number | null =>
    asset === opts.base ? 1 : usdBase && USD_PEGGED.includes(asset) ? 1 : null;
  return {
    base: opts.base,
    known: (asset) => series.has(asset) || fixed(asset) !== null,
    at(asset, t) {
      const s = series.get(asset);
      if (!s) return fixed(asset);
      const d = Math.floor((utcDay(t) - s.start) / DAY_MS);
      if (d < 0) return null;
      return s.closes[Math.min(d, s.closes.length - 1)]!;
    },
  };
}

/** The value of `amount` units of `asset` on the day of `t`, or null when its price is unknown. */
export function valueAt(prices: DailyPrices, asset: string, amount: number, t: number): number | null {
  const p = prices.at(asset, t);
  return p === null ? null : p * amount;
}
