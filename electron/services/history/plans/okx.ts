/**
 * OKX's history, through ccxt:
 *   trades       fetchMyTrades                GET /api/v5/trade/fills-history    spot fills of the last 3 months, 100 a page by bill id
 *   deposits     fetchDeposits                GET /api/v5/asset/deposit-history  100 a page, newest first, by time
 *   withdrawals  fetchWithdrawals             GET /api/v5/asset/withdrawal-history
 *   rewards      privateGetAssetBillsHistory  GET /api/v5/asset/bills-history    funding-account bills, 100 a page by bill id
 * Every endpoint answers newest first, so a window [begin, end] is read backwards with `after` (older
 * than) and the next import starts where this one ended. From the funding bills only income is read
 * (staking and mining yields, airdrops, event rewards: types 28, 48, 83, 85, 87, 88); deposits and
 * withdrawals come from their own endpoints, and moves between OKX's own accounts (funding, trading,
 * earn) change nothing for the account as a whole. Bills of any other type are counted and skipped.
 *
 * Pace: 0.5 s a call (fills allow 10 every 2 s; the asset endpoints 6 a second).
 */
import type { LedgerEntry, Trade, Transaction } from 'ccxt';
import type { HistoryEntry, IncomeSource } from '../../../../shared/history/types';
import { incomeEntry, tradeEntries, transferEntries } from '../normalize';
import {
  OVERLAP_MS,
  numberOf,
  stringOf,
  type Cursor,
  type ImportPlan,
  type ImportStep,
  type PageResult,
  type StepContext,
} from './types';

/** OKX serves spot fills of the last 3 months only. */
export const OKX_FILLS_WINDOW_MS = 90 * 86_400_000;
export const OKX_SINCE = Date.UTC(2017, 0, 1);
const PAGE = 100;
const PACE_MS = 500;

/** Funding-bill types read as income, and what kind. */
export const OKX_INCOME_BILLS: Readonly<Record<string, IncomeSource>> = {
  '28': 'airdrop',
  '48': 'reward',
  '83': 'staking',
  '85': 'reward',
  '87': 'reward',
  '88': 'reward',
};
/** Funding-bill types that other endpoints cover or that move funds between OKX's own accounts. */
const OKX_COVERED_BILLS = new Set(['1', '2', '13', '75', '76', '80', '81', '82', '89', '90', '91', '130', '131']);

/** A step reading newest first inside [begin, end] with an `after` cursor (a bill id or a time). */
function backwardStep(opts: {
  key: string;
  label: string;
  endpoint: string;
  optional: boolean;
  /** Earliest `begin` allowed (the endpoint's window). */
  floor?: (ctx: StepContext) => number;
  read: (
    ctx: StepContext,
    w: { begin: number; end: number; after: string | null; limit: number },
  ) => Promise<{ entries: HistoryEntry[]; skipped: number; rows: number; oldest: string | null }>;
}): ImportStep {
  const lowest = (ctx: StepContext): number => Math.max(ctx.since, opts.floor?.(ctx) ?? ctx.since);
  return {
    key: opts.key,
    label: opts.label,
    endpoint: opts.endpoint,
    paceMs: PACE_MS,
    optional: opts.optional,
    initial: (ctx) => ({ begin: lowest(ctx), end: null, after: null }),
    restart: (cursor, ctx) => ({
      begin: Math.max(lowest(ctx), numberOf(cursor['begin'], 0) - OVERLAP_MS),
      end: null,
      after: null,
    }),
    async page(cursor: Cursor, ctx): Promise<PageResult> {
      const begin = Math.max(lowest(ctx), numberOf(cursor['begin'], lowest(ctx)));
      const end = numberOf(cursor['end'], ctx.now);
      const after = stringOf(cursor['after']);
      const limit = Math.min(PAGE, ctx.pageSize ?? PAGE);
      const r = await opts.read(ctx, { begin, end, after, limit });
      if (r.rows >= limit && r.oldest !== null && r.oldest !== after) {
        return { entries: r.entries, skipped: r.skipped, cursor: { begin, end, after: r.oldest }, done: false };
      }
      const caughtUp = end >= ctx.now;
      return { entries: r.entries, skipped: r.skipped, cursor: { begin: end, end: null, after: null }, done: caughtUp };
    },
  };
}

