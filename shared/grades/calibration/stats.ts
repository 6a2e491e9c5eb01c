/**
 * Statistics for the grade calibration: rank information coefficients, a t-statistic that allows
 * for overlapping forward windows, and small summaries. Pure; built on simple-statistics.
 */
import { mean, medianSorted, quantileSorted, sampleRankCorrelation } from 'simple-statistics';

/**
 * Spearman rank correlation of two equally long samples (tied values get their average rank), or
 * NaN when either side has no spread or there are fewer than 3 pairs.
 */
export function rankIC(x: readonly number[], y: readonly number[]): number {
  if (x.length < 3 || x.length !== y.length) return Number.NaN;
  return sampleRankCorrelation(x, y);
}

/**
 * t-statistic of the mean of a daily series whose neighbours overlap (a 7-day forward return
 * measured every day shares 6 days with the next one). Newey-West (1987) standard error with a
 * Bartlett kernel and `lag` = horizon - 1 lags, so overlapping observations are not counted as
 * independent evidence. NaN for fewer than two values.
 */
export function neweyWestT(xs: readonly number[], lag: number): number {
  const n = xs.length;
  if (n < 2) return Number.NaN;
  const m = mean(xs as number[]);
  let s0 = 0;
  for (const x of xs) s0 += (x - m) * (x - m);
  let variance = s0 / n;
  const L = Math.min(Math.max(0, Math.floor(lag)), n - 1);
  for (let l = 1; l <= L; l++) {
    let c = 0;
    for (let i = l; i < n; i++) c += (xs[i]! - m) * (xs[i - l]! - m);
    variance += 2 * (1 - l / (L + 1)) * (c / n);
  }
  return variance > 0 ? m / Math.sqrt(variance / n) : Number.NaN;
}

/** Mean of the finite values, or NaN when there are none. */
export function meanOf(xs: readonly number[]): number {
  const f = xs.filter(Number.isFinite);
  return f.length > 0 ? mean(f) : Number.NaN;
}

/** Median of the finite values, or NaN when there are none. */
export function medianOf(xs: readonly number[]): number {
  const f = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return f.length > 0 ? medianSorted(f) : Number.NaN;
}

/** The given quantiles (0..1) of the finite values, or NaNs when there are none. */
export function quantilesOf(xs: readonly number[], qs: readonly number[]): number[] {
  const f = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return qs.map((q) => (f.length > 0 ? quantileSorted(f, q) : Number.NaN));
}
