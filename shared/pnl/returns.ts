/**
 * Three returns over a period, from daily values V and daily net flows F (./flows.ts), for 1M, 3M,
 * YTD, 1Y and all. Pure; docs/HISTORY-AND-PNL.md gives the formulas, the Dashboard's returns card the
 * plain-language explanations. A flow on day d is taken to arrive at the start of that day, so V[d]
 * already holds it. For a period from day s to day e:
 *
 * - simple = (V[e] - V[s] - sum F) / (V[s] + sum of the positive F): the gain after what was put in,
 *   over what was there plus what was added;
 * - time-weighted (TWR) = prod over d in (s, e] of V[d] / (V[d-1] + F[d]), minus 1: the holdings'
 *   performance, whatever was added or taken out and when (a day with nothing invested counts as 0%);
 * - money-weighted (MWR) = the rate R over the period with
 *   -V[s] - sum F[d] (1+R)^-((d-s)/(e-s)) + V[e] (1+R)^-1 = 0 (an XIRR on the days, per period rather than
 *   per year), and per year (`mwrAnnual` = (1+R)^(365/(e-s)) - 1).
 */
import { DAY_MS } from '../domain/types';
import type { DailyFlows } from './flows';

export type ReturnPeriod = '1M' | '3M' | 'YTD' | '1Y' | 'All';
export const RETURN_PERIODS: readonly ReturnPeriod[] = ['1M', '3M', 'YTD', '1Y', 'All'];

export interface PeriodReturn {
  period: ReturnPeriod;
  /** First and last day of the period as measured (UTC midnights). */
  from: number;
  to: number;
  /** The history starts after the period would: measured from its first day. */
  partial: boolean;
  startValue: number;
  endValue: number;
  /** Money put in and taken out during the period (both >= 0). */
  deposits: number;
  withdrawals: number;
  /** endValue - startValue - (deposits - withdrawals). */
  gain: number;
  simple: number | null;
  twr: number | null;
  /** Money-weighted return over the period; null when it has no solution. */
  mwr: number | null;
  /** The same per year; null when it has none or is too large to show. */
  mwrAnnual: number | null;
  /** The largest single flow in the period (by size), for the explanation. */
  largestFlow: { t: number; amount: number } | null;
  flowCount: number;
}

/** A dated cash flow, from the investor's side: money put in is negative, money taken out positive. */
export interface CashFlow {
  t: number;
  amount: number;
}

function npv(flows: readonly CashFlow[], rate: number, unitMs: number): { v: number; dv: number } {
  const t0 = flows[0]!.t;
  let v = 0;
  let dv = 0;
  for (const f of flows) {
    const y = (f.t - t0) / unitMs;
    const disc = Math.pow(1 + rate, -y);
    v += f.amount * disc;
    dv += (-y * f.amount * disc) / (1 + rate);
  }
  return { v, dv };
}

/**
 * The annual rate that sets the flows' net present value to zero (an XIRR), or null when there is none
 * in (-99.99%, 10^6).
 */
export function xirr(flows: readonly CashFlow[]): number | null {
  return irr(flows, 365 * DAY_MS);
}

/**
 * The rate per `unitMs` that sets the flows' net present value to zero, or null when there is none in
 * (-99.99%, 10^6). Newton's steps, kept inside a bracket that halves whenever a step would leave it.
 */
export function irr(flows: readonly CashFlow[], unitMs: number): number | null {
  const fs = flows.filter((f) => f.amount !== 0 && Number.isFinite(f.amount)).sort((a, b) => a.t - b.t);
  if (fs.length < 2 || !fs.some((f) => f.amount > 0) || !fs.some((f) => f.amount < 0)) return null;
  // bracket a sign change on a grid of rates
  const grid = [-0.9999, -0.99, -0.9, -0.5, -0.2, 0, 0.2, 0.5, 1, 3, 10, 100, 1e4, 1e6];
  let lo = Number.NaN;
  let hi = Number.NaN;
  let flo = Number.NaN;
  for (let i = 0; i + 1 < grid.length; i++) {
    const a = npv(fs, grid[i]!, unitMs).v;
    const b = npv(fs, grid[i + 1]!, unitMs).v;
    if (a === 0) return grid[i]!;
    if (Math.sign(a) !== Math.sign(b)) {
      lo = grid[i]!;
      hi = grid[i + 1]!;
      flo = a;
      break;
    }
  }
  if (Number.isNaN(lo)) return null;
  let r = (lo + hi) / 2;
  for (let it = 0; it < 200; it++) {
    const { v, dv } = npv(fs, r, unitMs);
    if (Math.abs(v) < 1e-9 * Math.max(1, ...fs.map((f) => Math.abs(f.amount)))) return r;
    if (Math.sign(v) === Math.sign(flo)) {
      lo = r;
      flo = v;
    } else hi = r;
    const step = dv !== 0 ? r - v / dv : Number.NaN;
    r = step > lo && step < hi ? step : (lo + hi) / 2;
    if (hi - lo < 1e-12) return r;
  }
  return r;
}

