/**
 * How an exchange's history is imported: a plan of steps, one per endpoint (and per market where the
 * exchange wants one), each paging with a cursor the importer (../importer.ts) persists after every
 * page. A plan is pure of I/O besides its calls through the account's ccxt client; binance.ts,
 * kraken.ts and okx.ts are the plans, index.ts picks one.
 */
import type { HistoryEntry } from '../../../../shared/history/types';
import type { ExchangeClient } from '../../exchange';

/** A cursor as stored (plain JSON); each step reads and validates its own. */
export type Cursor = Record<string, unknown>;

export interface PageResult {
  entries: HistoryEntry[];
  /** Records of the page that could not be read (left out and counted). */
  skipped: number;
  /** Where the next page starts (stored after this page's entries). */
  cursor: Cursor;
  /** No more pages up to the run's end. */
  done: boolean;
  /** Something the user should know about this page (a window that may be incomplete...). */
  note?: string;
}

export interface ImportStep {
  /** Stable within the account ("deposits", "trades:BTC/USDT"): the cursor's key. */
  key: string;
  /** What it reads, for the progress and the panel ("Trades BTC/USDT"). */
  label: string;
  /** The exchange endpoint it calls ("GET /api/v3/myTrades"). */
  endpoint: string;
  /** Least time between two of its calls (ms): paced well below the exchange's limit. */
  paceMs: number;
  /** A refusal (no permission, not offered) skips the step with a note instead of stopping the import. */
  optional: boolean;
  /** The first cursor of a step never run. */
  initial(ctx: StepContext): Cursor;
  /** The cursor a finished step starts its next import from (a few days back: late records are read again). */
  restart(cursor: Cursor, ctx: StepContext): Cursor;
  page(cursor: Cursor, ctx: StepContext): Promise<PageResult>;
}

export interface StepContext {
  client: ExchangeClient;
  /** The end of this import run (ms): nothing later is asked for. */
  now: number;
  /** The earliest time the import reaches back to (ms). */
  since: number;
  /** Records per page asked for (the exchange's maximum unless set smaller, as tests do). */
  pageSize: number | null;
  /** The first deposit imported so far (steps that cannot come before one start there). */
  firstDepositAt: number | null;
}

export interface PlanInputs {
  /** Assets the account holds now (every wallet). */
  held: readonly string[];
  /** Assets the user asked to search besides (coins traded away completely, say). */
  extraAssets: readonly string[];
  /** Every entry imported so far (the first steps' included). */
  entries: () => readonly HistoryEntry[];
  /** Markets searched in earlier imports (searched again). */
  searchedBefore: readonly string[];
}

export interface ImportPlan {
  exchange: string;
  /** Steps that need nothing besides the client (deposits, withdrawals, ledgers...). */
  first(): ImportStep[];
  /**
   * Steps chosen from what the first ones found (Binance's trades, one market at a time), with the
   * markets they search.
   */
  second?(client: ExchangeClient, inputs: PlanInputs): Promise<{ steps: ImportStep[]; markets: string[] }>;
  /** What this exchange's API cannot give, in words for the user. */
  gaps: string[];
  /** Added to a reconciliation message when the history cannot explain a balance. */
  windowNote?: string;
}

/** Days a finished step goes back at its next import, so late or updated records are read again. */
export const OVERLAP_MS = 3 * 86_400_000;

export const numberOf = (x: unknown, fallback: number): number =>
  typeof x === 'number' && Number.isFinite(x) ? x : fallback;
export const stringOf = (x: unknown): string | null => (typeof x === 'string' && x.length > 0 ? x : null);
