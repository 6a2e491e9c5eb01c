import { describe, expect, it } from 'vitest';
import { parseHoldingsCsv } from '../../shared/holdings/csv';
import {
  MAX_CSV_BYTES,
  type CsvRowAction,
  type HoldingsCsvPreview,
  type HoldingsImportResult,
  type ManualWalletView,
} from '../../shared/holdings/types';
import {
  ACTION_LABEL,
  fileProblem,
  importRequest,
  importTargets,
  importedText,
  previewCounts,
  previewTableRows,
  removalsText,
} from '../../renderer/src/views/holdings/csv-preview';

/** A preview of a file with 3 valid rows (new, update, unchanged), one bad amount and one repeated row. */
function preview(over: Partial<HoldingsCsvPreview> = {}): HoldingsCsvPreview {
  const parsed = parseHoldingsCsv(
    'asset,amount,wallet\nBTC,1,Ledger\nETH,x,Ledger\nETH,2,Ledger\nBTC,3,Ledger\nADA,5,Nexo\n',
  );
  const actions: CsvRowAction[] = ['add', 'update', 'unchanged'];
  return { ...parsed, actions, newWallets: ['Nexo'], removals: [], ...over };
}

function result(over: Partial<HoldingsImportResult> = {}): HoldingsImportResult {
  const none = { removed: 0, walletsCreated: [], errors: [], duplicates: [] };
  return { imported: 3, added: 2, updated: 0, unchanged: 1, ...none, ...over };
}

describe('preview summary', () => {
  it('counts rows by what importing them would do, and the rows that are skipped', () => {
    const p = preview();
    expect(p.rows).toHaveLength(3);
    expect(previewCounts(p)).toEqual({ total: 5, valid: 3, add: 1, update: 1, unchanged: 1, errors: 1, duplicates: 1 });
  });

  it('names what a replacing import would remove', () => {
    expect(removalsText(preview())).toBe('');
    expect(
      removalsText(
        preview({
          removals: [
            { wallet: 'Ledger', asset: 'DOT' },
            { wallet: 'Nexo', asset: 'SOL' },
          ],
        }),
      ),
    ).toBe(' Removes DOT from Ledger, SOL from Nexo.');
  });
});

describe('preview rows', () => {
  it('lists every row in file order, each valid one with its action', () => {
    const rows = previewTableRows(preview());
    expect(rows.map((r) => [r.line, r.kind])).toEqual([
      [2, 'ok'],
      [3, 'error'],
      [4, 'ok'],
      [5, 'duplicate'],
      [6, 'ok'],
    ]);
    expect(rows.filter((r) => r.kind === 'ok').map((r) => ACTION_LABEL[r.action])).toEqual([
      'new',
      'update',
      'unchanged',
    ]);
  });
});

describe('import choices', () => {
  it('sends a wallet only when one was picked', () => {
    expect(importRequest('csv', { mode: 'merge', walletId: '' })).toEqual({ text: 'csv', mode: 'merge' });
    expect(importRequest('csv', { mode: 'replace-wallet', walletId: 'w1' })).toEqual({
      text: 'csv',
      mode: 'replace-wallet',
      walletId: 'w1',
    });
  });

  it('offers every wallet but the default one, which is listed apart', () => {
    const w = (label: string): ManualWalletView => ({ id: label, label, platform: '', createdAt: 0, holdings: [] });
    expect(importTargets([w('Manual'), w('Ledger'), w('MANUAL'), w('Nexo')]).map((x) => x.label)).toEqual([
      'Ledger',
      'Nexo',
    ]);
  });

  it('refuses a file over 2 MB before reading it', () => {
    expect(fileProblem('big.csv', MAX_CSV_BYTES + 1)).toBe('big.csv is too large (limit 2 MB).');
    expect(fileProblem('ok.csv', MAX_CSV_BYTES)).toBeNull();
  });
});

describe('after the import', () => {
  it('says how many rows went in and what happened to them', () => {
    expect(importedText('h.csv', result())).toBe('Imported 3 rows from h.csv (2 added, 0 updated, 1 unchanged).');
    expect(importedText('h.csv', result({ imported: 1, added: 0, updated: 0, unchanged: 0, removed: 2 }))).toBe(
      'Imported 1 row from h.csv (0 added, 0 updated, 0 unchanged, 2 removed).',
    );
  });

  it('tells how many rows with problems were skipped', () => {
    const p = preview();
    expect(importedText('h.csv', result({ errors: p.errors }))).toMatch(/\. 1 row with problems was skipped\.$/);
    expect(importedText('h.csv', result({ errors: p.errors, duplicates: p.duplicates }))).toMatch(
      /\. 2 rows with problems were skipped\.$/,
    );
  });
});
