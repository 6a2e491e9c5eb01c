/**
 * Manual holdings: wallets the user keeps outside connected exchanges (cold wallets, other platforms)
 * and the amounts held there, entered by hand or imported from CSV (shared/holdings/csv.ts).
 *
 * Storage: one JsonStore ('manual-holdings') with a single key `data` holding every wallet and holding,
 * so each change, including a whole CSV import, is one write: a failed write leaves the previous state
 * intact and nothing is ever half-imported.
 *
 * Invariants: wallet labels are unique (case-insensitive); at most one holding per wallet and asset;
 * symbols match SYMBOL_PATTERN; amounts are finite, >= 0 and <= MAX_AMOUNT.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Custody, Position } from '../../shared/domain/types';
import { decodeCsvBytes, normalizeSymbol, parseHoldingsCsv } from '../../shared/holdings/csv';
import {
  DEFAULT_MANUAL_WALLET,
  MAX_AMOUNT,
  MAX_CSV_BYTES,
  MAX_NOTE,
  MAX_PLATFORM,
  MAX_WALLET_LABEL,
  SYMBOL_PATTERN,
  type CsvImportMode,
  type CsvRowAction,
  type HoldingsCsvPreview,
  type HoldingsCsvResult,
  type HoldingsImportResult,
  type ManualHolding,
  type ManualHoldingsList,
  type ManualWallet,
} from '../../shared/holdings/types';
import type { Notice } from '../../shared/ipc/channels/app';
import { AppError } from './errors';
import { storeNotice } from './notices';
import type { JsonStore, StoreFactory } from './store';

export interface ManualHoldingsData {
  wallets: ManualWallet[];
  holdings: ManualHolding[];
}

export type ManualHoldingsStore = JsonStore<{ data: ManualHoldingsData }>;

export const MANUAL_HOLDINGS_DEFAULTS: { data: ManualHoldingsData } = { data: { wallets: [], holdings: [] } };

/** Upper bounds that keep the store file small. */
export const MAX_WALLETS = 200;
export const MAX_HOLDINGS = 20_000;

export interface ManualHoldingsDeps {
  store: ManualHoldingsStore;
  now?: () => number;
  newId?: () => string;
}

export interface NewHolding {
  walletId: string;
  asset: string;
  amount: number;
  note?: string;
  costBasis?: number;
}

export interface HoldingPatch {
  amount?: number;
  /** null or "" clears the note. */
  note?: string | null;
  /** null clears the cost basis. */
  costBasis?: number | null;
}

export interface ImportOptions {
  mode?: CsvImportMode;
  /** Wallet for rows that name none (default: a wallet labelled "Manual", created when needed). */
  walletId?: string;
}

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

function byLabel(a: { label: string }, b: { label: string }) {
  return a.label.localeCompare(b.label, 'en', { sensitivity: 'base' });
}

export class ManualHoldings {
  private readonly store: ManualHoldingsStore;
  private readonly now: () => number;
  private readonly newId: () => string;
  private readonly listeners = new Set<() => void>();
  /** Validated copy of the stored data; this service is the file's only writer. */
  private cache: ManualHoldingsData | null = null;

  constructor(deps: ManualHoldingsDeps) {
    this.store = deps.store;
    this.now = deps.now ?? Date.now;
    this.newId = deps.newId ?? randomUUID;
  }

  /**
   * The app's manual holdings, from the 'manual-holdings' store in `dataDir` (createServices builds
   * it once). An unreadable file is moved aside and reported: the app starts without manual holdings.
   */
  static open(deps: {
    storeFactory: StoreFactory;
    dataDir: string;
    now: () => number;
    notice: (n: Omit<Notice, 'at'>) => void;
  }): ManualHoldings {
    const { store, recovered } = deps.storeFactory<{ data: ManualHoldingsData }>({
      name: 'manual-holdings',
      cwd: deps.dataDir,
      defaults: structuredClone(MANUAL_HOLDINGS_DEFAULTS),
    });
    if (recovered) {
      deps.notice(
        storeNotice(recovered, { subject: 'Your manual holdings file', outcome: 'started without manual holdings' }),
      );
    }
    return new ManualHoldings({ store, now: deps.now });
  }

  /** Called after every successful change (e.g. to invalidate a cached portfolio). Returns an unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Wallets (sorted by label) with their holdings (sorted by asset). */
  list(): ManualHoldingsList {
    const data = this.read();
    return {
      wallets: [...data.wallets].sort(byLabel).map((w) => ({
        ...w,
        holdings: data.holdings
          .filter((h) => h.walletId === w.id)
          .sort((a, b) => a.asset.localeCompare(b.asset))
          .map((h) => ({ ...h })),
      })),
    };
  }

