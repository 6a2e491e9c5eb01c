/**
 * Kraken's history, through ccxt:
 *   trades  fetchMyTrades  POST /0/private/TradesHistory  50 a page, newest first, `ofs` paging
 *   ledger  fetchLedger    POST /0/private/Ledgers        50 a page, newest first, `ofs` paging
 * Both page with an offset inside a window whose end is fixed when the window starts (Kraken's `start`
 * is exclusive, `end` inclusive), so new records arriving meanwhile never shift the pages; the next
 * window starts where the last one ended. Kraken says how many records a window holds (`count`): an
 * empty page before that many were read is an unreadable answer, tried again, never the end.
 *
 * The ledger gives everything but trades (those come from TradesHistory, with their market and price):
 * deposits, withdrawals, staking and earn rewards, instant buys ("spend"/"receive", paired by
 * reference into a trade), futures transfers and adjustments. Moves between Kraken's own wallets
 * (spot to staking or earn and back) add up to nothing per asset and are left out.
 *
 * Pace: one call every 7 s. Kraken counts 2 points per history call and forgets 0.33 a second on its
 * lowest tier (15 at most), so the counter never grows.
 */
import type { LedgerEntry, Trade } from 'ccxt';
import type { HistoryEntry, IncomeSource } from '../../../../shared/history/types';
import { AppError } from '../../errors';
import { assetCode, entryId, tradeEntries } from '../normalize';
import {
  OVERLAP_MS,
  numberOf,
  type Cursor,
  type ImportPlan,
  type ImportStep,
  type PageResult,
  type StepContext,
} from './types';

/** What kind of income a ledger row is (staking and earn rewards, other rewards, airdrops), or null. */
function incomeSource(r: { type: string; subtype: string }): IncomeSource | null {
  if (r.type === 'staking') return 'staking';
  if (r.type === 'earn' && r.subtype === 'reward') return 'earn';
  if (r.type === 'airdrop') return 'airdrop';
  return ['reward', 'dividend', 'credit'].includes(r.type) ? 'reward' : null;
}

/** Records per page: fixed by Kraken. */
const KRAKEN_PAGE = 50;
/** Kraken opened in September 2013. */
export const KRAKEN_SINCE = Date.UTC(2013, 8, 1);
const PACE_MS = 7000;

const num = (x: unknown): number => {
  const n = typeof x === 'string' ? Number(x) : x;
  return typeof n === 'number' && Number.isFinite(n) ? n : 0;
};

/** Kraken's `count` of the window just read (from the raw answer ccxt keeps). */
function countOf(client: StepContext['client']): number | null {
  const body = (client as unknown as { last_json_response?: unknown }).last_json_response as
    { result?: { count?: unknown } } | undefined;
  const c = body?.result?.count;
  return typeof c === 'number' && Number.isFinite(c) ? c : null;
}

type Row = {
  id: string;
  refid: string;
  t: number;
  type: string;
  subtype: string;
  asset: string;
  amount: number;
  fee: number;
};

