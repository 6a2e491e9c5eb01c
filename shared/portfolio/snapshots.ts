/**
 * Portfolio snapshots (one per successful sync) and what is derived from them: compaction, the
 * net-worth series for a range and the 24h / 7d change. Also the same series derived from daily
 * price history x current amounts, used for the sample portfolio.
 */
import { DAY_MS, type Portfolio, type Position, type PriceHistory } from '../domain/types';

export interface SnapshotAsset {
  amount: number;
  /** Price in the snapshot's base currency; null when unpriced. */
  price: number | null;
  value: number | null;
}

export interface PortfolioSnapshot {
  /** Unique per sync run: writing the same snapshot twice never duplicates it. */
  id: string;
  /** When it was taken (ms since epoch). */
  t: number;
  base: string;
  /** Sum of the priced values. */
  total: number;
  assets: Record<string, SnapshotAsset>;
}

export type SnapshotRange = '1W' | '1M' | '1Y' | 'All';
export const SNAPSHOT_RANGES: readonly SnapshotRange[] = ['1W', '1M', '1Y', 'All'];

/** Snapshots younger than this are all kept; older ones are thinned to the last of each UTC day. */
export const KEEP_ALL_DAYS = 30;

export function snapshotFromPortfolio(id: string, p: Portfolio, t = p.asOf): PortfolioSnapshot {
  const assets: Record<string, SnapshotAsset> = {};
  for (const pos of p.positions) {
    const a = (assets[pos.asset] ??= { amount: 0, price: pos.price, value: 0 });
    a.amount += pos.amount;
    a.value = a.value === null || pos.value === null ? null : a.value + pos.value;
    if (a.price === null) a.price = pos.price;
  }
  const total = Object.values(assets).reduce((s, a) => s + (a.value ?? 0), 0);
  return { id, t, base: p.base, total, assets };
}

/**
 * Keep every snapshot of the last `keepAllDays` days and, before that, the last snapshot of each UTC
 * day. Duplicate ids keep their first occurrence. The result is sorted by time.
 */
