/**
 * IPC channels of account history (see shared/ipc/contract.ts): importing an exchange account's trades,
 * deposits, withdrawals and rewards (with progress as the `history:progress` event, and cancel), what
 * each import found and searched, the reconciliation with today's balances, and the CSV export.
 */
import { z } from 'zod';
import { AccountIdSchema, channel, NoArgs } from '../define';
import type { EntryKind } from '../../history/types';
import type { ReconcileRow } from '../../history/reconcile';

export type ImportState = 'queued' | 'running' | 'done' | 'paused' | 'cancelled' | 'error';
export type ImportStepState = 'pending' | 'running' | 'done' | 'skipped' | 'error';

export interface ImportStepView {
  key: string;
  /** What the step reads ("Deposits", "Trades BTC/USDT"). */
  label: string;
  /** The exchange endpoint it calls ("GET /api/v3/myTrades"). */
  endpoint: string;
  state: ImportStepState;
  pages: number;
  /** Entries read by this step in the run. */
  entries: number;
  /** Why it was skipped or failed, or what may be missing. */
  note?: string;
}

/** One import run of an account. */
export interface AccountImportState {
  state: ImportState;
  startedAt: number;
  finishedAt: number | null;
  steps: ImportStepView[];
  pages: number;
  /** Entries read in this run (records read again are counted once per run). */
  entries: number;
  /** Records the exchange sent that could not be read. */
  skipped: number;
  error: { code: string; message: string } | null;
  /** The exchange asked Ballast to wait: the import can go on after this time. */
  resumeAfter: number | null;
  notes: string[];
}

/** An account's history as the import panel shows it. */
export interface AccountHistoryView {
  accountId: string;
  label: string;
  exchange: string;
  exchangeName: string;
  /** Whether Ballast can import this exchange's history. */
  supported: boolean;
  lastRun: AccountImportState | null;
  /** An import of this account is queued or running. */
  running: boolean;
  entries: number;
  counts: Record<EntryKind, number>;
  firstEntryAt: number | null;
  lastEntryAt: number | null;
  /** Markets searched for trades (Binance), sorted. */
  marketsSearched: string[];
  /** Assets the user asked to search besides the account's own. */
  extraAssets: string[];
  /** The earliest time imports of this account reach back to. */
  since: number | null;
  /** What this exchange's API cannot give, in words. */
  gaps: string[];
  /** History against today's balances, unexplained differences first; empty before any import. */
  reconciliation: ReconcileRow[];
}

/** Payload of the `history:progress` event. */
export interface HistoryProgress {
  accountId: string;
  label: string;
  state: ImportState;
  /** The step running, or null. */
  step: string | null;
  stepsDone: number;
  stepsTotal: number;
  pages: number;
  entries: number;
  message: string | null;
}

/** Earliest and latest `since` accepted (the service also keeps it before now). */
export const HISTORY_SINCE_MIN = Date.UTC(2009, 0, 1);
export const HISTORY_SINCE_MAX = Date.UTC(2100, 0, 1);
/** Assets the user may name for the market search. */
export const MAX_EXTRA_ASSETS = 50;

const AssetSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9.]{1,20}$/, 'letters, digits and dots, up to 20');

export const historyChannels = {
  /** Every exchange account's history: last import, counts, markets searched, reconciliation. */
  'history:list': channel<AccountHistoryView[]>()(NoArgs),
  /** Starts (or joins) an import of the account; answers at once with its view (progress follows as events). */
  'history:import': channel<AccountHistoryView>()(
    z.strictObject({
      accountId: AccountIdSchema,
      since: z.number().int().min(HISTORY_SINCE_MIN).max(HISTORY_SINCE_MAX).optional(),
      extraAssets: z.array(AssetSchema).max(MAX_EXTRA_ASSETS).optional(),
    }),
  ),
  /** Stops the account's import after the page in flight; what was read is kept and the next import goes on from there. */
  'history:cancel': channel<{ cancelled: boolean }>()(z.strictObject({ accountId: AccountIdSchema })),
  /** Writes every imported transaction (of one account, or all) as CSV; path is null when the user cancelled. */
  'history:export': channel<{ path: string | null; rows: number }>()(
    z.strictObject({ accountId: AccountIdSchema.optional() }),
  ),
};
