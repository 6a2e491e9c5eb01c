/** Display formatting: money in the user's base currency, shares, amounts, dates and small wording helpers. */
import { formatDistanceStrict } from 'date-fns';

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

const FIAT = new Set(['USD', 'EUR', 'GBP', 'CHF', 'JPY', 'CAD', 'AUD']);

export function money(value: number | null | undefined, base: string, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'unpriced';
  if (FIAT.has(base)) {
    return fmt(
      `m:${base}:${digits}`,
      () => new Intl.NumberFormat('en-US', { style: 'currency', currency: base, maximumFractionDigits: digits }),
    ).format(value);
  }
  return `${fmt(`n:${digits}`, () => new Intl.NumberFormat('en-US', { maximumFractionDigits: digits })).format(value)} ${base}`;
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