/** Ledger rows as entries (see the module comment). */
export function krakenLedgerEntries(ledger: readonly LedgerEntry[]): { entries: HistoryEntry[]; skipped: number } {
  const rows: Row[] = [];
  let skipped = 0;
  for (const l of ledger) {
    const info = (l.info ?? {}) as Record<string, unknown>;
    const asset = assetCode('kraken', l.currency ?? info['asset']);
    const t = num(l.timestamp);
    if (!asset || !t || !l.id) {
      skipped += 1;
      continue;
    }
    rows.push({
      id: String(l.id),
      refid: String(info['refid'] ?? l.id),
      t,
      type: String(info['type'] ?? ''),
      subtype: String(info['subtype'] ?? ''),
      asset,
      amount: num(info['amount']),
      fee: num(info['fee']),
    });
  }
  const entries: HistoryEntry[] = [];
  const byRef = new Map<string, Row[]>();
  for (const r of rows) {
    if (r.type === 'trade') continue;
    let list = byRef.get(r.refid);
    if (!list) byRef.set(r.refid, (list = []));
    list.push(r);
  }
  for (const [refid, group] of byRef) {
    const spend = group.find((r) => r.type === 'spend');
    const receive = group.find((r) => r.type === 'receive');
    if (spend && receive) {
      entries.push({
        kind: 'trade',
        id: entryId('ledger', refid),
        t: receive.t,
        give: { asset: spend.asset, amount: -spend.amount },
        get: { asset: receive.asset, amount: receive.amount },
        fee:
          spend.fee > 0
            ? { asset: spend.asset, amount: spend.fee }
            : receive.fee > 0
              ? { asset: receive.asset, amount: receive.fee }
              : null,
        market: null,
      });
      continue;
    }
    // moves between Kraken's own wallets net to nothing per asset
    const internal =
      group.length > 1 &&
      group.every(
        (r) => ['transfer', 'earn', 'staking', 'deposit', 'withdrawal'].includes(r.type) && r.subtype !== 'reward',
      );
    if (internal) {
      const net = new Map<string, number>();
      for (const r of group) net.set(r.asset, (net.get(r.asset) ?? 0) + r.amount - r.fee);
      if ([...net.values()].every((v) => Math.abs(v) < 1e-9)) continue;
    }
    for (const r of group) {
      const id = entryId('ledger', r.id);
      const delta = r.amount - r.fee;
      const source = delta > 0 ? incomeSource(r) : null;
      if (r.type === 'deposit' || (r.type === 'transfer' && r.subtype === 'spotfromfutures')) {
        if (delta > 0) entries.push({ kind: 'deposit', id, t: r.t, asset: r.asset, amount: delta, txid: null });
      } else if (r.type === 'withdrawal' || (r.type === 'transfer' && r.subtype === 'spottofutures')) {
        entries.push({
          kind: 'withdrawal',
          id,
          t: r.t,
          asset: r.asset,
          amount: -r.amount,
          fee: r.fee > 0 ? { asset: r.asset, amount: r.fee } : null,
          txid: null,
        });
      } else if (source !== null) {
        entries.push({ kind: 'income', id, t: r.t, asset: r.asset, amount: delta, source });
      } else if (delta !== 0) {
        entries.push({ kind: 'adjustment', id, t: r.t, asset: r.asset, amount: delta });
      }
    }
  }
  return { entries, skipped };
}

function offsetStep(opts: {
  key: string;
  label: string;
  endpoint: string;
  read: (
    ctx: StepContext,
    params: { start: number; end: number; ofs: number },
  ) => Promise<{ entries: HistoryEntry[]; skipped: number; rows: number }>;
}): ImportStep {
  return {
    key: opts.key,
    label: opts.label,
    endpoint: opts.endpoint,
    paceMs: PACE_MS,
    optional: false,
    initial: (ctx) => ({ start: Math.floor(ctx.since / 1000), end: null, ofs: 0 }),
    restart: (cursor, ctx) => ({
      start: Math.max(Math.floor(ctx.since / 1000), numberOf(cursor['start'], 0) - OVERLAP_MS / 1000),
      end: null,
      ofs: 0,
    }),
    async page(cursor: Cursor, ctx): Promise<PageResult> {
      const start = numberOf(cursor['start'], Math.floor(ctx.since / 1000));
      const end = numberOf(cursor['end'], Math.floor(ctx.now / 1000));
      const ofs = numberOf(cursor['ofs'], 0);
      ctx.client.enableLastJsonResponse = true;
      const r = await opts.read(ctx, { start, end, ofs });
      const count = countOf(ctx.client) ?? ofs + r.rows;
      if (r.rows === 0 && ofs < count) {
        throw new AppError(
          'bad-response',
          `Kraken answered an empty page while ${count - ofs} records were left to read.`,
        );
      }
      const next = ofs + Math.min(r.rows, KRAKEN_PAGE);
      if (next < count)
        return { entries: r.entries, skipped: r.skipped, cursor: { start, end, ofs: next }, done: false };
      // window read: the next one starts where it ended (a window begun by an earlier run goes on to now)
      const caughtUp = end >= Math.floor(ctx.now / 1000);
      return { entries: r.entries, skipped: r.skipped, cursor: { start: end, end: null, ofs: 0 }, done: caughtUp };
    },
  };
}

export const krakenPlan: ImportPlan = {
  exchange: 'kraken',
  gaps: [
    'Kraken Futures and margin positions are not imported; transfers to and from Futures count as withdrawals and deposits.',
  ],
  first(): ImportStep[] {
    return [
      offsetStep({
        key: 'ledger',
        label: 'Ledger (deposits, withdrawals, staking, earn)',
        endpoint: 'POST /0/private/Ledgers',
        async read(ctx, params) {
          const ledger: LedgerEntry[] = await ctx.client.fetchLedger(undefined, undefined, undefined, params);
          return { ...krakenLedgerEntries(ledger), rows: ledger.length };
        },
      }),
      offsetStep({
        key: 'trades',
        label: 'Trades',
        endpoint: 'POST /0/private/TradesHistory',
        async read(ctx, params) {
          const trades: Trade[] = await ctx.client.fetchMyTrades(undefined, undefined, undefined, params);
          return { ...tradeEntries('kraken', trades), rows: trades.length };
        },
      }),
    ];
  },
};
