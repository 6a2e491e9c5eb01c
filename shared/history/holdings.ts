/**
 * Daily holdings rebuilt from an account's history: the units of each asset held at the end of every
 * UTC day, from the day of the first entry to a given day. Pure; used by the net-worth series
 * (./net-worth.ts), the returns (shared/pnl/) and the bench (bench/history.bench.ts).
 *
 * One pass over the entries adds each change to its day, then one running sum per asset: O(entries +
 * assets x days). The hot loops use typed arrays and short names.
 */
import { DAY_MS } from '../domain/types';
import { balanceChanges } from './changes';
import type { HistoryEntry } from './types';

/** Units held per asset at the end of each day, days in a row from `start`. */
export interface DailyHoldings {
  /** UTC midnight of the first day. */
  start: number;
  days: number;
  assets: string[];
  /** `amounts[i][d]`: units of `assets[i]` held at the end of day `start + d` (may be negative when history is missing). */
  amounts: Float64Array[];
}

export const utcDay = (t: number): number => Math.floor(t / DAY_MS) * DAY_MS;

/** No days, no assets. */
export function emptyHoldings(start: number): DailyHoldings {
  return { start: utcDay(start), days: 0, assets: [], amounts: [] };
}

/**
 * Holdings at the end of every day from the first entry's day (or `from`, when given: earlier entries
 * are folded into that first day) to the day of `to`. Entries after `to` are left out.
 */
export function dailyHoldings(entries: readonly HistoryEntry[], to: number, from?: number): DailyHoldings {
  let first = Infinity;
  for (const e of entries) if (e.t < first) first = e.t;
  if (first === Infinity) return emptyHoldings(from ?? to);
  const start = utcDay(from ?? first);
  const end = utcDay(to);
  if (end < start) return emptyHoldings(start);
  const days = Math.round((end - start) / DAY_MS) + 1;
  const index = new Map<string, number>();
  const deltas: Float64Array[] = [];
  const assets: string[] = [];
  for (const e of entries) {
    if (e.t > to) continue;
    const d = Math.max(0, Math.floor((e.t - start) / DAY_MS));
    for (const c of balanceChanges(e)) {
      let i = index.get(c.asset);
      if (i === undefined) {
        i = assets.length;
        index.set(c.asset, i);
        assets.push(c.asset);
        deltas.push(new Float64Array(days));
      }
      deltas[i]![d]! += c.delta;
    }
  }
  for (const a of deltas) {
    for (let d = 1; d < days; d++) a[d]! += a[d - 1]!;
  }
  return { start, days, assets, amounts: deltas };
}

/** Several accounts' holdings added up per asset, from the earliest start to the latest end. */
export function sumHoldings(list: readonly DailyHoldings[]): DailyHoldings {
  const withDays = list.filter((h) => h.days > 0);
  if (withDays.length === 0) return emptyHoldings(list[0]?.start ?? 0);
  const start = Math.min(...withDays.map((h) => h.start));
  const end = Math.max(...withDays.map((h) => h.start + (h.days - 1) * DAY_MS));
  const days = Math.round((end - start) / DAY_MS) + 1;
  const index = new Map<string, number>();
  const assets: string[] = [];
  const amounts: Float64Array[] = [];
  for (const h of withDays) {
    const offset = Math.round((h.start - start) / DAY_MS);
    h.assets.forEach((asset, j) => {
      let i = index.get(asset);
      if (i === undefined) {
        i = assets.length;
        index.set(asset, i);
        assets.push(asset);
        amounts.push(new Float64Array(days));
      }
      const src = h.amounts[j]!;
      const dst = amounts[i]!;
      for (let d = 0; d < h.days; d++) dst[offset + d]! += src[d]!;
      // after its last day an account keeps what it held then
      const last = src[h.days - 1] ?? 0;
      for (let d = offset + h.days; d < days; d++) dst[d]! += last;
    });
  }
  return { start, days, assets, amounts };
}

/** Units of each asset held at the end of the day of `t` (0 before the first day; the last day's after it). */
export function holdingsOn(h: DailyHoldings, t: number): Record<string, number> {
  const out: Record<string, number> = {};
  if (h.days === 0) return out;
  const d = Math.min(h.days - 1, Math.floor((utcDay(t) - h.start) / DAY_MS));
  if (d < 0) return out;
  h.assets.forEach((a, i) => {
    const v = h.amounts[i]![d]!;
    if (v !== 0) out[a] = v;
  });
  return out;
}