  /** True when at least one holding with a positive amount exists. */
  hasHoldings(): boolean {
    return this.read().holdings.some((h) => h.amount > 0);
  }

  addWallet(input: { label: string; platform?: string }): ManualWallet {
    const data = this.read();
    if (data.wallets.length >= MAX_WALLETS) {
      throw new AppError('limit', `You can keep up to ${MAX_WALLETS} manual wallets.`);
    }
    const label = checkLabel(input.label);
    this.refuseDuplicateLabel(data, label, null);
    const wallet: ManualWallet = {
      id: this.freshId(data),
      label,
      platform: checkPlatform(input.platform ?? ''),
      createdAt: this.now(),
    };
    this.write({ ...data, wallets: [...data.wallets, wallet] });
    return { ...wallet };
  }

  renameWallet(id: string, input: { label: string; platform?: string }): ManualWallet {
    const data = this.read();
    const wallet = this.requireWallet(data, id);
    const label = checkLabel(input.label);
    this.refuseDuplicateLabel(data, label, id);
    const next: ManualWallet = {
      ...wallet,
      label,
      platform: input.platform === undefined ? wallet.platform : checkPlatform(input.platform),
    };
    this.write({ ...data, wallets: data.wallets.map((w) => (w.id === id ? next : w)) });
    return { ...next };
  }

  /** Removes a wallet and every holding in it. */
  removeWallet(id: string): { removedHoldings: number } {
    const data = this.read();
    this.requireWallet(data, id);
    const holdings = data.holdings.filter((h) => h.walletId !== id);
    this.write({ wallets: data.wallets.filter((w) => w.id !== id), holdings });
    return { removedHoldings: data.holdings.length - holdings.length };
  }

  add(input: NewHolding): ManualHolding {
    const data = this.read();
    const wallet = this.requireWallet(data, input.walletId);
    const asset = checkSymbol(input.asset);
    if (data.holdings.some((h) => h.walletId === wallet.id && h.asset === asset)) {
      throw new AppError('holding-exists', `${asset} is already in "${wallet.label}". Edit its amount instead.`);
    }
    if (data.holdings.length >= MAX_HOLDINGS) {
      throw new AppError('limit', `You can keep up to ${MAX_HOLDINGS.toLocaleString('en-US')} manual holdings.`);
    }
    const holding: ManualHolding = {
      id: this.freshId(data),
      walletId: wallet.id,
      asset,
      amount: checkAmount(input.amount),
      updatedAt: this.now(),
    };
    const note = checkNote(input.note);
    if (note) holding.note = note;
    if (input.costBasis !== undefined) holding.costBasis = checkCost(input.costBasis);
    this.write({ ...data, holdings: [...data.holdings, holding] });
    return { ...holding };
  }

  update(id: string, patch: HoldingPatch): ManualHolding {
    const data = this.read();
    const current = data.holdings.find((h) => h.id === id);
    if (!current) throw new AppError('not-found', 'This holding no longer exists.');
    const next: ManualHolding = { ...current };
    if (patch.amount !== undefined) next.amount = checkAmount(patch.amount);
    if (patch.note !== undefined) {
      const note = checkNote(patch.note ?? undefined);
      if (note) next.note = note;
      else delete next.note;
    }
    if (patch.costBasis !== undefined) {
      if (patch.costBasis === null) delete next.costBasis;
      else next.costBasis = checkCost(patch.costBasis);
    }
    if (sameHolding(current, next)) return { ...current };
    next.updatedAt = this.now();
    this.write({ ...data, holdings: data.holdings.map((h) => (h.id === id ? next : h)) });
    return { ...next };
  }

  remove(id: string): { removed: boolean } {
    const data = this.read();
    const holdings = data.holdings.filter((h) => h.id !== id);
    if (holdings.length === data.holdings.length) return { removed: false };
    this.write({ ...data, holdings });
    return { removed: true };
  }

  /** Parses a CSV and tells what importing it would change; saves nothing. */
  previewCsv(input: string | Uint8Array | ArrayBuffer, opts: ImportOptions = {}): HoldingsCsvPreview {
    const data = this.read();
    const parsed = this.parse(data, input, opts.walletId);
    const plan = this.plan(data, parsed, opts.mode ?? 'merge', opts.walletId);
    return {
      ...parsed,
      actions: plan.actions,
      newWallets: plan.newWallets,
      removals: plan.removals.map((h) => ({
        wallet: data.wallets.find((w) => w.id === h.walletId)?.label ?? '',
        asset: h.asset,
      })),
    };
  }