function okxBillEntries(bills: readonly LedgerEntry[]): { entries: HistoryEntry[]; skipped: number } {
  const entries: HistoryEntry[] = [];
  let skipped = 0;
  for (const b of bills) {
    const info = (b.info ?? {}) as Record<string, unknown>;
    const type = String(info['type'] ?? '');
    if (OKX_COVERED_BILLS.has(type)) continue;
    const source = OKX_INCOME_BILLS[type];
    const e = source
      ? incomeEntry(
          'okx',
          { id: info['billId'] ?? b.id, t: b.timestamp, asset: b.currency, amount: info['balChg'] },
          source,
          'bill',
        )
      : null;
    if (e) entries.push(e);
    else skipped += 1;
  }
  return { entries, skipped };
}

const oldestBy = (rows: readonly { info?: unknown }[], field: string): string | null => {
  const last = rows.at(-1)?.info as Record<string, unknown> | undefined;
  return last ? stringOf(String(last[field] ?? '')) : null;
};

export const okxPlan: ImportPlan = {
  exchange: 'okx',
  gaps: [
    'OKX serves spot trades of the last 3 months only: older trades are not imported, so balances may show amounts the history cannot explain.',
    'Earn subscriptions, simple-earn interest and other funding bills besides staking yields and rewards are not read.',
  ],
  windowNote: 'OKX serves trades of the last 3 months only.',
  first(): ImportStep[] {
    return [
      backwardStep({
        key: 'deposits',
        label: 'Deposits',
        endpoint: 'GET /api/v5/asset/deposit-history',
        optional: false,
        async read(ctx, w) {
          const params: Record<string, string> = { before: String(w.begin - 1), after: w.after ?? String(w.end + 1) };
          const txs: Transaction[] = await ctx.client.fetchDeposits(undefined, undefined, w.limit, params);
          return { ...transferEntries('okx', txs, 'deposit'), rows: txs.length, oldest: oldestBy(txs, 'ts') };
        },
      }),
      backwardStep({
        key: 'withdrawals',
        label: 'Withdrawals',
        endpoint: 'GET /api/v5/asset/withdrawal-history',
        optional: false,
        async read(ctx, w) {
          const params: Record<string, string> = { before: String(w.begin - 1), after: w.after ?? String(w.end + 1) };
          const txs: Transaction[] = await ctx.client.fetchWithdrawals(undefined, undefined, w.limit, params);
          return { ...transferEntries('okx', txs, 'withdrawal'), rows: txs.length, oldest: oldestBy(txs, 'ts') };
        },
      }),
      backwardStep({
        key: 'rewards',
        label: 'Rewards (funding bills)',
        endpoint: 'GET /api/v5/asset/bills-history',
        optional: true,
        async read(ctx, w) {
          const call = (ctx.client as unknown as Record<string, (p: object) => Promise<unknown>>)[
            'privateGetAssetBillsHistory'
          ]!;
          const res = (await call.call(ctx.client, {
            begin: String(w.begin),
            end: String(w.end),
            limit: String(w.limit),
            ...(w.after ? { after: w.after } : {}),
          })) as { data?: unknown };
          const data = Array.isArray(res?.data) ? (res.data as Record<string, unknown>[]) : [];
          const bills: LedgerEntry[] = ctx.client.parseLedger(data);
          const r = okxBillEntries(bills);
          return {
            ...r,
            rows: data.length,
            oldest: data.length > 0 ? stringOf(String(data.at(-1)!['billId'] ?? '')) : null,
          };
        },
      }),
      backwardStep({
        key: 'trades',
        label: 'Trades (last 3 months)',
        endpoint: 'GET /api/v5/trade/fills-history',
        optional: false,
        floor: (ctx) => ctx.now - OKX_FILLS_WINDOW_MS + 86_400_000,
        async read(ctx, w) {
          const trades: Trade[] = await ctx.client.fetchMyTrades(undefined, undefined, undefined, {
            instType: 'SPOT',
            begin: String(w.begin),
            end: String(w.end),
            limit: String(w.limit),
            ...(w.after ? { after: w.after } : {}),
          });
          return { ...tradeEntries('okx', trades), rows: trades.length, oldest: oldestBy(trades, 'billId') };
        },
      }),
    ];
  },
};
