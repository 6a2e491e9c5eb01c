/**
 * Merging two price histories day by day: the primary's candle wins on a day both have; the secondary
 * fills the days (and the assets) the primary lacks. Used to lay the market history (USD, with market
 * caps) over the held assets' exchange candles. Assets present in only one input keep their arrays as
 * they are (no copy).
 */
import { DAY_MS, type Candle, type PriceHistory } from '../domain/types';

export function mergeHistories(primary: PriceHistory, secondary: PriceHistory): PriceHistory {
  const out: PriceHistory = { ...secondary, ...primary };
  for (const [symbol, extra] of Object.entries(secondary)) {
    const main = primary[symbol];
    if (!main || main.length === 0 || extra.length === 0) continue;
    const days = new Set(main.map((k) => Math.floor(k.t / DAY_MS)));
    const fill = extra.filter((k) => !days.has(Math.floor(k.t / DAY_MS)));
    if (fill.length === 0) continue;
    out[symbol] = [...main, ...fill].sort((a: Candle, b: Candle) => a.t - b.t);
  }
  return out;
}
