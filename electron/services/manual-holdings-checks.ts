/**
 * What manual holdings accept: the checks on each field the user enters (AppError 'invalid' with a
 * message saying what to fix), and the stored file read back tolerant of hand edits. Used by
 * ManualHoldings (./manual-holdings.ts).
 */
import { z } from 'zod';
import { normalizeSymbol } from '../../shared/holdings/csv';
import {
  MAX_AMOUNT,
  MAX_NOTE,
  MAX_PLATFORM,
  MAX_WALLET_LABEL,
  SYMBOL_PATTERN,
  type ManualHolding,
} from '../../shared/holdings/types';
import { AppError } from './errors';
import type { ManualHoldingsData } from './manual-holdings';

const WalletSchema = z.object({
  id: z.string().min(1),
  label: z.string().min(1).max(MAX_WALLET_LABEL),
  platform: z.string().max(MAX_PLATFORM),
  createdAt: z.number(),
});
const HoldingSchema = z.object({
  id: z.string().min(1),
  walletId: z.string().min(1),
  asset: z.string().regex(SYMBOL_PATTERN),
  amount: z.number().finite().min(0).max(MAX_AMOUNT),
  note: z.string().max(MAX_NOTE).optional(),
  costBasis: z.number().finite().min(0).optional(),
  updatedAt: z.number(),
});

/**
 * The store's data, tolerant of a file edited by hand: entries that do not fit the schema, holdings of
 * unknown wallets and repeated wallet+asset pairs are left out rather than crashing the app.
 */
export function readStoredData(raw: unknown): ManualHoldingsData {
  const obj = (raw && typeof raw === 'object' ? raw : {}) as Partial<Record<keyof ManualHoldingsData, unknown>>;
  // Entries that do not fit the schema (a hand-edited file) are ignored rather than crashing the app.
  const wallets = (Array.isArray(obj.wallets) ? obj.wallets : []).flatMap((w) => {
    const r = WalletSchema.safeParse(w);
    return r.success ? [r.data] : [];
  });
  const ids = new Set(wallets.map((w) => w.id));
  const seen = new Set<string>();
  const holdings = (Array.isArray(obj.holdings) ? obj.holdings : []).flatMap((h) => {
    const r = HoldingSchema.safeParse(h);
    if (!r.success || !ids.has(r.data.walletId)) return [];
    const key = `${r.data.walletId}\u0000${r.data.asset}`;
    if (seen.has(key)) return [];
    seen.add(key);
    const out: ManualHolding = { ...r.data };
    if (out.note === undefined) delete out.note;
    if (out.costBasis === undefined) delete out.costBasis;
    return [out];
  });
  return { wallets, holdings };
}

export function checkLabel(raw: string): string {
  const label = raw.trim();
  if (!label) throw new AppError('invalid', 'Give the wallet a name.');
  if (label.length > MAX_WALLET_LABEL) {
    throw new AppError('invalid', `Wallet names are limited to ${MAX_WALLET_LABEL} characters.`);
  }
  return label;
}

export function checkPlatform(raw: string): string {
  const p = raw.trim();
  if (p.length > MAX_PLATFORM)
    throw new AppError('invalid', `Platform names are limited to ${MAX_PLATFORM} characters.`);
  return p;
}

export function checkSymbol(raw: string): string {
  const s = normalizeSymbol(raw);
  if (!s)
    throw new AppError('invalid', `"${raw.trim().slice(0, 30)}" is not a valid symbol (letters, digits and dots).`);
  return s;
}

export function checkAmount(n: number): number {
  if (!Number.isFinite(n) || n < 0) throw new AppError('invalid', 'The amount must be a number of 0 or more.');
  if (n > MAX_AMOUNT) throw new AppError('invalid', 'The amount is too large.');
  return n === 0 ? 0 : n;
}

export function checkCost(n: number): number {
  if (!Number.isFinite(n) || n < 0) throw new AppError('invalid', 'The cost basis must be a number of 0 or more.');
  return n;
}

export function checkNote(raw: string | undefined): string | undefined {
  const note = raw?.trim();
  if (!note) return undefined;
  if (note.length > MAX_NOTE) throw new AppError('invalid', `Notes are limited to ${MAX_NOTE} characters.`);
  return note;
}
