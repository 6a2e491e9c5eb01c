/**
 * runEngine: a deterministic daily simulation of an index strategy on prepared data.
 *
 * Timing (see docs/INDEX-LAB.md): the start date s0 is the funding day (cash, or the
 * starting holdings, at its close). For each later day g up to e, in this order:
 *   1. decide (decide.ts): rebalance or not, and the target basket, from data up to the close
 *      of g - 1 only (universe, ranks, weights, signals, drift, risk-off);
 *   2. execute (execute.ts): trade at the close of g, costs paid so post-trade weights equal
 *      the targets;
 *   3. value (value.ts): units held times the close of g plus cash;
 *   4. log (log.ts, full mode only): weights of the day; rebalance logs come from execute and
 *      the benchmarks are built after the last day.
 * All steps work on one preallocated EngineState (state.ts); a run that only wants metrics
 * (a sweep) builds no logs or curves besides equity. Called by result.ts, portfolio.ts.
 */
import { DAYS_PER_YEAR } from '../metrics';
import type { PreparedData } from '../prepare';
import { isoDay, type IndexSpec } from '../spec';
import { decide } from './decide';
import { execute } from './execute';
import { benchmarks, recordWeights } from './log';
import { createState, type EngineOptions, type EngineOutput, type EngineState } from './state';
import { closeValue, fundingValue } from './value';

/** Runs the simulation on prepared data. Throws IndexLabError when it cannot run. */
export function runEngine(P: PreparedData, spec: IndexSpec, opts: EngineOptions): EngineOutput {
  const st = createState(P, spec, opts);
  const { s0, e, nDays, equity, full } = st;
  const v0 = fundingValue(st);
  equity[0] = v0;
  if (full) recordWeights(st, 0, s0, v0);
  // Threshold cadence: first day of an all-cash start, until the basket first holds an asset.
  let cashFrom = -1;
  for (let g = s0 + 1; g <= e; g++) {
    const k = g - s0;
    const reason = decide(st, g);
    if (reason !== null) {
      if (reason === 'initial' && st.cadence === 'threshold' && st.nSel === 0 && !st.riskOffOn) cashFrom = g;
      else if (cashFrom >= 0 && st.nSel > 0) {
        cashWarning(st, cashFrom, g);
        cashFrom = -1;
      }
      execute(st, g, reason);
      if (reason === 'initial' && !st.holdUnits) {
        st.holdUnits = Float64Array.from(st.units);
        st.holdCash = st.cash;
      }
    }
    const value = closeValue(st, g);
    equity[k] = value;
    if (st.riskOffOn) st.riskOffDays++;
    if (full) recordWeights(st, k, g, value);
  }
  if (cashFrom >= 0) cashWarning(st, cashFrom, -1);
  const bench = full ? benchmarks(st, v0) : null;

  const years = (e - s0) / DAYS_PER_YEAR;
  const { turnover, feesPaid, slipPaid } = st;
  return {
    s0,
    e,
    equity,
    stats: {
      rebalances: st.nRebal,
      turnover,
      annualTurnover: years > 0 ? turnover / years : 0,
      feesPaid,
      slippagePaid: slipPaid,
      costsPaid: feesPaid + slipPaid,
      riskOffShare: nDays > 1 ? st.riskOffDays / (nDays - 1) : 0,
    },
    rebalances: st.rebalances,
    weightSeries: st.weightSeries,
    cashSeries: st.cashSeries,
    hold: bench ? bench.hold : null,
    btc: bench ? bench.btc : null,
    warnings: st.warn,
    cand: st.cand,
  };
}

/**
 * Warns that a threshold-cadence run started all in cash on day `from` and stayed there until day
 * `until` (-1: to the end): the cadence only trades on drift, and all-cash targets never drift.
 */
function cashWarning(st: EngineState, from: number, until: number): void {
  const { P, e } = st;
  const end = until < 0 ? e : until;
  const days = end - from;
  st.warn.add(
    'threshold-cash',
    `The first targets were all cash (no eligible asset on ${isoDay(P.times[from - 1]!)}) and a threshold cadence ` +
      `only trades when weights drift, so the run sat in cash ${until < 0 ? 'to the end' : `until ${isoDay(P.times[until]!)}`} ` +
      `(${days} days); set a later start date or use a calendar cadence`,
    P.times[from]!,
  );
}
