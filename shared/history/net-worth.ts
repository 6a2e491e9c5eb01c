/**
 * Net worth from rebuilt holdings: each day's holdings valued at that day's closes, and that series
 * joined to the snapshots Ballast recorded since it was installed. Pure; the main process serves the
 * joined series as `snapshots:list` (electron/services/history/) and the returns read the daily values.
 *
 * A negative amount (the history misses something, see ./reconcile.ts) counts as nothing held, and an
 * asset without a price that day counts as nothing too; both are listed (`clamped`, `unpriced`) so the
 * chart can say so.
 */
import { DAY_MS } from '../domain/types';
import { rangeStart, thin, type NetWorthSeries, type SnapshotRange } from '../portfolio/snapshots';
import type { DailyHoldings } from './holdings';
import type { DailyPrices } from './prices';

/** Every day's value, in the base currency, from the holdings' first day. */
export interface DailyValues {
  base: string;
  start: number;
  days: number;
  /** Sum of the priced values each day. */
  total: Float64Array;
  assets: string[];
  /** Value per asset and day; NaN when held but unpriced that day. */
  byAsset: Float64Array[];
  /** Assets held on some day without a price for that day. */
  unpriced: string[];
  /** Assets whose rebuilt amount went below zero on some day. */
  clamped: string[];
}

export function valueHoldings(h: DailyHoldings, prices: DailyPrices): DailyValues {
  const total = new Float64Array(h.days);
  const byAsset: Float64Array[] = [];
  const unpriced = new Set<string>();
  const clamped = new Set<string>();
  h.assets.forEach((asset, i) => {
    const amounts = h.amounts[i]!;
    const values = new Float64Array(h.days);
    for (let d = 0; d < h.days; d++) {
      let q = amounts[d]!;
      // sums of many floats leave dust below zero; only a real shortfall is reported
      if (q < -1e-9 * Math.max(1, Math.abs(amounts[h.days - 1]!))) clamped.add(asset);
      if (q <= 0) q = 0;
      if (q === 0) continue;
      const p = prices.at(asset, h.start + d * DAY_MS);
      if (p === null) {
        values[d] = Number.NaN;
        unpriced.add(asset);
        continue;
      }
      values[d] = q * p;
      total[d]! += q * p;
    }
    byAsset.push(values);
  });
  return {
    base: prices.base,
    start: h.start,
    days: h.days,
    total,
    assets: [...h.assets],
    byAsset,
    unpriced: [...unpriced].sort(),
    clamped: [...clamped].sort(),
  };
}

/** The daily values as a chart series over `range` (ending on the last day), thinned to `maxPoints`. */
export function seriesFromValues(v: DailyValues, range: SnapshotRange, maxPoints = 500): NetWorthSeries {
  const end = v.start + (v.days - 1) * DAY_MS;
  const from = rangeStart(range, end);
  const rows: { t: number; d: number }[] = [];
  for (let d = 0; d < v.days; d++) {
    const t = v.start + d * DAY_MS;
    if (from === null || t >= from) rows.push({ t, d });
  }
  const chosen = thin(rows, maxPoints);
  const order = v.assets.map((a, i) => ({ a, i })).sort((x, y) => x.a.localeCompare(y.a));
  return {
    base: v.base,
    points: chosen.map((r) => ({ t: r.t, total: v.total[r.d]! })),
    assets: order.map(({ a, i }) => ({
      asset: a,
      values: chosen.map((r) => {
        const x = v.byAsset[i]![r.d]!;
        return Number.isNaN(x) ? null : x;
      }),
    })),
  };
}

/**
 * The rebuilt series up to `installedAt`, then the recorded snapshots: one chart from the first
 * deposit, with the recorded values wherever they exist.
 */
export function joinSeries(rebuilt: NetWorthSeries, recorded: NetWorthSeries, installedAt: number): NetWorthSeries {
  const before = rebuilt.points.map((p, i) => ({ p, i })).filter(({ p }) => p.t < installedAt);
  const names = [...new Set([...rebuilt.assets, ...recorded.assets].map((a) => a.asset))].sort();
  const rebuiltBy = new Map(rebuilt.assets.map((a) => [a.asset, a.values]));
  const recordedBy = new Map(recorded.assets.map((a) => [a.asset, a.values]));
  return {
    base: recorded.base,
    points: [...before.map(({ p }) => p), ...recorded.points],
    assets: names.map((asset) => ({
      asset,
      values: [
        ...before.map(({ i }) => rebuiltBy.get(asset)?.[i] ?? null),
        ...recorded.points.map((_p, j) => recordedBy.get(asset)?.[j] ?? null),
      ],
    })),
  };
}
