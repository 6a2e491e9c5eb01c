/**
 * Number formatting for the Index Lab (metric values, signed shares, largest weights) and point
 * thinning for its charts. Pure: no React, no DOM, so test/unit runs it under Node. Missing or
 * non-finite numbers always print as "–". Called by the Index Lab components, compare-rows.ts and
 * sweep-axes.ts.
 */
import { pct } from '../../lib/format';

/** A plain number with `digits` decimals; "-0.00" prints as "0.00". */
export function fmtNum(v: number | null | undefined, digits = 2): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  return (v + 0).toFixed(digits).replace(/^-(0\.?0*)$/, '$1');
}

/** A share as a percentage with its sign: "+12.3%", "-4.0%", "0.0%". */
export function signedPct(v: number | null | undefined, digits = 1): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  return `${v > 0 ? '+' : ''}${pct(v, digits)}`;
}

/** The `n` largest weights, largest first ("BTC 40%, ETH 25% +3"), or "–" when there are none. */
export function topWeights(w: Record<string, number>, n = 4): string {
  const entries = Object.entries(w).sort((a, b) => b[1] - a[1]);
  const head = entries.slice(0, n).map(([s, x]) => `${s} ${pct(x, 0)}`);
  return entries.length > n ? `${head.join(', ')} +${entries.length - n}` : head.join(', ') || '–';
}

/** At most ~`max` points per series (every k-th, always keeping the last) for snappy charts. */
export function thin<T>(points: T[], max = 500): T[] {
  if (points.length <= max) return points;
  const step = Math.ceil(points.length / max);
  const out = points.filter((_, i) => i % step === 0);
  if ((points.length - 1) % step !== 0) out.push(points[points.length - 1]!);
  return out;
}

/**
 * The equity-chart points of the rebalances decided by today's catalog market caps (`catalogCaps`):
 * at each such rebalance's date, the strategy's value that day. Empty when no rebalance used hindsight.
 */
export function hindsightPoints(
  equity: { t: ArrayLike<number>; v: ArrayLike<number> },
  rebalances: readonly { t: number; catalogCaps?: string[] }[],
): { x: number; y: number }[] {
  const out: { x: number; y: number }[] = [];
  if (equity.t.length === 0) return out;
  const t0 = equity.t[0]!;
  for (const r of rebalances) {
    if (!r.catalogCaps) continue;
    const i = Math.round((r.t - t0) / 86_400_000);
    if (i >= 0 && i < equity.v.length) out.push({ x: r.t, y: equity.v[i]! });
  }
  return out;
}
