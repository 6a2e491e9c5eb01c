/**
 * The execute step: trades at the close of day g from the current holdings to the basket
 * decided for g (state.selIdx/selW, the rest in cash).
 *
 * Costs (fee + slippage, cRate of traded value) are paid from the portfolio so that the
 * post-trade weights equal the targets exactly: the post-trade value V' solves
 * V' = V - cRate * sum |w * V' - holding|, found by fixed-point iteration. Updates units,
 * cash, the held list, the targets used by the drift check and the running totals; a full
 * run also logs the rebalance (log.ts). Called by run.ts on each rebalance day. The hot
 * loops use typed arrays and short maths-style names.
 */
import type { RebalanceReason } from '../types';
import { logRebalance, tradeLogs } from './log';
import type { EngineState } from './state';
import { portfolioValue } from './value';

/** Rebalances at the close of day g to the decided basket. */
export function execute(st: EngineState, g: number, reason: RebalanceReason): void {
  const { A, units, held, selIdx, selW, nSel, tw, inUnion, union, closeM, tgtW, cRate, feeShare } = st;
  const before = st.nHeld;
  // Union of held assets and targets; tw = target weight per asset.
  let nU = 0;
  for (let i = 0; i < before; i++) {
    const a = held[i]!;
    inUnion[a] = 1;
    union[nU++] = a;
  }
  let invested = 0;
  for (let i = 0; i < nSel; i++) {
    const a = selIdx[i]!;
    tw[a] = selW[i]!;
    invested += selW[i]!;
    if (!inUnion[a]) {
      inUnion[a] = 1;
      union[nU++] = a;
    }
  }
  const cashW = nSel === 0 ? 1 : Math.max(0, 1 - invested);
  const gb = g * A;
  const cash = st.cash;
  const V = portfolioValue(st, g);
  // Post-trade value V' solves V' = V - c * sum |tw * V' - holding| (fixed point, contraction c < 1).
  let Vn = V;
  let traded = 0;
  for (let it = 0; it < 60; it++) {
    traded = 0;
    for (let i = 0; i < nU; i++) {
      const a = union[i]!;
      traded += Math.abs(tw[a]! * Vn - units[a]! * closeM[gb + a]!);
    }
    const next = V - cRate * traded;
    if (Math.abs(next - Vn) <= 1e-13 * V) {
      Vn = next;
      break;
    }
    Vn = next;
  }
  const trades = st.full ? tradeLogs(st, g, nU, V, Vn) : null;
  traded = 0;
  for (let i = 0; i < nU; i++) {
    const a = union[i]!;
    const price = closeM[gb + a]!;
    const newUnits = (tw[a]! * Vn) / price;
    const dv = tw[a]! * Vn - units[a]! * price;
    traded += Math.abs(dv);
    units[a] = newUnits;
  }
  const cost = V - Vn;
  const newCash = Vn * cashW;
  const to = V > 0 ? (traded + Math.abs(newCash - cash)) / (2 * V) : 0;
  const fromCash = reason === 'initial' && before === 0;
  if (!fromCash) st.turnover += to;
  st.feesPaid += cost * feeShare;
  st.slipPaid += cost * (1 - feeShare);
  st.cash = newCash;
  st.nRebal++;
  // New holdings and targets.
  for (let i = 0; i < nU; i++) {
    const a = union[i]!;
    inUnion[a] = 0;
    tgtW[a] = 0;
  }
  let nHeld = 0;
  for (let i = 0; i < nU; i++) {
    const a = union[i]!;
    if (tw[a]! > 0) {
      held[nHeld++] = a;
      tgtW[a] = tw[a]!;
    } else {
      units[a] = 0;
    }
    tw[a] = 0;
  }
  st.nHeld = nHeld;
  st.tgtCash = cashW;
  if (trades) logRebalance(st, g, reason, { valueBefore: V, valueAfter: Vn, cost, turnover: to, cashW }, trades);
}
