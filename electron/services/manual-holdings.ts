/**
 * Manual holdings: wallets the user keeps outside connected exchanges (cold wallets, other platforms)
 * and the amounts held there, entered by hand or imported from CSV (manual-holdings-csv.ts, over
 * shared/holdings/csv.ts). Field checks and reading the stored file back: manual-holdings-checks.ts.
 * Built once by createServices (ctx.holdings).
 *
 * Storage: one JsonStore ('manual-holdings') with a single key `data` holding every wallet and holding,
 * so each change, including a whole CSV import, is one write: a failed write leaves the previous state
 * intact and nothing is ever half-imported.
 *
 * Invariants: wallet labels are unique (case-insensitive); at most one holding per wallet and asset;
 * symbols match SYMBOL_PATTERN; amounts are finite, >= 0 and <= MAX_AMOUNT.
 */
import type { Custody, Position } from '../../shared/domain/types';
import {
  DEFAULT_MANUAL_WALLET,
  type CsvImportMode,
  type HoldingsCsvPreview,
  type HoldingsCsvResult,
  type HoldingsImportResult,
  type ManualHolding,
  type ManualHoldingsList,
  type ManualWallet,
} from '../../shared/holdings/types';
import type { Notice } from '../../shared/ipc/channels/app';
import { clockOf, type ClockDeps } from './clock';
import { AppError } from './errors';
import {
  checkAmount,
  checkCost,
  checkLabel,
  checkNote,
  checkPlatform,
  checkSymbol,
  readStoredData,
} from './manual-holdings-checks';
import {
  idSource,
  importResultOf,
  parseCsvInput,
  planChanges,
  planImport,
  previewOf,
  sameHolding,
  type CsvInput,
} from './manual-holdings-csv';
import { storeNotice } from './notices';
import type { JsonStore, StoreFactory } from './store';

export interface ManualHoldingsData {
  wallets: ManualWallet[];
  holdings: ManualHolding[];
}

/** The store of manual holdings: one key, so every change is one write of the whole file. */
export type ManualHoldingsStore = Pick<JsonStore<{ data: ManualHoldingsData }>, 'get' | 'path'> & {
  set(key: 'data', value: ManualHoldingsData): void;
};

export const MANUAL_HOLDINGS_DEFAULTS: { data: ManualHoldingsData } = { data: { wallets: [], holdings: [] } };

/** Upper bounds that keep the store file small. */
export const MAX_WALLETS = 200;
export const MAX_HOLDINGS = 20_000;

export interface ManualHoldingsDeps extends ClockDeps {
  store: ManualHoldingsStore;
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
    ({ now: this.now, newId: this.newId } = clockOf(deps));
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
      id: idSource(data, this.newId)(),
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
      id: idSource(data, this.newId)(),
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
  previewCsv(input: CsvInput, opts: ImportOptions = {}): HoldingsCsvPreview {
    const data = this.read();
    const parsed = this.parse(data, input, opts.walletId);
    return previewOf(data, parsed, this.plan(data, parsed, opts.mode ?? 'merge', opts.walletId));
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
  importCsv(input: CsvInput, opts: ImportOptions = {}): HoldingsImportResult {
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
    if (planChanges(plan)) this.write(plan.next);
    return importResultOf(parsed, plan);
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

  private parse(data: ManualHoldingsData, input: CsvInput, walletId?: string): HoldingsCsvResult {
    return parseCsvInput(input, walletId === undefined ? undefined : this.requireWallet(data, walletId));
  }

  private plan(data: ManualHoldingsData, parsed: HoldingsCsvResult, mode: CsvImportMode, walletId?: string) {
    return planImport(data, parsed, { mode, walletId, now: this.now(), newId: this.newId });
  }

  private read(): ManualHoldingsData {
    this.cache ??= readStoredData(this.store.get('data'));
    return this.cache;
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
