/**
 * Money the user put in or took out, per day, from the imported history: deposits from outside count
 * in (+), withdrawals to outside count out (-), each valued at that day's close; transfers between the
 * user's own accounts (./transfers.ts) count neither way. Income and fees are not flows: they are part
 * of how the holdings did. Pure; the returns (./returns.ts) read these next to the daily values.
 */
import { DAY_MS } from '../domain/types';
import { balanceChanges } from '../history/changes';
import type { DailyPrices } from '../history/prices';
import type { AccountEntry } from '../history/types';
import { refKey, type TransferReport } from './transfers';

/** Net flow per day (base currency), aligned with daily values starting at `start`. */
export interface DailyFlows {
  start: number;
  days: number;
  /** Net money in (+) or out (-) on each day. */
  net: Float64Array;
  /** Every single flow, in time order (for the explanations). */
  list: { t: number; amount: number }[];
}

export function dailyFlows(
  entries: readonly AccountEntry[],
  transfers: TransferReport,
  prices: DailyPrices,
  start: number,
  days: number,
): DailyFlows {
  const skip = new Set<string>();
  for (const m of transfers.matches) {
    skip.add(refKey(m.withdrawal));
    skip.add(refKey(m.deposit));
  }
  const net = new Float64Array(days);
  const list: { t: number; amount: number }[] = [];
  const add = (t: number, amount: number): void => {
    if (amount === 0 || !Number.isFinite(amount)) return;
    const d = Math.max(0, Math.floor((t - start) / DAY_MS));
    if (d >= days) return;
    net[d]! += amount;
    list.push({ t, amount });
  };
  for (const { accountId, entry: e } of entries) {
    if (skip.has(refKey({ accountId, id: e.id }))) continue;
    if (e.kind === 'deposit') add(e.t, (prices.at(e.asset, e.t) ?? 0) * e.amount);
    else if (e.kind === 'withdrawal') add(e.t, -(prices.at(e.asset, e.t) ?? 0) * e.amount);
    else if (e.kind === 'adjustment') {
      for (const c of balanceChanges(e)) add(e.t, (prices.at(c.asset, e.t) ?? 0) * c.delta);
    }
  }
  list.sort((a, b) => a.t - b.t);
  return { start, days, net, list };
}
