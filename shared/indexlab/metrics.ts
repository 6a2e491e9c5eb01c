/**
 * Performance metrics of a daily value curve. Definitions (also in docs/INDEX-LAB.md):
 * - daily return r_i = v_i / v_{i-1} - 1 between consecutive points;
 * - total return = v_last / v_first - 1;
 * - CAGR = (v_last / v_first)^(365 / days) - 1, days = (t_last - t_first) / 1 day;
 * - volatility = sample standard deviation of r (n - 1) x sqrt(365);
 * - Sharpe = (mean(r) - rf/365) / stdev(r) x sqrt(365);
 * - Sortino = (mean(r) - rf/365) / sqrt(mean(min(0, r - rf/365)^2)) x sqrt(365);
 * - max drawdown = largest fall from a running peak, as a positive fraction, with the
 *   peak, trough and recovery (first day back at the peak value; null if never) dates.
 */
import { DAY_MS } from '../domain/types';

export const DAYS_PER_YEAR = 365;

export interface PerformanceMetrics {
  startValue: number;
  endValue: number;
  /** Calendar days between the first and last point. */
  days: number;
  totalReturn: number;
  /** Compound annual growth rate; null for a curve shorter than one day. */
  cagr: number | null;
  /** Annualised volatility of daily returns; null with fewer than two returns. */
  volatility: number | null;
  sharpe: number | null;
  sortino: number | null;
  /** Largest peak-to-trough fall as a positive fraction (0.25 = -25%). */
  maxDrawdown: number;
  maxDrawdownPeak: number | null;
  maxDrawdownTrough: number | null;
  maxDrawdownRecovery: number | null;
  bestDay: number | null;
  worstDay: number | null;
}

/**
 * Metrics of a curve given as parallel arrays of UTC times (ms) and values.
 * `riskFreeRate` is annual (fraction); it is spread evenly over 365 days.
 */
export function computeMetrics(t: ArrayLike<number>, v: ArrayLike<number>, riskFreeRate = 0): PerformanceMetrics {
  const n = v.length;
  if (n === 0 || t.length !== n) throw new Error('computeMetrics: need equal, non-empty t and v arrays');
  const v0 = v[0]!;
  const vN = v[n - 1]!;
  const days = (t[n - 1]! - t[0]!) / DAY_MS;
  const totalReturn = vN / v0 - 1;
  const cagr = days > 0 && v0 > 0 ? (vN > 0 ? Math.pow(vN / v0, DAYS_PER_YEAR / days) - 1 : -1) : null;

  const rfDaily = riskFreeRate / DAYS_PER_YEAR;
  let sum = 0;
  let best = -Infinity;
  let worst = Infinity;
  const m = n - 1;
  for (let i = 1; i < n; i++) {
    const r = v[i]! / v[i - 1]! - 1;
    sum += r;
    if (r > best) best = r;
    if (r < worst) worst = r;
  }
  const mean = m > 0 ? sum / m : 0;
  let ss = 0;
  let down = 0;
  for (let i = 1; i < n; i++) {
    const r = v[i]! / v[i - 1]! - 1;
    ss += (r - mean) * (r - mean);
    const ex = r - rfDaily;
    if (ex < 0) down += ex * ex;
  }
  const sd = m > 1 ? Math.sqrt(ss / (m - 1)) : Number.NaN;
  const ann = Math.sqrt(DAYS_PER_YEAR);
  const volatility = Number.isFinite(sd) ? sd * ann : null;
  const sharpe = Number.isFinite(sd) && sd > 0 ? ((mean - rfDaily) / sd) * ann : null;
  const dd = m > 0 ? Math.sqrt(down / m) : 0;
  const sortino = m > 1 && dd > 0 ? ((mean - rfDaily) / dd) * ann : null;

  // Max drawdown with its dates.
  let peak = v0;
  let peakIdx = 0;
  let maxDd = 0;
  let ddPeak = -1;
  let ddTrough = -1;
  for (let i = 1; i < n; i++) {
    const x = v[i]!;
    if (x > peak) {
      peak = x;
      peakIdx = i;
    } else {
      const d = 1 - x / peak;
      if (d > maxDd) {
        maxDd = d;
        ddPeak = peakIdx;
        ddTrough = i;
      }
    }
  }
  let recovery: number | null = null;
  if (ddTrough >= 0) {
    const peakValue = v[ddPeak]!;
    for (let i = ddTrough + 1; i < n; i++) {
      if (v[i]! >= peakValue) {
        recovery = t[i]!;
        break;
      }
    }
  }

  return {
    startValue: v0,
    endValue: vN,
    days,
    totalReturn,
    cagr,
    volatility,
    sharpe,
    sortino,
    maxDrawdown: maxDd,
    maxDrawdownPeak: ddPeak >= 0 ? t[ddPeak]! : null,
    maxDrawdownTrough: ddTrough >= 0 ? t[ddTrough]! : null,
    maxDrawdownRecovery: recovery,
    bestDay: m > 0 ? best : null,
    worstDay: m > 0 ? worst : null,
  };
}

/** Drawdown at each point: v / running peak - 1 (0 at a new high, negative below it). */
export function drawdownSeries(v: ArrayLike<number>): Float64Array {
  const out = new Float64Array(v.length);
  let peak = -Infinity;
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    if (x > peak) peak = x;
    out[i] = peak > 0 ? x / peak - 1 : 0;
  }
  return out;
}
