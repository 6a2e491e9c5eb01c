/**
 * The decide step: whether day g rebalances, and to which basket.
 *
 * No look-ahead: every decision for day g reads the previous close p = g - 1 only
 * (eligibility, market caps, ranks, volatility, signals, drift and the risk-off rule);
 * nothing after p is read. The trades happen at the close of g (execute.ts).
 *
 * decide() leaves the target basket in state.selIdx/selW[0..nSel) (nSel = 0 in risk-off: all
 * cash) and returns the reason, or null when day g does not trade. Called by run.ts once per
 * day. Hot loops use typed arrays and short maths-style names.
 */
import type { RebalanceReason } from '../types';
import { applyWeightCap } from '../weights';
import type { EngineState } from './state';
import { keepTop } from './top';

/** Smallest daily volatility used by inverse-volatility weighting (avoids dividing by ~0). */
const MIN_VOL = 1e-4;

/** Decides day g (g > s0): the rebalance reason, or null. Sets the target basket when it trades. */
export function decide(st: EngineState, g: number): RebalanceReason | null {
  const p = g - 1;
  let reason = scheduledReason(st, g);
  let selected = false;
  if (st.ro.enabled && (reason !== null || st.dailyRisk)) {
    selectTargets(st, p);
    selected = true;
    const bearish = isBearish(st, p);
    if (reason === null && bearish !== st.riskOffOn) reason = bearish ? 'risk-off' : 'risk-on';
    if (reason !== null) st.riskOffOn = bearish;
  }
  if (reason !== null) {
    if (!selected) selectTargets(st, p);
    if (st.riskOffOn) st.nSel = 0;
  }
  return reason;
}

/** The cadence's reason to trade on day g: the first day, the schedule, or drift beyond the band. */
function scheduledReason(st: EngineState, g: number): RebalanceReason | null {
  const { s0, cadence } = st;
  const p = g - 1;
  if (g === s0 + 1) return 'initial';
  const monthKey = st.P.monthKey;
  switch (cadence) {
    case 'weekly':
      return (g - s0 - 1) % 7 === 0 ? 'scheduled' : null;
    case 'monthly':
      return monthKey[g] !== monthKey[p] ? 'scheduled' : null;
    case 'quarterly':
      return ((monthKey[g]! / 3) | 0) !== ((monthKey[p]! / 3) | 0) ? 'scheduled' : null;
    case 'threshold': {
      // Drift of the weights at the previous close against the last targets.
      const { units, held, nHeld, closeM, tgtW, A } = st;
      const Vp = st.equity[p - s0]!;
      let maxDrift = Math.abs(st.cash / Vp - st.tgtCash);
      for (let i = 0; i < nHeld; i++) {
        const a = held[i]!;
        const d = Math.abs((units[a]! * closeM[p * A + a]!) / Vp - tgtW[a]!);
        if (d > maxDrift) maxDrift = d;
      }
      return maxDrift > st.band ? 'drift' : null;
    }
  }
}

/**
 * Picks the target basket at previous close p into selIdx/selW (nSel) and selCapCash:
 * eligible candidates, the top `limit` by market cap, raw weights, normalisation, the cap.
 */
function selectTargets(st: EngineState, p: number): void {
  const { P, A, cand, countM, lastRealM, mcapM, minHist, maxStale, rankOnly, limit, warn } = st;
  const { selIdx, selKey, selW, method, fixed, volM, sigM, cap } = st;
  let n = 0;
  st.selNote = '';
  const base = p * A;
  for (let i = 0; i < cand.length; i++) {
    const a = cand[i]!;
    const cnt = countM[base + a]!;
    if (cnt < minHist) continue;
    if (p - lastRealM[base + a]! > maxStale) {
      if (cnt > 0) {
        warn.add(
          `stale-${a}`,
          () => `${P.symbols[a]}: no candle for more than ${maxStale} days; left out of the basket`,
          P.times[p + 1]!,
        );
      }
      continue;
    }
    const mc = mcapM[base + a]!;
    if (rankOnly && !(mc > 0)) continue;
    selIdx[n] = a;
    selKey[n] = mc > 0 ? mc : -1;
    n++;
  }
  if (n > limit) n = keepTop(st.selIdx, st.selKey, n, limit, st.topIdx, st.topKey);
  // Raw weights; drop assets without a usable input.
  let m = 0;
  for (let i = 0; i < n; i++) {
    const a = selIdx[i]!;
    let w: number;
    switch (method) {
      case 'fixed':
        w = fixed![a]!;
        break;
      case 'marketcap':
        w = selKey[i]! > 0 ? selKey[i]! : Number.NaN;
        break;
      case 'sqrt-marketcap':
        w = selKey[i]! > 0 ? Math.sqrt(selKey[i]!) : Number.NaN;
        break;
      case 'equal':
        w = 1;
        break;
      case 'inverse-volatility': {
        const v = volM![base + a]!;
        w = Number.isNaN(v) ? Number.NaN : 1 / Math.max(v, MIN_VOL);
        break;
      }
      case 'signal': {
        const s = sigM![base + a]!;
        w = s > 0 ? s : 0;
        break;
      }
    }
    if (!(w >= 0)) continue;
    selIdx[m] = a;
    selW[m] = w;
    m++;
  }
  n = m;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += selW[i]!;
  const denom = sum + (method === 'fixed' ? st.fixedCash : 0);
  if (!(denom > 0)) {
    st.nSel = 0;
    st.selCapCash = 0;
    if (method === 'signal' && n > 0) st.selNote = 'no asset had a positive signal; held in cash';
    else st.selNote = 'no eligible asset; held in cash';
    return;
  }
  for (let i = 0; i < n; i++) selW[i] = selW[i]! / denom;
  const capCash = applyWeightCap(selW, n, cap);
  st.selCapCash = capCash;
  // Compact out zero weights.
  m = 0;
  for (let i = 0; i < n; i++) {
    if (selW[i]! > 0) {
      selIdx[m] = selIdx[i]!;
      selW[m] = selW[i]!;
      m++;
    }
  }
  st.nSel = m;
  if (capCash > 1e-12) {
    warn.add(
      'cap-infeasible',
      () =>
        `maxWeight ${(cap! * 100).toFixed(2)}% cannot be met with the assets available; the excess was held in cash`,
      P.times[p + 1]!,
    );
    if (st.full)
      st.selNote = `maxWeight cap infeasible with ${m} asset(s): ${(capCash * 100).toFixed(2)}% held in cash`;
  }
}

/** The risk-off rule at previous close p: the watched asset below its SMA, or the basket's trend below 0. */
function isBearish(st: EngineState, p: number): boolean {
  const { ro, P, warn } = st;
  if (ro.rule === 'btc-below-ma') {
    if (st.roAsset < 0) return false;
    const c = st.closeM[p * st.A + st.roAsset]!;
    const s = st.roSma![p]!;
    if (Number.isNaN(s) || Number.isNaN(c)) {
      warn.add(
        'ro-warmup',
        () => `Risk-off rule inactive while ${ro.asset} has fewer than ${ro.maDays} days of history`,
        P.times[p + 1]!,
      );
      return false;
    }
    return c < s;
  }
  const { nSel, selIdx, selW, A } = st;
  const roTrendM = st.roTrendM!;
  let num = 0;
  let den = 0;
  for (let i = 0; i < nSel; i++) {
    const x = roTrendM[p * A + selIdx[i]!]!;
    if (Number.isNaN(x)) continue;
    num += selW[i]! * x;
    den += selW[i]!;
  }
  if (den <= 0) return false;
  return num / den < 0;
}