/** First day of a period ending on `end` (a UTC midnight). */
export function periodStart(period: ReturnPeriod, end: number): number | null {
  switch (period) {
    case '1M':
      return end - 30 * DAY_MS;
    case '3M':
      return end - 91 * DAY_MS;
    case '1Y':
      return end - 365 * DAY_MS;
    case 'YTD':
      // the value at the end of the last day of the year before
      return Date.UTC(new Date(end).getUTCFullYear(), 0, 1) - DAY_MS;
    case 'All':
      return null;
  }
}

/** The three returns over one period; null when the values do not reach into it. */
export function periodReturn(
  values: { start: number; days: number; total: Float64Array },
  flows: DailyFlows,
  period: ReturnPeriod,
): PeriodReturn | null {
  if (values.days === 0) return null;
  const e = values.days - 1;
  const end = values.start + e * DAY_MS;
  const want = periodStart(period, end);
  const offset = Math.round((flows.start - values.start) / DAY_MS);
  const flowOn = (d: number): number => flows.net[d - offset] ?? 0;
  const wantDay = want === null ? 0 : Math.round((want - values.start) / DAY_MS);
  const s = Math.max(0, wantDay);
  if (s >= e) return null;
  const V = values.total;
  let deposits = 0;
  let withdrawals = 0;
  let twr = 1;
  const cash: CashFlow[] = [{ t: values.start + s * DAY_MS, amount: -V[s]! }];
  for (let d = s + 1; d <= e; d++) {
    const f = flowOn(d);
    if (f > 0) deposits += f;
    else withdrawals -= f;
    const before = V[d - 1]! + f;
    if (before > 0) twr *= V[d]! / before;
    if (f !== 0) cash.push({ t: values.start + d * DAY_MS, amount: -f });
  }
  cash.push({ t: end, amount: V[e]! });
  const gain = V[e]! - V[s]! - (deposits - withdrawals);
  const invested = V[s]! + deposits;
  // solved per period (a few days' rate would overflow once made annual), then made annual
  const rate = irr(cash, (e - s) * DAY_MS);
  const annual = rate === null ? null : Math.pow(1 + rate, 365 / (e - s)) - 1;
  const from = values.start + s * DAY_MS;
  const inPeriod = flows.list.filter((f) => f.t >= from + DAY_MS && f.t < end + DAY_MS);
  const largest = inPeriod.reduce<{ t: number; amount: number } | null>(
    (m, f) => (m === null || Math.abs(f.amount) > Math.abs(m.amount) ? f : m),
    null,
  );
  return {
    period,
    from,
    to: end,
    partial: wantDay < 0,
    startValue: V[s]!,
    endValue: V[e]!,
    deposits,
    withdrawals,
    gain,
    simple: invested > 0 ? gain / invested : null,
    twr: invested > 0 ? twr - 1 : null,
    mwr: rate,
    mwrAnnual: annual !== null && Number.isFinite(annual) ? annual : null,
    largestFlow: largest,
    flowCount: inPeriod.length,
  };
}

/** The returns of every period the values reach (periods the history does not reach are left out). */
export function returnsFor(
  values: { start: number; days: number; total: Float64Array },
  flows: DailyFlows,
): PeriodReturn[] {
  return RETURN_PERIODS.map((p) => periodReturn(values, flows, p)).filter((r): r is PeriodReturn => r !== null);
}
