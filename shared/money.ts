/**
 * How precise an amount of money is in each base currency, and rounding of what Ballast writes out.
 *
 * Precision is set in "US-dollar decimals" and shifted by how much a unit of the currency is worth: a
 * sum shown to the cent in USD is shown to the yen in JPY (0 decimals) and to the satoshi in BTC (8).
 * Pure; used by the renderer's formatting (renderer/src/lib/format.ts) and by the plan CSV export.
 */

/** Decimals to add to a US-dollar precision for each base currency (unlisted: 0). */
const DECIMAL_SHIFT: Readonly<Record<string, number>> = { JPY: -2, BTC: 6, ETH: 5 };

/**
 * Decimals for an amount in `base`, given the decimals it would have in US dollars (2 = cents,
 * 0 = whole dollars). Never negative.
 */
export function currencyDecimals(base: string, usdDecimals = 2): number {
  return Math.max(0, usdDecimals + (DECIMAL_SHIFT[base.toUpperCase()] ?? 0));
}

/**
 * `x` with at most `digits` significant digits: binary noise goes (3.6000000000000005 -> 3.6) and
 * small prices keep their digits (0.00001234).
 */
export function roundSignificant(x: number, digits = 8): number {
  if (!Number.isFinite(x) || x === 0) return x;
  return Number(x.toPrecision(digits));
}

/** Fiat currencies Ballast knows as base currencies and as cash balances (USD on an exchange is cash). */
export const FIAT_CURRENCIES: ReadonlySet<string> = new Set(['USD', 'EUR', 'GBP', 'CHF', 'JPY', 'CAD', 'AUD']);