  /**
   * Imports the valid rows of a CSV in one store write; invalid and duplicate rows are reported.
   * - 'merge': rows add new holdings or update the amount (and note/cost basis when the file has them)
   *   of the same wallet+asset, so importing the same file twice changes nothing the second time.
   * - 'replace-wallet': each wallet the file names ends up holding exactly the file's rows for it;
   *   its other holdings are removed. Wallets the file does not name are untouched.
   * Wallets named in the file that do not exist are created. A file-level problem (too large, no
   * header, missing columns) throws `csv-invalid` and changes nothing.
   */
  importCsv(input: string | Uint8Array | ArrayBuffer, opts: ImportOptions = {}): HoldingsImportResult {
    const data = this.read();
    const mode = opts.mode ?? 'merge';
    const parsed = this.parse(data, input, opts.walletId);
    const plan = this.plan(data, parsed, mode, opts.walletId);
    if (plan.next.wallets.length > MAX_WALLETS) {
      throw new AppError('limit', `The import would create more than ${MAX_WALLETS} manual wallets.`);
    }
    if (plan.next.holdings.length > MAX_HOLDINGS) {
      throw new AppError(
        'limit',
        `The import would bring manual holdings above ${MAX_HOLDINGS.toLocaleString('en-US')}.`,
      );
    }
    const count = (a: CsvRowAction) => plan.actions.filter((x) => x === a).length;
    const changed = plan.actions.some((a) => a !== 'unchanged') || plan.removals.length > 0 || plan.newWallets.length;
    if (changed) this.write(plan.next);
    return {
      imported: parsed.rows.length,
      added: count('add'),
      updated: count('update'),
      unchanged: count('unchanged'),
      removed: plan.removals.length,
      walletsCreated: plan.newWallets,
      errors: parsed.errors,
      duplicates: parsed.duplicates,
    };
  }

  /** Raw positions of every manual holding with a positive amount (custodyId = wallet id). */
  positions(): Position[] {
    const data = this.read();
    const wallets = new Set(data.wallets.map((w) => w.id));
    return data.holdings
      .filter((h) => h.amount > 0 && wallets.has(h.walletId))
      .map((h) => ({ custodyId: h.walletId, asset: h.asset, amount: h.amount }));
  }

  /** Every manual wallet as a custody of kind 'manual' (platform defaults to "Manual"). */
  custodies(): Custody[] {
    return [...this.read().wallets].sort(byLabel).map((w) => ({
      id: w.id,
      label: w.label,
      kind: 'manual' as const,
      platform: w.platform || DEFAULT_MANUAL_WALLET,
    }));
  }

  // --- internals -------------------------------------------------------------------------------

  private parse(data: ManualHoldingsData, input: string | Uint8Array | ArrayBuffer, walletId?: string) {
    let text: string;
    if (typeof input === 'string') {
      text = input;
    } else {
      if (input.byteLength > MAX_CSV_BYTES) throw new AppError('csv-invalid', 'The file is too large (limit 2 MB).');
      text = decodeCsvBytes(input).text;
    }
    const target = walletId === undefined ? undefined : this.requireWallet(data, walletId);
    const parsed = parseHoldingsCsv(text, target ? { defaultWallet: target.label } : {});
    if (parsed.fatal) throw new AppError('csv-invalid', parsed.fatal);
    return parsed;
  }

  private plan(data: ManualHoldingsData, parsed: HoldingsCsvResult, mode: CsvImportMode, walletId?: string) {
    const now = this.now();
    const wallets = [...data.wallets];
    const byLabelKey = new Map(wallets.map((w) => [w.label.toLowerCase(), w]));
    const target = walletId === undefined ? undefined : wallets.find((w) => w.id === walletId);
    const newWallets: string[] = [];
    const usedIds = new Set([...data.wallets.map((w) => w.id), ...data.holdings.map((h) => h.id)]);
    const freshId = () => {
      for (let i = 0; i < 5; i++) {
        const id = this.newId();
        if (!usedIds.has(id)) {
          usedIds.add(id);
          return id;
        }
      }
      throw new AppError('internal', 'Could not create a new id.');
    };
    const walletFor = (label: string): ManualWallet => {
      const key = label.toLowerCase();
      if (target && key === target.label.toLowerCase()) return target;
      let w = byLabelKey.get(key);
      if (!w) {
        w = { id: freshId(), label, platform: '', createdAt: now };
        wallets.push(w);
        byLabelKey.set(key, w);
        newWallets.push(label);
      }
      return w;
    };

    const holdings = new Map(data.holdings.map((h) => [h.id, h]));
    const index = new Map(data.holdings.map((h) => [`${h.walletId}\u0000${h.asset}`, h.id]));
    const actions: CsvRowAction[] = [];
    const touchedWallets = new Set<string>();
    const keep = new Set<string>();
    for (const row of parsed.rows) {
      const w = walletFor(row.wallet);
      touchedWallets.add(w.id);
      const existingId = index.get(`${w.id}\u0000${row.asset}`);
      const existing = existingId === undefined ? undefined : holdings.get(existingId);
      if (existing) {
        const next: ManualHolding = { ...existing, amount: row.amount };
        if (row.note !== undefined) next.note = row.note;
        if (row.costBasis !== undefined) next.costBasis = row.costBasis;
        if (sameHolding(existing, next)) {
          actions.push('unchanged');
        } else {
          holdings.set(existing.id, { ...next, updatedAt: now });
          actions.push('update');
        }
        keep.add(existing.id);
      } else {
        const h: ManualHolding = {
          id: freshId(),
          walletId: w.id,
          asset: row.asset,
          amount: row.amount,
          updatedAt: now,
        };
        if (row.note !== undefined) h.note = row.note;
        if (row.costBasis !== undefined) h.costBasis = row.costBasis;
        holdings.set(h.id, h);
        index.set(`${w.id}\u0000${h.asset}`, h.id);
        keep.add(h.id);
        actions.push('add');
      }
    }
    const removals: ManualHolding[] = [];
    if (mode === 'replace-wallet') {
      for (const h of data.holdings) {
        if (touchedWallets.has(h.walletId) && !keep.has(h.id)) {
          holdings.delete(h.id);
          removals.push(h);
        }
      }
    }
    return { next: { wallets, holdings: [...holdings.values()] }, actions, newWallets, removals };
  }

