/**
 * Binance's account-history and earn endpoints for the emulator (signed GETs, answered for the
 * authenticated account from its `history`, `earn` and `staking`), with Binance's own limits: trades
 * per symbol by id (`fromId`, at most 1,000), deposits and withdrawals in windows of at most 90 days
 * (`offset` paging, newest first), rewards in windows of 180 days at most (500 a page), conversions in
 * windows of 30 days, Simple Earn positions 100 a page. Called by binance.ts.
 */
import { DAY_MS, fmt } from './market-data';
import type { AccountSpec, EmuResponse } from './types';

export const BINANCE_HISTORY_PATHS: readonly string[] = [
  '/api/v3/myTrades',
  '/sapi/v1/capital/deposit/hisrec',
  '/sapi/v1/capital/withdraw/history',
  '/sapi/v1/asset/assetDividend',
  '/sapi/v1/convert/tradeFlow',
  '/sapi/v1/simple-earn/flexible/position',
  '/sapi/v1/simple-earn/locked/position',
];

const json = (status: number, body: unknown): EmuResponse => ({ status, body });
const err = (status: number, code: number, msg: string): EmuResponse => json(status, { code, msg });

function int(q: URLSearchParams, name: string): number | null {
  const v = q.get(name);
  if (v === null) return null;
  const n = Number(v);
  return Number.isInteger(n) ? n : Number.NaN;
}

/** Start and end of a window, Binance's default (the last `max`) when absent; an error beyond `max`. */
function window(q: URLSearchParams, now: number, maxMs: number): { from: number; to: number } | EmuResponse {
  const start = int(q, 'startTime');
  const end = int(q, 'endTime');
  const to = end ?? now;
  const from = start ?? to - maxMs;
  if (Number.isNaN(from) || Number.isNaN(to)) return err(400, -1100, 'Illegal characters found in a parameter.');
  if (to - from > maxMs) return err(400, -1127, `More than ${maxMs / DAY_MS} days between startTime and endTime.`);
  return { from, to };
}

function limitOf(q: URLSearchParams, def: number, max: number): number | EmuResponse {
  const l = int(q, 'limit') ?? def;
  if (!Number.isInteger(l) || l < 1 || l > max) {
    return err(400, -1100, `Illegal characters found in parameter 'limit'; legal range is '1-${max}'.`);
  }
  return l;
}

const utcText = (t: number): string => new Date(t).toISOString().slice(0, 19).replace('T', ' ');

