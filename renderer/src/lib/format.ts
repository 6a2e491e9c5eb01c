/**
 * Display formatting: money and prices in the user's base currency (at the currency's own precision),
 * shares, amounts, dates and small wording helpers.
 */
import { formatDistanceStrict } from 'date-fns/formatDistanceStrict';
import { currencyDecimals, FIAT_CURRENCIES } from '../../../shared/money';

export { plural } from '../../../shared/text';

/** "3 days ago", "in 2 hours", or "never" when there is no time. */
export function ago(ms: number | null, now: number): string {
  if (ms === null) return 'never';
  return formatDistanceStrict(ms, now, { addSuffix: true });
}

const cache = new Map<string, Intl.NumberFormat>();

function fmt(key: string, make: () => Intl.NumberFormat): Intl.NumberFormat {
  let f = cache.get(key);
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f;
}

const FIAT = FIAT_CURRENCIES;

/** Formats in `base` with the options' digits: currency style for fiat, "1.5 BTC" otherwise. */
function inBase(value: number, base: string, digits: Intl.NumberFormatOptions, key: string): string {
  if (FIAT.has(base)) {
    return fmt(
      `m:${base}:${key}`,
      () => new Intl.NumberFormat('en-US', { style: 'currency', currency: base, ...digits }),
    ).format(value);
  }
  return `${fmt(`n:${key}`, () => new Intl.NumberFormat('en-US', digits)).format(value)} ${base}`;
}

/**
 * Money in the base currency. `usdDigits` is the precision as it would be in US dollars (2 = cents,
 * 0 = round figures), shifted for the currency: whole yen in JPY, satoshis in BTC (shared/money.ts).
 */
export function money(value: number | null | undefined, base: string, usdDigits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'unpriced';
  const d = currencyDecimals(base, usdDigits);
  return inBase(value, base, { maximumFractionDigits: d }, `f${d}`);
}

/**
 * A unit price: like money at one unit and above; below it, four significant digits, so a coin worth
 * a fraction of a cent reads "$0.00001234", never "$0.00".
 */
export function price(value: number | null | undefined, base: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'unpriced';
  if (value === 0 || Math.abs(value) >= 1) return money(value, base);
  // four significant digits ($0.00001234), never fewer than two in a fiat currency ($0.50)
  const min = FIAT.has(base) ? 2 : 1;
  return inBase(value, base, { minimumSignificantDigits: min, maximumSignificantDigits: 4 }, `s4:${min}`);
}

export function pct(share: number | null | undefined, digits = 1): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '–';
  return `${(share * 100).toFixed(digits)}%`;
}

export function amount(value: number): string {
  const digits = Math.abs(value) >= 1000 ? 2 : Math.abs(value) >= 1 ? 4 : 8;
  return fmt(`a:${digits}`, () => new Intl.NumberFormat('en-US', { maximumFractionDigits: digits })).format(value);
}

export function dateTime(ms: number | null | undefined): string {
  if (!ms) return 'never';
  return new Date(ms).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

export function date(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
