/**
 * What the manual-holdings forms accept, checked before anything is sent: an amount typed by hand, a new
 * holding (symbol, amount, wallet, note), an edited amount and note; plus the wallet a label names, the
 * panel's counts and the delete question. Main checks every request again. Pure; used by the holdings
 * panel's parts and tested in test/unit/holdings-view-input.
 */
import { normalizeSymbol, parseAmount } from '../../../../shared/holdings/csv';
import type { ManualWalletView } from '../../../../shared/holdings/types';
import { plural } from '../../lib/format';

/** How the panel runs a change: `fn` answers the message to show (or null); false when it failed. */
export type Run = (fn: () => Promise<string | null>) => Promise<boolean>;

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string };

/** Amounts typed by hand: "1,5" and "1 234.5" are accepted like in CSV files; null when unreadable or negative. */
export function readAmount(text: string): number | null {
  const r = parseAmount(text, ';');
  return r.ok ? r.value : null;
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
export function checkNewHolding(form: HoldingForm): Checked<NewHolding> {
  const asset = normalizeSymbol(form.asset);
  const amount = readAmount(form.amount);
  const wallet = form.wallet.trim();
  if (!asset) return { ok: false, problem: 'Enter the asset symbol, e.g. BTC.' };
  if (amount === null) return { ok: false, problem: 'Enter an amount of 0 or more, e.g. 0.5.' };
  if (!wallet) return { ok: false, problem: 'Name the wallet or platform, e.g. Ledger.' };
  const note = form.note.trim();
  return { ok: true, value: { asset, amount, wallet, ...(note ? { note } : {}) } };
}

/** An edited holding's amount and note; a blank note clears it (null). */
export function checkEdit(amountText: string, note: string): Checked<{ amount: number; note: string | null }> {
  const amount = readAmount(amountText);
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
