/**
 * CSV import of manual holdings: reading a file's rows (shared/holdings/csv.ts) and planning what
 * importing them changes, without saving anything. ManualHoldings (./manual-holdings.ts) previews the
 * plan or saves it in one write.
 */
import { decodeCsvBytes, parseHoldingsCsv } from '../../shared/holdings/csv';
import {
  MAX_CSV_BYTES,
  type CsvImportMode,
  type CsvRowAction,
  type HoldingsCsvPreview,
  type HoldingsCsvResult,
  type HoldingsImportResult,
  type ManualHolding,
  type ManualWallet,
} from '../../shared/holdings/types';
import { AppError } from './errors';
import type { ManualHoldingsData } from './manual-holdings';

/** A CSV file as text or as the bytes read from disk. */
export type CsvInput = string | Uint8Array | ArrayBuffer;

export interface ImportPlan {
  /** Wallets and holdings after the import. */
  next: ManualHoldingsData;
  /** What happens to each valid row, in file order. */
  actions: CsvRowAction[];
  /** Labels of the wallets the import creates. */
  newWallets: string[];
  /** Holdings a 'replace-wallet' import removes. */
  removals: ManualHolding[];
}

/** New ids that no wallet or holding of `data` (nor an earlier id from this source) has. */
export function idSource(data: ManualHoldingsData, newId: () => string): () => string {
  const used = new Set([...data.wallets.map((w) => w.id), ...data.holdings.map((h) => h.id)]);
  return () => {
    for (let i = 0; i < 5; i++) {
      const id = newId();
      if (!used.has(id)) {
        used.add(id);
        return id;
      }
    }
    throw new AppError('internal', 'Could not create a new id.');
  };
}

/** Whether two holdings hold the same amount, note and cost basis. */
export function sameHolding(a: ManualHolding, b: ManualHolding): boolean {
  return a.amount === b.amount && (a.note ?? '') === (b.note ?? '') && a.costBasis === b.costBasis;
}

/**
 * The rows of a CSV file (text, or bytes in any encoding decodeCsvBytes reads); rows that name no
 * wallet go to `target` when given. A file-level problem (too large, no header, missing columns)
 * throws `csv-invalid`.
 */
export function parseCsvInput(input: CsvInput, target?: ManualWallet): HoldingsCsvResult {
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    if (input.byteLength > MAX_CSV_BYTES) throw new AppError('csv-invalid', 'The file is too large (limit 2 MB).');
    text = decodeCsvBytes(input).text;
  }
  const parsed = parseHoldingsCsv(text, target ? { defaultWallet: target.label } : {});
  if (parsed.fatal) throw new AppError('csv-invalid', parsed.fatal);
  return parsed;
}

/**
 * What importing `parsed` into `data` changes (see ManualHoldings.importCsv for the modes): the data
 * after the import, what happens to each row, the wallets created and the holdings removed.
 */
export function planImport(
  data: ManualHoldingsData,
  parsed: HoldingsCsvResult,
  opts: { mode: CsvImportMode; walletId?: string | undefined; now: number; newId: () => string },
): ImportPlan {
  const { mode, walletId, now } = opts;
  const wallets = [...data.wallets];
  const byLabelKey = new Map(wallets.map((w) => [w.label.toLowerCase(), w]));
  const target = walletId === undefined ? undefined : wallets.find((w) => w.id === walletId);
  const newWallets: string[] = [];
  const freshId = idSource(data, opts.newId);
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

/** What the preview shows: the parsed rows with what importing them would do. */
export function previewOf(data: ManualHoldingsData, parsed: HoldingsCsvResult, plan: ImportPlan): HoldingsCsvPreview {
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

/** Whether saving the plan changes anything. */
export function planChanges(plan: ImportPlan): boolean {
  return plan.actions.some((a) => a !== 'unchanged') || plan.removals.length > 0 || plan.newWallets.length > 0;
}

/** What an import did, row by row in counts, with the rows it could not import. */
export function importResultOf(parsed: HoldingsCsvResult, plan: ImportPlan): HoldingsImportResult {
  const count = (a: CsvRowAction) => plan.actions.filter((x) => x === a).length;
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
