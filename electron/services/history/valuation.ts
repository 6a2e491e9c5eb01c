/**
 * Prices for imported history, in the base currency: the daily candles of the markets chosen for the
 * history's assets on each account's exchange (kept in the price cache by the sync's price history,
 * fetched back to the first entry after an import), filled in with the price history the app uses
 * (`ctx.priceHistory()`). Candles are quoted in their market's currency, converted with that
 * currency's price in the base today (exact for a USD base and USD stablecoins; an approximation for
 * other bases, said in docs/HISTORY-AND-PNL.md). Used by the history service (./index.ts).
 */
import type { PriceHistory } from '../../../shared/domain/types';
import { dailyPrices, type DailyPrices } from '../../../shared/history/prices';
import {
  mergeTickers,
  priceAssets,
  USD_PEGGED,
  type HistoryMarket,
  type TickerMap,
} from '../../../shared/portfolio/pricing';

export interface PriceInputs {
  base: string;
  /** Last tickers of every exchange. */
  tickers: readonly TickerMap[];
  /** Markets whose candles price the history's assets. */
  markets: readonly HistoryMarket[];
  /** Candles of `markets`, keyed by asset. */
  candles: PriceHistory;
  /** The app's price history (held assets, and more once a market history is stored); null for the sample. */
  general: PriceHistory | null;
}

/** Today's price of every asset that has one (through the tickers, as the portfolio prices them). */
export function currentPrices(
  base: string,
  tickers: readonly TickerMap[],
  assets: Iterable<string>,
): Record<string, number> {
  return priceAssets([...assets], mergeTickers(tickers), base).prices;
}

export function historyPrices(inputs: PriceInputs): DailyPrices {
  const { base } = inputs;
  const quotes = new Set(inputs.markets.map((m) => m.symbol.split('/')[1] ?? ''));
  const assets = new Set([...Object.keys(inputs.general ?? {}), ...quotes]);
  const now = currentPrices(base, inputs.tickers, assets);
  const usdBase = USD_PEGGED.includes(base);
  const priceOf = (c: string): number | null =>
    c === base ? 1 : (now[c] ?? (usdBase && USD_PEGGED.includes(c) ? 1 : null));

  const history: PriceHistory = {};
  const factors: Record<string, number> = {};
  // the app's history: rescaled so the last close is today's price (its quote is not known here)
  for (const [asset, candles] of Object.entries(inputs.general ?? {})) {
    const last = candles.at(-1)?.c;
    const p = priceOf(asset);
    if (!last || last <= 0) continue;
    history[asset] = candles;
    factors[asset] = p === null ? 1 : p / last;
  }
  // the history's own markets win: their quote is known
  for (const m of inputs.markets) {
    const candles = inputs.candles[m.asset];
    const q = priceOf(m.symbol.split('/')[1] ?? '');
    if (!candles || candles.length === 0 || q === null) continue;
    history[m.asset] = candles;
    factors[m.asset] = q;
  }
  return dailyPrices(history, { base, factors });
}
