/**
 * What the manual-holdings forms accept, checked before anything is sent: an amount typed by hand (read
 * with the user's locale; an amount that reads two ways, such as "1,000" where the comma is the decimal
 * separator, is asked about), a new holding (symbol, amount, wallet, note), an edited amount and note;
 * plus the wallet a label names, the
 * panel's counts and the delete question. Main checks every request again. Pure; used by the holdings
 * panel's parts and tested in test/unit/holdings-view-input.
 */
import { normalizeSymbol, parseAmount } from '../../../../shared/holdings/csv';
import type { ManualWalletView } from '../../../../shared/holdings/types';
import { plural } from '../../lib/format';

/** How the panel runs a change: `fn` answers the message to show (or null); false when it failed. */
export type Run = (fn: () => Promise<string | null>) => Promise<boolean>;

/** A way to read an ambiguous amount: the label of its button and the unambiguous text it puts in the field. */
export interface AmountChoice {
  label: string;
  text: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string; choices?: AmountChoice[] };

/** The decimal and group separators of a locale (the user's when undefined), from Intl.NumberFormat. */
export function separatorsOf(locale?: string): { decimal: string; group: string } {
  const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
  return {
    decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
    group: parts.find((p) => p.type === 'group')?.value ?? ',',
  };
}

/** What an amount typed by hand means: one value, two possible values, or nothing readable. */
export type TypedAmount = { value: number } | { either: [thousands: number, decimal: number] } | null;

/**
 * Reads an amount typed by hand with the locale's separators. "1,5", "1 234.5" and "1.234,5" read like
 * in CSV files. One separator followed by exactly three digits ("1,000", "12.500") is a thousands
 * separator when it is the locale's group separator, and otherwise could be either: both readings are
 * returned, for the user to choose.
 */
export function readTypedAmount(text: string, locale?: string): TypedAmount {
  const s = text.trim().replace(/[\s\u00a0\u202f\u2009'’]/g, '');
  const m = /^([1-9]\d{0,2})([.,])(\d{3})$/.exec(s);
  if (m) {
    const [, int = '', sep, frac = ''] = m;
    const thousands = Number(int + frac);
    if (sep === separatorsOf(locale).group) return { value: thousands };
    return { either: [thousands, Number(`${int}.${frac}`)] };
  }
  const r = parseAmount(text, ';');
  return r.ok ? { value: r.value } : null;
}

/** An amount typed by hand that reads one way only; null when unreadable, negative or ambiguous. */
export function readAmount(text: string, locale?: string): number | null {
  const r = readTypedAmount(text, locale);
  return r && 'value' in r ? r.value : null;
}

/**
 * The problem of an amount that reads two ways, with a button for each reading. The readings are
 * written without grouping ("1000", "1"), which no locale reads two ways.
 */
function ambiguity(text: string, readings: [number, number]): { problem: string; choices: AmountChoice[] } {
  const [thousands, decimal] = readings.map((x) =>
    x.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 }),
  ) as [string, string];
  return {
    problem: `“${text.trim()}” could be ${thousands} or ${decimal}. Which one do you mean?`,
    choices: [
      { label: thousands, text: thousands },
      { label: decimal, text: decimal },
    ],
  };
}

export interface NewHolding {
  asset: string;
  amount: number;
  /** The wallet's label as typed (trimmed); it may not exist yet. */
  wallet: string;
  /** Absent when the note is blank. */
  note?: string;
}

/** The add form's fields as typed. */
export interface HoldingForm {
  asset: string;
  amount: string;
  wallet: string;
  note: string;
}

/** The add form's fields, checked in the order they are shown; the first problem is the one reported. */
export function checkNewHolding(form: HoldingForm, locale?: string): Checked<NewHolding> {
  const asset = normalizeSymbol(form.asset);
  const typed = readTypedAmount(form.amount, locale);
  const wallet = form.wallet.trim();
  if (!asset) return { ok: false, problem: 'Enter the asset symbol, e.g. BTC.' };
  if (typed && 'either' in typed) return { ok: false, ...ambiguity(form.amount, typed.either) };
  const amount = typed?.value ?? null;
  if (amount === null) return { ok: false, problem: 'Enter an amount of 0 or more, e.g. 0.5.' };
  if (!wallet) return { ok: false, problem: 'Name the wallet or platform, e.g. Ledger.' };
  const note = form.note.trim();
  return { ok: true, value: { asset, amount, wallet, ...(note ? { note } : {}) } };
}

/** An edited holding's amount and note; a blank note clears it (null). */
export function checkEdit(
  amountText: string,
  note: string,
  locale?: string,
): Checked<{ amount: number; note: string | null }> {
  const typed = readTypedAmount(amountText, locale);
  if (typed && 'either' in typed) return { ok: false, ...ambiguity(amountText, typed.either) };
  const amount = typed?.value ?? null;
  if (amount === null) return { ok: false, problem: 'Enter an amount of 0 or more.' };
  return { ok: true, value: { amount, note: note.trim() || null } };
}

/** The wallet a label names (labels compare case-insensitively), if it exists. */
export function walletNamed(wallets: readonly ManualWalletView[], label: string): ManualWalletView | undefined {
  return wallets.find((w) => w.label.toLowerCase() === label.toLowerCase());
}

/** "2 wallets, 5 holdings." under the panel title; empty before the first wallet. */
export function walletsSummary(wallets: readonly ManualWalletView[]): string {
  if (wallets.length === 0) return '';
  const holdings = wallets.reduce((n, w) => n + w.holdings.length, 0);
  return `${plural(wallets.length, 'wallet')}, ${plural(holdings, 'holding')}.`;
}

/** "Delete Ledger and its 2 holdings?" (or "Delete Ledger?" for an empty wallet). */
export function deleteWalletQuestion(w: ManualWalletView): string {
  const n = w.holdings.length;
  return `Delete ${w.label}${n > 0 ? ` and its ${plural(n, 'holding')}` : ''}?`;
}

/** Asset names by symbol, from the catalog, for the asset suggestions and the rows. */
export function assetNames(catalog: Record<string, { symbol: string; name: string }> | undefined): Map<string, string> {
  const m = new Map<string, string>();
  for (const a of Object.values(catalog ?? {})) m.set(a.symbol, a.name);
  return m;
}