export function compactSnapshots(
  snaps: readonly PortfolioSnapshot[],
  now: number,
  keepAllDays = KEEP_ALL_DAYS,
): PortfolioSnapshot[] {
  const seen = new Set<string>();
  const unique: PortfolioSnapshot[] = [];
  for (const s of snaps) {
    if (seen.has(s.id)) continue;
    seen.add(s.id);
    unique.push(s);
  }
  unique.sort((a, b) => a.t - b.t || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const cutoff = now - keepAllDays * DAY_MS;
  const out: PortfolioSnapshot[] = [];
  for (let i = 0; i < unique.length; i++) {
    const s = unique[i]!;
    if (s.t >= cutoff) {
      out.push(s);
      continue;
    }
    const next = unique[i + 1];
    const lastOfDay = !next || Math.floor(next.t / DAY_MS) !== Math.floor(s.t / DAY_MS) || next.t >= cutoff;
    if (lastOfDay) out.push(s);
  }
  return out;
}

/** Whether compaction would remove anything (cheap check before rewriting a store). */
export function needsCompaction(snaps: readonly PortfolioSnapshot[], now: number, keepAllDays = KEEP_ALL_DAYS) {
  return compactSnapshots(snaps, now, keepAllDays).length !== snaps.length;
}

export function rangeStart(range: SnapshotRange, end: number): number | null {
  switch (range) {
    case '1W':
      return end - 7 * DAY_MS;
    case '1M':
      return end - 30 * DAY_MS;
    case '1Y':
      return end - 365 * DAY_MS;
    case 'All':
      return null;
  }
}

export interface NetWorthPoint {
  t: number;
  total: number;
}

export interface NetWorthSeries {
  base: string;
  points: NetWorthPoint[];
  /** Value of each asset at each point (aligned with `points`); null when unpriced or not held. */
  assets: { asset: string; values: (number | null)[] }[];
}

/** Thin a sorted series to at most `max` points, keeping the last point of each bucket and the first point. */
export function thin<T extends { t: number }>(items: T[], max: number): T[] {
  if (items.length <= max || max < 2) return items;
  const first = items[0]!;
  const last = items[items.length - 1]!;
  const width = (last.t - first.t) / (max - 1);
  if (width <= 0) return items.slice(-max);
  const out: T[] = [first];
  let bucket = -1;
  for (let i = 1; i < items.length; i++) {
    const it = items[i]!;
    const b = Math.floor((it.t - first.t) / width);
    if (b === bucket) out[out.length - 1] = it;
    else {
      out.push(it);
      bucket = b;
    }
  }
  return out;
}

/** Net-worth series from snapshots in `base` (snapshots in another base are left out). */
export function seriesFromSnapshots(
  snaps: readonly PortfolioSnapshot[],
  base: string,
  range: SnapshotRange,
  now: number,
  maxPoints = 500,
): NetWorthSeries {
  const from = rangeStart(range, now);
  const chosen = thin(
    snaps.filter((s) => s.base === base && (from === null || s.t >= from)).sort((a, b) => a.t - b.t),
    maxPoints,
  );
  const names = [...new Set(chosen.flatMap((s) => Object.keys(s.assets)))].sort();
  return {
    base,
    points: chosen.map((s) => ({ t: s.t, total: s.total })),
    assets: names.map((asset) => ({ asset, values: chosen.map((s) => s.assets[asset]?.value ?? null) })),
  };
}

/**
 * Net-worth series of the current amounts valued at each day's close (the sample portfolio's
 * chart). Days where an asset has no candle reuse its previous close; before its first candle it
 * counts as unpriced.
 */
export function seriesFromHistory(
  positions: readonly Position[],
  history: PriceHistory,
  base: string,
  range: SnapshotRange,
  maxPoints = 500,
): NetWorthSeries {
  const amounts = new Map<string, number>();
  for (const p of positions) amounts.set(p.asset, (amounts.get(p.asset) ?? 0) + p.amount);
  const names = [...amounts.keys()].sort();
  const days = new Set<number>();
  for (const a of names) for (const c of history[a] ?? []) days.add(c.t);
  const timeline = [...days].sort((a, b) => a - b);
  const end = timeline.at(-1) ?? 0;
  const from = rangeStart(range, end);
  const cursor = new Map<string, number>();
  const lastClose = new Map<string, number>();
  const rows: { t: number; total: number; values: (number | null)[] }[] = [];
  for (const t of timeline) {
    const values: (number | null)[] = [];
    let total = 0;
    for (const a of names) {
      const candles = history[a] ?? [];
      let i = cursor.get(a) ?? 0;
      while (i < candles.length && candles[i]!.t <= t) {
        lastClose.set(a, candles[i]!.c);
        i++;
      }
      cursor.set(a, i);
      const close = lastClose.get(a);
      const v = close === undefined ? null : close * amounts.get(a)!;
      values.push(v);
      total += v ?? 0;
    }
    if (from === null || t >= from) rows.push({ t, total, values });
  }
  const chosen = thin(rows, maxPoints);
  return {
    base,
    points: chosen.map((r) => ({ t: r.t, total: r.total })),
    assets: names.map((asset, i) => ({ asset, values: chosen.map((r) => r.values[i] ?? null) })),
  };
}

/**
 * A recorded series led by an estimate: the estimate's points before the first recorded one, then the
 * recorded points. Until syncs cover a range, its start stays the estimate (current amounts x past
 * prices) instead of a straight line between the first syncs. Assets are aligned by name.
 */
export function joinEstimate(estimate: NetWorthSeries, recorded: NetWorthSeries): NetWorthSeries {
  const first = recorded.points[0]?.t;
  if (first === undefined) return estimate;
  const cut = estimate.points.findIndex((p) => p.t >= first);
  const lead = cut === -1 ? estimate.points.length : cut;
  if (lead === 0) return recorded;
  const names = [...new Set([...estimate.assets, ...recorded.assets].map((a) => a.asset))].sort();
  const valuesOf = (s: NetWorthSeries, asset: string, n: number) =>
    s.assets.find((a) => a.asset === asset)?.values.slice(0, n) ?? new Array<number | null>(n).fill(null);
  return {
    base: recorded.base,
    points: [...estimate.points.slice(0, lead), ...recorded.points],
    assets: names.map((asset) => ({
      asset,
      values: [...valuesOf(estimate, asset, lead), ...valuesOf(recorded, asset, recorded.points.length)],
    })),
  };
}

/**
 * The series with at most `max` per-asset lines: the assets worth most at the last point where they
 * have a value (assets never priced are left out). The total is unchanged.
 */
export function topAssets(series: NetWorthSeries, max: number): NetWorthSeries {
  const lastValue = (values: (number | null)[]) => {
    for (let i = values.length - 1; i >= 0; i--) if (values[i] !== null) return values[i]!;
    return null;
  };
  const ranked = series.assets
    .map((a) => ({ a, last: lastValue(a.values) }))
    .filter((x): x is { a: (typeof series.assets)[number]; last: number } => x.last !== null)
    .sort((x, y) => y.last - x.last || (x.a.asset < y.a.asset ? -1 : 1))
    .slice(0, max)
    .map((x) => x.a);
  const keep = new Set(ranked.map((a) => a.asset));
  return { ...series, assets: series.assets.filter((a) => keep.has(a.asset)) };
}

export interface Change {
  /** Value at the start of the period and now. */
  from: number;
  to: number;
  abs: number;
  /** Relative change (0.05 = +5 %); null when the start value is 0. */
  pct: number | null;
  /** Time of the point the change is measured from. */
  since: number;
}

/**
 * Change between the latest point and the last point at least `spanMs` before it. Null when the
 * series does not reach that far back (a point older than 1.5 spans is not accepted as a start).
 */
export function changeOver(points: readonly NetWorthPoint[], spanMs: number): Change | null {
  const last = points.at(-1);
  if (!last) return null;
  const target = last.t - spanMs;
  let start: NetWorthPoint | null = null;
  for (const p of points) {
    if (p.t <= target) start = p;
    else break;
  }
  if (!start || last.t - start.t > spanMs * 1.5) return null;
  const abs = last.total - start.total;
  return { from: start.total, to: last.total, abs, pct: start.total === 0 ? null : abs / start.total, since: start.t };
}

export interface PortfolioChanges {
  change24h: Change | null;
  change7d: Change | null;
}

export function changesOf(points: readonly NetWorthPoint[]): PortfolioChanges {
  return { change24h: changeOver(points, DAY_MS), change7d: changeOver(points, 7 * DAY_MS) };
}
