/**
 * Point-in-time rankings by market cap, without hindsight: the universe of a decision on day d is ranked
 * by the market caps known at the close of day d - 1 (the rule the Index Lab engine follows, see
 * docs/INDEX-LAB.md "Execution model"), never by today's caps. Pure; used by tests and the docs' checks.
 */
import { DAY_MS, type PriceHistory } from '../domain/types';

/** A cap older than this many days at the close of d - 1 does not count (the asset is treated as unranked). */
export const RANK_MAX_STALE_DAYS = 3;

/**
 * The `n` largest assets by market cap for a decision on `day` (UTC midnight ms): each asset's latest
 * candle `mc` at or before the close of `day - 1`, at most `maxStaleDays` old. Ties keep symbol order.
 */
export function topByCapAt(
  history: PriceHistory,
  day: number,
  n: number,
  maxStaleDays: number = RANK_MAX_STALE_DAYS,
): string[] {
  const known = day - DAY_MS;
  const oldest = known - maxStaleDays * DAY_MS;
  const caps: { symbol: string; mc: number }[] = [];
  for (const symbol of Object.keys(history).sort()) {
    const candles = history[symbol]!;
    for (let i = candles.length - 1; i >= 0; i--) {
      const k = candles[i]!;
      if (k.t > known) continue;
      if (k.t < oldest) break;
      if (k.mc !== undefined && k.mc > 0) {
        caps.push({ symbol, mc: k.mc });
        break;
      }
    }
  }
  return caps
    .sort((a, b) => b.mc - a.mc)
    .slice(0, n)
    .map((x) => x.symbol);
}