/** The answer for a history or earn path, or null when `path` is not one. */
export function binanceHistory(
  path: string,
  q: URLSearchParams,
  a: AccountSpec,
  opts: { empty: boolean; now: number },
): EmuResponse | null {
  const h = a.history ?? {};
  const empty = opts.empty;
  switch (path) {
    case '/api/v3/myTrades': {
      const symbol = q.get('symbol');
      if (!symbol) return err(400, -1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.");
      const limit = limitOf(q, 500, 1000);
      if (typeof limit !== 'number') return limit;
      const fromId = int(q, 'fromId');
      let rows = (h.trades ?? []).filter((t) => `${t.base}${t.quote}` === symbol).sort((x, y) => x.id - y.id);
      rows = fromId !== null ? rows.filter((t) => t.id >= fromId).slice(0, limit) : rows.slice(-limit);
      if (empty) rows = [];
      return json(
        200,
        rows.map((t) => ({
          symbol,
          id: t.id,
          orderId: t.id * 7,
          orderListId: -1,
          price: fmt(t.price),
          qty: fmt(t.amount),
          quoteQty: fmt(t.amount * t.price),
          commission: fmt(t.fee),
          commissionAsset: t.feeAsset,
          time: t.t,
          isBuyer: t.side === 'buy',
          isMaker: false,
          isBestMatch: true,
        })),
      );
    }
    case '/sapi/v1/capital/deposit/hisrec':
    case '/sapi/v1/capital/withdraw/history': {
      const w = window(q, opts.now, 90 * DAY_MS);
      if (!('from' in w)) return w;
      const limit = limitOf(q, 1000, 1000);
      if (typeof limit !== 'number') return limit;
      const offset = int(q, 'offset') ?? 0;
      const deposits = path.includes('deposit');
      const list = (deposits ? h.deposits : h.withdrawals) ?? [];
      const rows = empty
        ? []
        : list
            .filter((x) => x.t >= w.from && x.t <= w.to)
            .sort((x, y) => y.t - x.t)
            .slice(offset, offset + limit);
      return json(
        200,
        rows.map((x) =>
          deposits
            ? {
                id: x.id,
                amount: fmt(x.amount),
                coin: x.asset,
                network: x.asset,
                status: 1,
                address: 'emulated-address',
                addressTag: '',
                txId: x.txid ?? '',
                insertTime: x.t,
                completeTime: x.t + 600_000,
                transferType: 0,
                confirmTimes: '12/12',
                unlockConfirm: 0,
                walletType: 0,
              }
            : {
                id: x.id,
                amount: fmt(x.amount),
                transactionFee: fmt(x.fee ?? 0),
                coin: x.asset,
                status: 6,
                address: 'emulated-address',
                txId: x.txid ?? '',
                applyTime: utcText(x.t),
                completeTime: utcText(x.t + 600_000),
                network: x.asset,
                transferType: 0,
                info: '',
                confirmNo: 3,
                walletType: 0,
                txKey: '',
              },
        ),
      );
    }
    case '/sapi/v1/asset/assetDividend': {
      const w = window(q, opts.now, 180 * DAY_MS);
      if (!('from' in w)) return w;
      const limit = limitOf(q, 20, 500);
      if (typeof limit !== 'number') return limit;
      const all = empty ? [] : (h.rewards ?? []).filter((r) => r.t >= w.from && r.t <= w.to).sort((x, y) => y.t - x.t);
      return json(200, {
        rows: all.slice(0, limit).map((r, i) => ({
          id: 900_000 + i,
          tranId: `div-${r.id}`,
          asset: r.asset,
          amount: fmt(r.amount),
          divTime: r.t,
          enInfo:
            r.kind === 'staking' ? 'ETH 2.0 Staking' : r.kind === 'earn' ? 'Simple Earn Flexible Interest' : 'Airdrop',
        })),
        total: all.length,
      });
    }
    case '/sapi/v1/convert/tradeFlow': {
      if (q.get('startTime') === null || q.get('endTime') === null) {
        return err(400, -1102, "Mandatory parameter 'startTime' was not sent, was empty/null, or malformed.");
      }
      const w = window(q, opts.now, 30 * DAY_MS);
      if (!('from' in w)) return w;
      const limit = limitOf(q, 100, 1000);
      if (typeof limit !== 'number') return limit;
      const all = empty ? [] : (h.conversions ?? []).filter((c) => c.t >= w.from && c.t <= w.to);
      return json(200, {
        list: all.slice(0, limit).map((c) => ({
          quoteId: `q-${c.id}`,
          orderId: Number(c.t),
          orderStatus: 'SUCCESS',
          fromAsset: c.from,
          fromAmount: fmt(c.fromAmount),
          toAsset: c.to,
          toAmount: fmt(c.toAmount),
          ratio: fmt(c.toAmount / c.fromAmount),
          inverseRatio: fmt(c.fromAmount / c.toAmount),
          createTime: c.t,
        })),
        startTime: w.from,
        endTime: w.to,
        limit,
        moreData: all.length > limit,
      });
    }
    case '/sapi/v1/simple-earn/flexible/position':
    case '/sapi/v1/simple-earn/locked/position': {
      const flexible = path.includes('flexible');
      const size = Math.min(100, int(q, 'size') ?? 10);
      const current = Math.max(1, int(q, 'current') ?? 1);
      const all = Object.entries((flexible ? a.earn : a.staking) ?? {}).filter(([, v]) => v > 0);
      const rows = all.slice((current - 1) * size, current * size).map(([asset, amount], i) =>
        flexible
          ? {
              totalAmount: fmt(amount),
              tierAnnualPercentageRate: {},
              latestAnnualPercentageRate: '0.02',
              asset,
              canRedeem: true,
              collateralAmount: '0',
              productId: `${asset}001`,
              yesterdayRealTimeRewards: '0',
              cumulativeBonusRewards: '0',
              cumulativeRealTimeRewards: '0',
              cumulativeTotalRewards: '0',
              autoSubscribe: true,
            }
          : {
              positionId: 5000 + i,
              projectId: `${asset}*90`,
              asset,
              amount: fmt(amount),
              purchaseTime: String(opts.now - 30 * DAY_MS),
              duration: '90',
              accrualDays: '30',
              rewardAsset: asset,
              APY: '0.05',
              rewardAmt: '0',
              nextPay: '0',
              nextPayDate: String(opts.now + DAY_MS),
              payPeriod: '1',
              redeemAmountEarly: '0',
              rewardsEndDate: String(opts.now + 60 * DAY_MS),
              deliverDate: String(opts.now + 61 * DAY_MS),
              redeemPeriod: '1',
              redeemingAmt: '0',
              canRedeemEarly: true,
              autoSubscribe: false,
              type: 'NORMAL',
              status: 'HOLDING',
              canReStake: false,
            },
      );
      return json(200, { rows, total: all.length });
    }
    default:
      return null;
  }
}
