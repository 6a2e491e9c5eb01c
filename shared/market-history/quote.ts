/**
 * Turning a USDT- or USDC-quoted daily series into USD: each day's prices are multiplied by that day's
 * close of the provider's USDT/USD (USDC/USD) market when it has one, and taken at par (1:1) otherwise.
 * The result says which was done, so the store can record it. Pure.
 */
import type { DayCandle } from './series';

/** How a series reached USD: quoted in USD already, converted with the provider's own close, or at par. */
export type QuoteConversion = 'none' | 'provider-close' | 'par';

export interface UsdSeries {
  rows: DayCandle[];
  /** 'provider-close' when the provider has a conversion market (days without its close: `parDays`), else 'par'. */
  conversion: QuoteConversion;
  /** Days taken at par because the conversion market had no close that day. */
  parDays: number;
}

/**
 * `rows` in USD. `quote` is the market's quote currency; `usdClose(day)` gives the close of QUOTE/USD on
 * that day, or undefined (no such market, or no candle that day). Volumes are converted like prices.
 */
export function toUsd(
  rows: readonly DayCandle[],
  quote: string,
  usdClose: ((day: number) => number | undefined) | null,
): UsdSeries {
  if (quote === 'USD') return { rows: [...rows], conversion: 'none', parDays: 0 };
  let parDays = 0;
  const out = rows.map((r) => {
    const f = usdClose?.(r.day);
    if (f === undefined || !(f > 0)) {
      parDays += 1;
      return { ...r };
    }
    return { day: r.day, o: r.o * f, h: r.h * f, l: r.l * f, c: r.c * f, v: r.v * f };
  });
  return { rows: out, conversion: usdClose === null ? 'par' : 'provider-close', parDays };
}
