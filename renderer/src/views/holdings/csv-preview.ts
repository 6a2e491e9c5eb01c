/**
 * The CSV import preview as the panel shows it: the counts in its summary line, each row with what
 * importing it would do, the wallets rows without one may go to, and the message after the import.
 * Pure; used by CsvImport and tested in test/unit/holdings-view-csv.
 */
import { previewRows, type CsvPreviewRow } from '../../../../shared/holdings/csv';
import {
  MAX_CSV_BYTES,
  type CsvImportMode,
  type CsvRowAction,
  type HoldingsCsvPreview,
  type HoldingsImportResult,
  type ManualWalletView,
} from '../../../../shared/holdings/types';
import { plural } from '../../lib/format';

/** Rows drawn in the preview table; the rest are counted below it. */
export const PREVIEW_LIMIT = 300;

export const ACTION_LABEL: Record<CsvRowAction, string> = { add: 'new', update: 'update', unchanged: 'unchanged' };
export const ACTION_TAG: Record<CsvRowAction, string> = { add: 'ok', update: 'info', unchanged: '' };

export interface PreviewCounts {
  total: number;
  valid: number;
  add: number;
  update: number;
  unchanged: number;
  errors: number;
  duplicates: number;
}

export function previewCounts(p: HoldingsCsvPreview): PreviewCounts {
  const count = (a: CsvRowAction) => p.actions.filter((x) => x === a).length;
  return {
    total: p.totalRows,
    valid: p.rows.length,
    add: count('add'),
    update: count('update'),
    unchanged: count('unchanged'),
    errors: p.errors.length,
    duplicates: p.duplicates.length,
  };
}

/** " Removes ADA from Ledger, DOT from Ledger." for a replacing import; empty when nothing goes. */
export function removalsText(p: HoldingsCsvPreview): string {
  return p.removals.length ? ` Removes ${p.removals.map((r) => `${r.asset} from ${r.wallet}`).join(', ')}.` : '';
}

/** Every row in file order; a valid row carries what importing it would do. */
export type PreviewTableRow = CsvPreviewRow & { action: CsvRowAction };

export function previewTableRows(p: HoldingsCsvPreview): PreviewTableRow[] {
  const actionOf = new Map(p.rows.map((r, i) => [r.line, p.actions[i] ?? 'add']));
  return previewRows(p).map((r) => ({ ...r, action: actionOf.get(r.line) ?? 'add' }));
}

/** How a file is imported: merged or replacing, and the wallet ('' = the default one) for rows naming none. */
export interface ImportChoice {
  mode: CsvImportMode;
  walletId: string;
}

/** The `holdings:previewCsv` / `holdings:importCsv` request for a file's text and the choice made. */
export function importRequest(text: string, choice: ImportChoice) {
  return { text, mode: choice.mode, ...(choice.walletId ? { walletId: choice.walletId } : {}) };
}

/** Wallets a row without a wallet may go to; the default "Manual" wallet is offered first, apart. */
export function importTargets(wallets: readonly ManualWalletView[]): ManualWalletView[] {
  return wallets.filter((w) => w.label.toLowerCase() !== 'manual');
}

/** Why a picked file is refused before it is read, or null when it may be read. */
export function fileProblem(name: string, size: number): string | null {
  return size > MAX_CSV_BYTES ? `${name} is too large (limit 2 MB).` : null;
}

/** "Imported 3 rows from x.csv (2 added, 0 updated, 1 unchanged). 1 row with problems was skipped." */
export function importedText(fileName: string, r: HoldingsImportResult): string {
  const parts = [`${r.added} added`, `${r.updated} updated`, `${r.unchanged} unchanged`];
  if (r.removed) parts.push(`${r.removed} removed`);
  const skipped = r.errors.length + r.duplicates.length;
  const skippedText = skipped
    ? ` ${plural(skipped, 'row')} with problems ${skipped === 1 ? 'was' : 'were'} skipped.`
    : '';
  return `Imported ${plural(r.imported, 'row')} from ${fileName} (${parts.join(', ')}).${skippedText}`;
}
