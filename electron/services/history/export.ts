/**
 * Imported transactions as CSV, one row per entry, oldest first: date (UTC, ISO 8601), account,
 * exchange, kind, what left the account, what came in, the fee, the market, the blockchain transaction
 * and the entry's id. Cells go through the formula-safe writer (shared/csv.ts). Used by `history:export`.
 */
import { toCsv, type CsvCell } from '../../../shared/csv';
import type { AccountEntry, HistoryEntry } from '../../../shared/history/types';

export const TRANSACTION_CSV_FIELDS = [
  'date',
  'account',
  'exchange',
  'kind',
  'sent_asset',
  'sent_amount',
  'received_asset',
  'received_amount',
  'fee_asset',
  'fee_amount',
  'market',
  'txid',
  'id',
] as const;

function legs(e: HistoryEntry): [CsvCell, CsvCell, CsvCell, CsvCell, CsvCell, CsvCell] {
  switch (e.kind) {
    case 'trade':
      return [e.give.asset, e.give.amount, e.get.asset, e.get.amount, e.fee?.asset, e.fee?.amount];
    case 'deposit':
    case 'income':
      return [null, null, e.asset, e.amount, null, null];
    case 'withdrawal':
      return [e.asset, e.amount, null, null, e.fee?.asset, e.fee?.amount];
    case 'fee':
      return [null, null, null, null, e.asset, e.amount];
    case 'adjustment':
      return e.amount < 0 ? [e.asset, -e.amount, null, null, null, null] : [null, null, e.asset, e.amount, null, null];
  }
}

export function transactionsCsv(
  rows: readonly AccountEntry[],
  accounts: ReadonlyMap<string, { label: string; exchange: string }>,
): string {
  const sorted = [...rows].sort((a, b) => a.entry.t - b.entry.t);
  return toCsv(
    TRANSACTION_CSV_FIELDS,
    sorted.map(({ accountId, entry: e }) => {
      const a = accounts.get(accountId);
      const kind =
        e.kind === 'income' ? `income (${e.source})` : e.kind === 'trade' && e.market === null ? 'conversion' : e.kind;
      return [
        new Date(e.t).toISOString(),
        a?.label ?? accountId,
        a?.exchange ?? '',
        kind,
        ...legs(e),
        e.kind === 'trade' ? e.market : null,
        e.kind === 'deposit' || e.kind === 'withdrawal' ? e.txid : null,
        e.id,
      ];
    }),
  );
}