  private read(): ManualHoldingsData {
    this.cache ??= this.load();
    return this.cache;
  }

  private load(): ManualHoldingsData {
    const raw: unknown = this.store.get('data');
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

  private write(data: ManualHoldingsData): void {
    try {
      this.store.set('data', data);
    } catch {
      // The store writes atomically: a failed write leaves the previous file in place.
      throw new AppError('save-failed', 'Ballast could not save your manual holdings; nothing was changed.');
    }
    this.cache = data;
    for (const l of this.listeners) {
      try {
        l();
      } catch {
        // A listener's failure must not undo or fail a saved change.
      }
    }
  }

  private freshId(data: ManualHoldingsData): string {
    for (let i = 0; i < 5; i++) {
      const id = this.newId();
      if (!data.wallets.some((w) => w.id === id) && !data.holdings.some((h) => h.id === id)) return id;
    }
    throw new AppError('internal', 'Could not create a new id.');
  }

  private requireWallet(data: ManualHoldingsData, id: string): ManualWallet {
    const w = data.wallets.find((x) => x.id === id);
    if (!w) throw new AppError('not-found', 'This wallet no longer exists.');
    return w;
  }

  private refuseDuplicateLabel(data: ManualHoldingsData, label: string, exceptId: string | null) {
    const key = label.toLowerCase();
    if (data.wallets.some((w) => w.id !== exceptId && w.label.toLowerCase() === key)) {
      throw new AppError('wallet-exists', `A manual wallet named "${label}" already exists.`);
    }
  }
}

function sameHolding(a: ManualHolding, b: ManualHolding): boolean {
  return a.amount === b.amount && (a.note ?? '') === (b.note ?? '') && a.costBasis === b.costBasis;
}

function checkLabel(raw: string): string {
  const label = raw.trim();
  if (!label) throw new AppError('invalid', 'Give the wallet a name.');
  if (label.length > MAX_WALLET_LABEL) {
    throw new AppError('invalid', `Wallet names are limited to ${MAX_WALLET_LABEL} characters.`);
  }
  return label;
}

function checkPlatform(raw: string): string {
  const p = raw.trim();
  if (p.length > MAX_PLATFORM)
    throw new AppError('invalid', `Platform names are limited to ${MAX_PLATFORM} characters.`);
  return p;
}

function checkSymbol(raw: string): string {
  const s = normalizeSymbol(raw);
  if (!s)
    throw new AppError('invalid', `"${raw.trim().slice(0, 30)}" is not a valid symbol (letters, digits and dots).`);
  return s;
}

function checkAmount(n: number): number {
  if (!Number.isFinite(n) || n < 0) throw new AppError('invalid', 'The amount must be a number of 0 or more.');
  if (n > MAX_AMOUNT) throw new AppError('invalid', 'The amount is too large.');
  return n === 0 ? 0 : n;
}

function checkCost(n: number): number {
  if (!Number.isFinite(n) || n < 0) throw new AppError('invalid', 'The cost basis must be a number of 0 or more.');
  return n;
}

function checkNote(raw: string | undefined): string | undefined {
  const note = raw?.trim();
  if (!note) return undefined;
  if (note.length > MAX_NOTE) throw new AppError('invalid', `Notes are limited to ${MAX_NOTE} characters.`);
  return note;
}
