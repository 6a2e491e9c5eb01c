/**
 * OKX's account-history and earn endpoints for the emulator, from an account's `history`, `earn` and
 * `staking`: spot fills of the last 3 months only (/trade/fills-history, by bill id), deposits and
 * withdrawals by time (/asset/deposit-history, /asset/withdrawal-history), funding bills
 * (/asset/bills-history: deposits, withdrawals, staking yields as type 83, and a move to the trading
 * account and back), 100 records a page at most, newest first; Simple Earn savings and staking orders.
 * `after` means older than, `before` newer than. Called by okx.ts.
 */
import { DAY_MS, fmt } from './market-data';
import type { AccountSpec, EmuResponse } from './types';

export const OKX_FILLS_DAYS = 90;

const ok = (data: unknown[]): EmuResponse => ({ status: 200, body: { code: '0', msg: '', data } });
const fail = (status: number, code: string, msg: string): EmuResponse => ({ status, body: { code, msg, data: [] } });

function limitOf(q: URLSearchParams): number | null {
  const l = q.get('limit') === null ? 100 : Number(q.get('limit'));
  return Number.isInteger(l) && l >= 1 && l <= 100 ? l : null;
}

/** Rows newest first, inside begin/end, older than `after` and newer than `before` (by `key`). */
function select<T>(rows: T[], q: URLSearchParams, time: (r: T) => number, key: (r: T) => number, limit: number): T[] {
  const n = (k: string) => (q.get(k) === null ? null : Number(q.get(k)));
  const begin = n('begin');
  const end = n('end');
  const after = n('after');
  const before = n('before');
  return rows
    .filter((r) => (begin === null || time(r) >= begin) && (end === null || time(r) <= end))
    .filter((r) => (after === null || key(r) < after) && (before === null || key(r) > before))
    .sort((a, b) => key(b) - key(a))
    .slice(0, limit);
}

export function okxHistory(
  path: string,
  q: URLSearchParams,
  a: AccountSpec,
  opts: { empty: boolean; now: number },
): EmuResponse | null {
  const h = a.history ?? {};
  const limit = limitOf(q);
  const emptyOr = <T>(rows: T[]): T[] => (opts.empty ? [] : rows);
  switch (path) {
    case '/api/v5/trade/fills-history': {
      if (q.get('instType') !== 'SPOT') return fail(400, '51000', 'Parameter instType error');
      if (limit === null) return fail(400, '51000', 'Parameter limit error');
      const oldest = opts.now - OKX_FILLS_DAYS * DAY_MS;
      const fills = (h.trades ?? []).filter((t) => t.t >= oldest);
      const rows = emptyOr(
        select(
          fills,
          q,
          (t) => t.t,
          (t) => t.id * 1000,
          limit,
        ),
      );
      return ok(
        rows.map((t) => ({
          instType: 'SPOT',
          instId: `${t.base}-${t.quote}`,
          tradeId: String(t.id),
          ordId: String(t.id * 7),
          clOrdId: '',
          billId: String(t.id * 1000),
          subType: t.side === 'buy' ? '1' : '2',
          tag: '',
          fillPx: String(t.price),
          fillSz: fmt(t.amount),
          fillIdxPx: '',
          fillPnl: '0',
          fillPxVol: '',
          fillPxUsd: '',
          fillMarkVol: '',
          fillFwdPx: '',
          fillMarkPx: '',
          side: t.side,
          posSide: 'net',
          execType: 'T',
          feeCcy: t.feeAsset,
          fee: fmt(-t.fee),
          ts: String(t.t),
          fillTime: String(t.t),
          feeRate: '-0.001',
        })),
      );
    }
    case '/api/v5/asset/deposit-history':
    case '/api/v5/asset/withdrawal-history': {
      if (limit === null) return fail(400, '51000', 'Parameter limit error');
      const deposits = path.includes('deposit');
      const list = (deposits ? h.deposits : h.withdrawals) ?? [];
      const rows = emptyOr(
        select(
          list,
          q,
          (x) => x.t,
          (x) => x.t,
          limit,
        ),
      );
      return ok(
        rows.map((x) =>
          deposits
            ? {
                actualDepBlkConfirm: '12',
                amt: fmt(x.amount),
                areaCodeFrom: '',
                ccy: x.asset,
                chain: `${x.asset}-Chain`,
                depId: x.id,
                from: '',
                fromWdId: '',
                state: '2',
                to: 'emulated-address',
                ts: String(x.t),
                txId: x.txid ?? '',
              }
            : {
                chain: `${x.asset}-Chain`,
                fee: fmt(x.fee ?? 0),
                feeCcy: x.asset,
                ccy: x.asset,
                clientId: '',
                amt: fmt(x.amount),
                txId: x.txid ?? '',
                from: '',
                areaCodeFrom: '',
                to: 'emulated-address',
                areaCodeTo: '',
                state: '2',
                ts: String(x.t),
                nonTradableAsset: false,
                wdId: x.id,
              },
        ),
      );
    }
    case '/api/v5/asset/bills-history': {
      if (limit === null) return fail(400, '51000', 'Parameter limit error');
      type Bill = { billId: number; ccy: string; balChg: number; type: string; ts: number };
      const bills: Bill[] = [];
      let id = 1;
      const bill = (ts: number, ccy: string, balChg: number, type: string) =>
        bills.push({ billId: ts * 10 + (id++ % 10), ccy, balChg, type, ts });
      for (const d of h.deposits ?? []) bill(d.t, d.asset, d.amount, '1');
      for (const w of h.withdrawals ?? []) bill(w.t, w.asset, -w.amount - (w.fee ?? 0), '2');
      for (const r of h.rewards ?? []) bill(r.t, r.asset, r.amount, '83');
      const first = (h.deposits ?? [])[0];
      if (first) {
        bill(first.t + 60_000, first.asset, -first.amount, '131');
        bill(first.t + 120_000, first.asset, first.amount, '130');
      }
      const rows = emptyOr(
        select(
          bills,
          q,
          (b) => b.ts,
          (b) => b.billId,
          limit,
        ),
      );
      return ok(
        rows.map((b) => ({
          billId: String(b.billId),
          ccy: b.ccy,
          clientId: '',
          balChg: fmt(b.balChg),
          bal: '0',
          type: b.type,
          notes: '',
          ts: String(b.ts),
        })),
      );
    }
    case '/api/v5/finance/savings/balance':
      return ok(
        Object.entries(a.earn ?? {}).map(([ccy, amt]) => ({
          ccy,
          amt: fmt(amt),
          earnings: '0',
          rate: '0.01',
          loanAmt: fmt(amt),
          pendingAmt: '0',
          redemptAmt: '0',
        })),
      );
    case '/api/v5/finance/staking-defi/orders-active':
      return ok(
        Object.entries(a.staking ?? {}).map(([ccy, amt], i) => ({
          ordId: String(7000 + i),
          state: '1',
          ccy,
          protocol: `${ccy} staking`,
          protocolType: 'staking',
          term: '0',
          apy: '0.04',
          investData: [{ ccy, amt: fmt(amt) }],
          earningData: [{ ccy, earningType: '0', earnings: '0' }],
          purchasedTime: String(opts.now - 40 * DAY_MS),
          tag: '',
        })),
      );
    default:
      return null;
  }
}
