/**
 * The log step of a full run (never called when only metrics are wanted, as in a sweep):
 * the trades and notes of each rebalance, end-of-day weights over time, and the two
 * benchmark curves (the first basket held without rebalancing, and buy-and-hold of
 * spec.benchmark). Called by execute.ts and run.ts; reads the state, never changes the
 * portfolio.
 */
import { isoDay } from '../calendar';
import type { RebalanceReason, TradeLog } from '../types';
import type { EngineState } from './state';

/** Amounts of one rebalance, as computed by execute.ts. */
export interface RebalanceAmounts {
  /** Portfolio value at the close before trading, and after paying costs. */
  valueBefore: number;
  valueAfter: number;
  /** Fee + slippage paid. */
  cost: number;
  turnover: number;
  /** Weight held in cash after trading. */
  cashW: number;
}

/**
 * The trades that take the union[0..nU) assets from their current units to the targets
 * state.tw at post-trade value Vn (V = value before trading). Call before units change.
 */
export function tradeLogs(st: EngineState, g: number, nU: number, V: number, Vn: number): TradeLog[] {
  const { A, P, units, union, tw, closeM, cRate } = st;
  const gb = g * A;
  const trades: TradeLog[] = [];
  for (let i = 0; i < nU; i++) {
    const a = union[i]!;
    const price = closeM[gb + a]!;
    const newUnits = (tw[a]! * Vn) / price;
    const dv = tw[a]! * Vn - units[a]! * price;
    if (Math.abs(dv) > 1e-9 * V) {
      trades.push({
        symbol: P.symbols[a]!,
        side: dv > 0 ? 'buy' : 'sell',
        units: newUnits - units[a]!,
        price,
        value: Math.abs(dv),
        cost: cRate * Math.abs(dv),
      });
    }
  }
  return trades;
}

/** Appends the log of the rebalance just executed at the close of day g. */
export function logRebalance(
  st: EngineState,
  g: number,
  reason: RebalanceReason,
  x: RebalanceAmounts,
  trades: TradeLog[],
): void {
  const { P, nSel, selIdx, selW, riskOffOn, feeShare } = st;
  const weights: Record<string, number> = {};
  for (let i = 0; i < nSel; i++) weights[P.symbols[selIdx[i]!]!] = selW[i]!;
  const notes: string[] = [];
  if (riskOffOn) notes.push(riskOffNote(st));
  else if (st.selNote) notes.push(st.selNote);
  const catalogCaps = catalogCapMembers(st);
  if (catalogCaps.length > 0) {
    notes.push(`ranked or weighted by today's catalog market cap (hindsight): ${catalogCaps.join(', ')}`);
  }
  st.rebalances.push({
    t: P.times[g]!,
    date: isoDay(P.times[g]!),
    reason,
    riskOff: riskOffOn,
    valueBefore: x.valueBefore,
    valueAfter: x.valueAfter,
    fees: x.cost * feeShare,
    slippage: x.cost * (1 - feeShare),
    turnover: x.turnover,
    weights,
    cash: x.cashW,
    capCash: riskOffOn ? 0 : st.selCapCash,
    notes,
    ...(catalogCaps.length > 0 ? { catalogCaps } : {}),
    trades,
  });
}

/**
 * Members of the basket just chosen whose rank or weight came from the catalog's present-day market
 * cap (only possible when the history has no caps at all; see align.ts).
 */
export function catalogCapMembers(st: EngineState): string[] {
  const { P, nSel, selIdx, limit, method, riskOffOn } = st;
  if (P.historicalCaps || riskOffOn) return [];
  if (!(limit < Infinity || method === 'marketcap' || method === 'sqrt-marketcap')) return [];
  const out: string[] = [];
  for (let i = 0; i < nSel; i++) if (P.mcapSource[selIdx[i]!] === 2) out.push(P.symbols[selIdx[i]!]!);
  return out;
}

function riskOffNote({ ro }: EngineState): string {
  return ro.rule === 'btc-below-ma'
    ? `risk-off: ${ro.asset} closed below its ${ro.maDays}-day SMA; basket held in cash`
    : `risk-off: basket trend (close vs ${ro.maDays}-day EMA) negative; basket held in cash`;
}

/** Records the end-of-day weights of day g (curve index k) at portfolio value `value`. */
export function recordWeights(st: EngineState, k: number, g: number, value: number): void {
  const { A, units, held, nHeld, closeM, weightSeries } = st;
  for (let i = 0; i < nHeld; i++) {
    const a = held[i]!;
    let s = weightSeries[a]!;
    if (s === null) {
      s = new Float64Array(st.nDays);
      weightSeries[a] = s;
    }
    s[k] = (units[a]! * closeM[g * A + a]!) / value;
  }
  st.cashSeries![k] = st.cash / value;
}

/**
 * The benchmark curves, both starting at the funding value v0: the first basket (or the
 * starting holdings) held unchanged, and spec.benchmark bought at the close of the first
 * trading day with the same costs (null, with a warning, when it has no price then).
 */
export function benchmarks(st: EngineState, v0: number): { hold: Float64Array; btc: Float64Array | null } {
  const { P, spec, A, s0, e, nDays, closeM, warn, maxStale, cRate } = st;
  const hold = new Float64Array(nDays);
  hold[0] = v0;
  const hu = st.holdUnits!;
  const hAssets: number[] = [];
  for (let a = 0; a < A; a++) if (hu[a]! > 0) hAssets.push(a);
  for (let g = s0 + 1; g <= e; g++) {
    let v = st.holdCash;
    for (const a of hAssets) v += hu[a]! * closeM[g * A + a]!;
    hold[g - s0] = v;
  }
  let btc: Float64Array | null = null;
  const b = P.indexOf.get(spec.benchmark);
  const g1 = s0 + 1;
  if (b === undefined) {
    warn.add('bench-missing', `Benchmark ${spec.benchmark} has no price data; its curve is omitted`);
  } else if (Number.isNaN(closeM[g1 * A + b]!) || g1 - st.lastRealM[g1 * A + b]! > maxStale) {
    warn.add(
      'bench-late',
      `Benchmark ${spec.benchmark} has no price on ${isoDay(P.times[g1]!)} (first trading day); its curve is omitted`,
    );
  } else {
    btc = new Float64Array(nDays);
    btc[0] = v0;
    const bu = v0 / (1 + cRate) / closeM[g1 * A + b]!;
    for (let g = g1; g <= e; g++) btc[g - s0] = bu * closeM[g * A + b]!;
  }
  return { hold, btc };
}
