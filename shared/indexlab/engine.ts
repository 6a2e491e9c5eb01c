/**
 * Index Lab engine: a deterministic daily simulation of an index strategy.
 *
 * Timing (see docs/INDEX-LAB.md): the start date s is the funding day (cash at its close).
 * A rebalance on day d decides from data up to the close of d-1 only (universe, ranks,
 * weights, signals, drift, risk-off) and trades at the close of d. Costs (fee + slippage
 * bps of traded value) are paid from the portfolio so that post-trade weights equal the
 * targets exactly. Between rebalances units are held and valued at each close.
 *
 * The hot loop uses typed arrays and preallocated buffers only; logs and curves are built
 * when `full` is requested (a sweep asks for metrics only).
 */
import { isKnownStablecoin } from './catalog';
import { computeMetrics, DAYS_PER_YEAR, drawdownSeries, type PerformanceMetrics } from './metrics';
import { IndexLabError, PreparedData, type SimulationData } from './prepare';
import { isoDay, parseIsoDay, validateIndexSpec, type IndexSpec } from './spec';
import type {
  BenchmarkResult,
  CurvePoint,
  RebalanceLog,
  RebalanceReason,
  SimulationMetrics,
  SimulationResult,
  TradeLog,
  TradingStats,
} from './types';
import { applyWeightCap } from './weights';

/** Smallest daily volatility used by inverse-volatility weighting (avoids dividing by ~0). */
const MIN_VOL = 1e-4;

/** Collects warnings, merging repeats of the same kind into one line with a count. */
export class WarningLog {
  private readonly m = new Map<string, { text: string; count: number; first: number }>();
  /** `text` may be a function so hot paths only build the message the first time. */
  add(key: string, text: string | (() => string), t = Number.NaN): void {
    const e = this.m.get(key);
    if (e) e.count++;
    else this.m.set(key, { text: typeof text === 'string' ? text : text(), count: 1, first: t });
  }
  has(key: string): boolean {
    return this.m.has(key);
  }
  list(): string[] {
    const out: string[] = [];
    for (const { text, count, first } of this.m.values()) {
      if (count > 1) out.push(`${text} (${count} times${Number.isNaN(first) ? '' : `, first on ${isoDay(first)}`})`);
      else out.push(Number.isNaN(first) ? text : `${text} (on ${isoDay(first)})`);
    }
    return out;
  }
}

export interface EngineOptions {
  /** Build curves, per-rebalance logs, weights over time and benchmarks. */
  full: boolean;
  /** Start from these units (by asset index) plus `initialCash` instead of spec.initialCapital in cash. */
  initialUnits?: Float64Array;
  initialCash?: number;
}

export interface EngineOutput {
  /** Grid index of the funding day and of the last day. */
  s0: number;
  e: number;
  equity: Float64Array;
  stats: TradingStats;
  rebalances: RebalanceLog[];
  /** End-of-day weight per asset index, for assets ever held (full mode); null otherwise. */
  weightSeries: (Float64Array | null)[];
  cashSeries: Float64Array | null;
  hold: Float64Array | null;
  btc: Float64Array | null;
  warnings: WarningLog;
}

interface Universe {
  cand: Int32Array;
  /** Fixed target weight per asset index (holdings with targets), else null. */
  fixed: Float64Array | null;
  /** Fixed target weight that is held as cash (stablecoins modelled as cash). */
  fixedCash: number;
  /** Keep at most this many assets, ranked by market cap. */
  limit: number;
  /** Assets without a market cap are dropped (top-N universe). */
  rankOnly: boolean;
}

function resolveUniverse(P: PreparedData, spec: IndexSpec, warn: WarningLog): Universe {
  const u = spec.universe;
  const A = P.symbols.length;
  const incStable = u.includeStablecoins;
  const cand: number[] = [];
  let fixed: Float64Array | null = null;
  let fixedCash = 0;
  let limit = Infinity;
  let rankOnly = false;
  const excludedStables: string[] = [];

  const addListed = (symbols: string[]): void => {
    const missing: string[] = [];
    for (const s of new Set(symbols)) {
      const a = P.indexOf.get(s);
      if (a === undefined) {
        missing.push(s);
        continue;
      }
      if (P.stable[a] && !incStable) {
        excludedStables.push(s);
        continue;
      }
      cand.push(a);
    }
    if (missing.length > 0) {
      warn.add('missing-symbols', `No price data for ${missing.join(', ')}; skipped`);
    }
  };

  switch (u.type) {
    case 'top':
      limit = u.n;
      rankOnly = true;
      for (let a = 0; a < A; a++) {
        if (P.stable[a] && !incStable) continue;
        cand.push(a);
      }
      break;
    case 'sector': {
      const want = new Set<string>(u.sectors);
      limit = u.n ?? Infinity;
      for (let a = 0; a < A; a++) {
        if (!P.info[a]!.sectors.some((s) => want.has(s))) continue;
        if (P.stable[a] && !incStable) {
          excludedStables.push(P.symbols[a]!);
          continue;
        }
        cand.push(a);
      }
      if (cand.length === 0) {
        throw new IndexLabError(
          `No asset with price data belongs to sector ${u.sectors.join(' or ')} (sectors come from the catalog).`,
        );
      }
      break;
    }
    case 'custom':
      limit = u.n ?? Infinity;
      addListed(u.symbols);
      break;
    case 'holdings':
      if (!u.targets) {
        addListed(u.symbols);
        break;
      }
      {
        fixed = new Float64Array(A);
        const missing: string[] = [];
        for (const [k, w] of Object.entries(u.targets)) {
          const s = k.trim().toUpperCase();
          if (!(w > 0)) continue;
          const a = P.indexOf.get(s);
          const stable = a !== undefined ? P.stable[a] === 1 : isKnownStablecoin(s);
          if (stable && (a === undefined || !incStable)) {
            fixedCash += w; // a stablecoin target is modelled as cash earning 0
            continue;
          }
          if (a === undefined) {
            missing.push(s);
            continue;
          }
          if (fixed[a] === 0) cand.push(a);
          fixed[a] = fixed[a]! + w;
        }
        if (missing.length > 0) {
          warn.add(
            'missing-targets',
            `No price data for target(s) ${missing.join(', ')}; the other targets were scaled up to fill their weight`,
          );
        }
      }
      break;
  }
  if (excludedStables.length > 0) {
    warn.add(
      'stables',
      `Stablecoin(s) ${[...new Set(excludedStables)].join(', ')} left out of the risk basket (set universe.includeStablecoins to include them)`,
    );
  }
  if (cand.length === 0 && fixedCash === 0) {
    throw new IndexLabError('The universe is empty: no listed asset has price data.');
  }
  const needsMcap =
    rankOnly || (!fixed && (spec.weighting.method === 'marketcap' || spec.weighting.method === 'sqrt-marketcap'));
  if (needsMcap && cand.length > 0 && cand.every((a) => P.mcapSource[a] === 0)) {
    throw new IndexLabError(
      `${rankOnly ? `The top-${limit} universe` : `${spec.weighting.method} weighting`} needs market caps, but no asset has one: ` +
        'add a market_cap column to the prices (candle mc) or a catalog with marketCapUsd, or use another universe/weighting.',
    );
  }
  if (rankOnly) {
    const unranked = cand.filter((a) => P.mcapSource[a] === 0).map((a) => P.symbols[a]!);
    if (unranked.length > 0) {
      warn.add(
        'unranked',
        `No market cap (candle mc or catalog marketCapUsd) for ${unranked.join(', ')}; they cannot enter the top-${limit} universe`,
      );
    }
  }
  cand.sort((x, y) => x - y);
  return { cand: Int32Array.from(cand), fixed, fixedCash, limit, rankOnly };
}

/** Runs the simulation on prepared data. Throws IndexLabError when it cannot run. */
export function runEngine(P: PreparedData, spec: IndexSpec, opts: EngineOptions): EngineOutput {
  const warn = new WarningLog();
  const A = P.symbols.length;
  const full = opts.full;
  const uni = resolveUniverse(P, spec, warn);
  const { cand, fixed, fixedCash, limit, rankOnly } = uni;
  const method = fixed ? 'fixed' : spec.weighting.method;
  const cap = spec.weighting.maxWeight;
  const u = spec.universe;
  const volLen = spec.weighting.volLookbackDays;
  const minHist = Math.max(u.minHistoryDays, method === 'inverse-volatility' ? volLen + 1 : 1);
  const maxStale = u.maxStaleDays;
  // Day-major matrices: value of asset a on day g at [g * A + a].
  const closeM = P.byDay(P.close);
  const mcapM = P.byDay(P.mcap);
  const countM = P.byDay(P.count);
  const lastRealM = P.byDay(P.lastReal);

  const volM = method === 'inverse-volatility' ? P.byDay(P.volatility(volLen)) : null;
  const sigM = method === 'signal' ? P.signalByDay(spec.weighting.signalLookbackDays) : null;
  let builtinSignal = false;
  if (method === 'signal') for (const a of cand) if (!P.userSignal[a]) builtinSignal = true;
  if ((method === 'marketcap' || method === 'sqrt-marketcap' || limit < Infinity) && !rankOnly) {
    const none = [...cand].filter((a) => P.mcapSource[a] === 0).map((a) => P.symbols[a]!);
    if (none.length > 0) {
      warn.add(
        'no-mcap',
        `No market cap (candle mc or catalog marketCapUsd) for ${none.join(', ')}; ${
          method === 'marketcap' || method === 'sqrt-marketcap' ? 'they get no weight' : 'they rank last'
        }`,
      );
    }
  }
  const staticMc = [...cand].filter((a) => P.mcapSource[a] === 2).map((a) => P.symbols[a]!);
  if (staticMc.length > 0 && (rankOnly || method === 'marketcap' || method === 'sqrt-marketcap' || limit < Infinity)) {
    warn.add(
      'static-mcap',
      `Candles carry no market cap for ${staticMc.join(', ')} on some days; the catalog's static marketCapUsd was used there (a present-day figure)`,
    );
  }

  // Risk-off setup.
  const ro = spec.riskOff;
  let roAsset = -1;
  let roSma: Float64Array | null = null;
  let roTrendM: Float64Array | null = null;
  if (ro.enabled) {
    if (ro.rule === 'btc-below-ma') {
      roAsset = P.indexOf.get(ro.asset) ?? -1;
      if (roAsset < 0)
        warn.add('ro-missing', `Risk-off rule watches ${ro.asset}, which has no price data; the rule never triggers`);
      else roSma = P.sma(roAsset, ro.maDays);
    } else {
      roTrendM = P.byDay(P.trend(ro.maDays));
    }
  }

  // Timeline.
  const days = P.days;
  let s0: number;
  if (spec.startDate) {
    s0 = P.dayIndex(parseIsoDay(spec.startDate));
    if (s0 < 0) {
      warn.add(
        'start-clamped',
        `startDate ${spec.startDate} is before the first price (${isoDay(P.times[0]!)}); started there`,
      );
      s0 = 0;
    }
  } else {
    const autoHist = Math.max(minHist, method === 'signal' && builtinSignal ? spec.weighting.signalLookbackDays : 1);
    s0 = -1;
    for (let p = 0; p < days - 1 && s0 < 0; p++) {
      for (let i = 0; i < cand.length; i++) {
        const x = p * A + cand[i]!;
        if (countM[x]! >= autoHist && (!rankOnly || mcapM[x]! > 0)) {
          s0 = p;
          break;
        }
      }
    }
    if (s0 < 0) {
      if (cand.length === 0) s0 = 0;
      else
        throw new IndexLabError(`No asset in the universe reaches ${autoHist} days of history before the data ends.`);
    }
  }
  let e = days - 1;
  if (spec.endDate) {
    const ei = P.dayIndex(parseIsoDay(spec.endDate));
    if (ei < e) e = ei;
    else if (ei > e)
      warn.add('end-clamped', `endDate ${spec.endDate} is after the last price (${isoDay(P.times[e]!)}); ended there`);
  }
  if (s0 >= days - 1 || e <= s0) {
    const startText = spec.startDate ?? isoDay(P.times[Math.min(s0, days - 1)]!);
    const endText = spec.endDate ?? isoDay(P.times[days - 1]!);
    throw new IndexLabError(
      `Not enough data to simulate: the start (${startText}) must be before the end (${endText}) and before the last price day (${isoDay(
        P.times[days - 1]!,
      )}).`,
    );
  }
  const nDays = e - s0 + 1;

  // State and preallocated buffers.
  const units = new Float64Array(A);
  let cash = spec.initialCapital;
  if (opts.initialUnits) {
    units.set(opts.initialUnits);
    cash = opts.initialCash ?? 0;
  }
  const held = new Int32Array(A);
  let nHeld = 0;
  for (let a = 0; a < A; a++) if (units[a]! > 0) held[nHeld++] = a;
  const tgtW = new Float64Array(A);
  let tgtCash = 1;
  const selIdx = new Int32Array(A);
  const selW = new Float64Array(A);
  const selKey = new Float64Array(A);
  const topIdx = new Int32Array(A + 1);
  const topKey = new Float64Array(A + 1);
  const tw = new Float64Array(A);
  const inUnion = new Uint8Array(A);
  const union = new Int32Array(A);
  let nSel = 0;
  let selCapCash = 0;
  let selNote = '';

  const equity = new Float64Array(nDays);
  const rebalances: RebalanceLog[] = [];
  const weightSeries: (Float64Array | null)[] = new Array<Float64Array | null>(A).fill(null);
  const cashSeries = full ? new Float64Array(nDays) : null;
  const cRate = (spec.costs.feeBps + spec.costs.slippageBps) / 10_000;
  const feeShare = cRate > 0 ? spec.costs.feeBps / (spec.costs.feeBps + spec.costs.slippageBps) : 0;
  let feesPaid = 0;
  let slipPaid = 0;
  let turnover = 0;
  let nRebal = 0;
  let riskOffDays = 0;
  let riskOffOn = false;
  let holdUnits: Float64Array | null = null;
  let holdCash = 0;
  if (opts.initialUnits) {
    holdUnits = Float64Array.from(units);
    holdCash = cash;
  }

  /** Picks the target basket at previous close p into selIdx/selW (nSel) and selCapCash. */
  const selectTargets = (p: number): void => {
    let n = 0;
    selNote = '';
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
    if (n > limit) {
      // Keep the `limit` largest market caps (ties: symbol order) in a small sorted buffer.
      let m = 0;
      for (let i = 0; i < n; i++) {
        const a = selIdx[i]!;
        const k = selKey[i]!;
        if (m === limit) {
          const lk = topKey[m - 1]!;
          if (k < lk || (k === lk && a > topIdx[m - 1]!)) continue;
          m--; // drop the smallest
        }
        let j = m - 1;
        while (j >= 0 && (topKey[j]! < k || (topKey[j] === k && topIdx[j]! > a))) {
          topIdx[j + 1] = topIdx[j]!;
          topKey[j + 1] = topKey[j]!;
          j--;
        }
        topIdx[j + 1] = a;
        topKey[j + 1] = k;
        m++;
      }
      for (let i = 0; i < m; i++) {
        selIdx[i] = topIdx[i]!;
        selKey[i] = topKey[i]!;
      }
      n = m;
    }
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
    const denom = sum + (method === 'fixed' ? fixedCash : 0);
    if (!(denom > 0)) {
      nSel = 0;
      selCapCash = 0;
      if (method === 'signal' && n > 0) selNote = 'no asset had a positive signal; held in cash';
      else selNote = 'no eligible asset; held in cash';
      return;
    }
    for (let i = 0; i < n; i++) selW[i] = selW[i]! / denom;
    selCapCash = applyWeightCap(selW, n, cap);
    // Compact out zero weights.
    m = 0;
    for (let i = 0; i < n; i++) {
      if (selW[i]! > 0) {
        selIdx[m] = selIdx[i]!;
        selW[m] = selW[i]!;
        m++;
      }
    }
    nSel = m;
    if (selCapCash > 1e-12) {
      warn.add(
        'cap-infeasible',
        () =>
          `maxWeight ${(cap! * 100).toFixed(2)}% cannot be met with the assets available; the excess was held in cash`,
        P.times[p + 1]!,
      );
      if (full) selNote = `maxWeight cap infeasible with ${m} asset(s): ${(selCapCash * 100).toFixed(2)}% held in cash`;
    }
  };

  const isBearish = (p: number): boolean => {
    if (ro.rule === 'btc-below-ma') {
      if (roAsset < 0) return false;
      const c = P.close[roAsset]![p]!;
      const s = roSma![p]!;
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
    let num = 0;
    let den = 0;
    for (let i = 0; i < nSel; i++) {
      const x = roTrendM![p * A + selIdx[i]!]!;
      if (Number.isNaN(x)) continue;
      num += selW[i]! * x;
      den += selW[i]!;
    }
    if (den <= 0) return false;
    return num / den < 0;
  };

  const execute = (g: number, reason: RebalanceReason): void => {
    const before = nHeld;
    // Union of held assets and targets; tw = target weight per asset.
    let nU = 0;
    for (let i = 0; i < nHeld; i++) {
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
    let V = cash;
    for (let i = 0; i < nHeld; i++) {
      const a = held[i]!;
      V += units[a]! * closeM[gb + a]!;
    }
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
    traded = 0;
    const trades: TradeLog[] | null = full ? [] : null;
    for (let i = 0; i < nU; i++) {
      const a = union[i]!;
      const price = closeM[gb + a]!;
      const newUnits = (tw[a]! * Vn) / price;
      const dv = tw[a]! * Vn - units[a]! * price;
      traded += Math.abs(dv);
      if (trades && Math.abs(dv) > 1e-9 * V) {
        trades.push({
          symbol: P.symbols[a]!,
          side: dv > 0 ? 'buy' : 'sell',
          units: newUnits - units[a]!,
          price,
          value: Math.abs(dv),
          cost: cRate * Math.abs(dv),
        });
      }
      units[a] = newUnits;
    }
    const cost = V - Vn;
    const newCash = Vn * cashW;
    const to = V > 0 ? (traded + Math.abs(newCash - cash)) / (2 * V) : 0;
    const fromCash = reason === 'initial' && before === 0;
    if (!fromCash) turnover += to;
    feesPaid += cost * feeShare;
    slipPaid += cost * (1 - feeShare);
    cash = newCash;
    nRebal++;
    // New holdings and targets.
    for (let i = 0; i < nU; i++) {
      const a = union[i]!;
      inUnion[a] = 0;
      tgtW[a] = 0;
    }
    nHeld = 0;
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
    tgtCash = cashW;
    if (full) {
      const weights: Record<string, number> = {};
      for (let i = 0; i < nSel; i++) weights[P.symbols[selIdx[i]!]!] = selW[i]!;
      const notes: string[] = [];
      if (riskOffOn) notes.push(riskOffNote());
      else if (selNote) notes.push(selNote);
      rebalances.push({
        t: P.times[g]!,
        date: isoDay(P.times[g]!),
        reason,
        riskOff: riskOffOn,
        valueBefore: V,
        valueAfter: Vn,
        fees: cost * feeShare,
        slippage: cost * (1 - feeShare),
        turnover: to,
        weights,
        cash: cashW,
        capCash: riskOffOn ? 0 : selCapCash,
        notes,
        trades: trades!,
      });
    }
  };

  const riskOffNote = (): string =>
    ro.rule === 'btc-below-ma'
      ? `risk-off: ${ro.asset} closed below its ${ro.maDays}-day SMA; basket held in cash`
      : `risk-off: basket trend (close vs ${ro.maDays}-day EMA) negative; basket held in cash`;

  // Day 0: funding day.
  let v0 = cash;
  for (let i = 0; i < nHeld; i++) {
    const a = held[i]!;
    v0 += units[a]! * closeM[s0 * A + a]!;
  }
  if (!(v0 > 0)) throw new IndexLabError('The starting portfolio has no value on the start date.');
  equity[0] = v0;
  const recordWeights = (k: number, g: number, value: number): void => {
    for (let i = 0; i < nHeld; i++) {
      const a = held[i]!;
      let s = weightSeries[a]!;
      if (s === null) {
        s = new Float64Array(nDays);
        weightSeries[a] = s;
      }
      s[k] = (units[a]! * closeM[g * A + a]!) / value;
    }
    cashSeries![k] = cash / value;
  };
  if (full) recordWeights(0, s0, v0);

  const cadence = spec.rebalance.cadence;
  const band = spec.rebalance.band;
  const dailyRisk = ro.enabled && (ro.checkDaily || cadence === 'threshold');
  const monthKey = P.monthKey;
  for (let g = s0 + 1; g <= e; g++) {
    const p = g - 1;
    const k = g - s0;
    let reason: RebalanceReason | null = null;
    if (g === s0 + 1) reason = 'initial';
    else if (cadence === 'weekly') {
      if ((g - s0 - 1) % 7 === 0) reason = 'scheduled';
    } else if (cadence === 'monthly') {
      if (monthKey[g] !== monthKey[p]) reason = 'scheduled';
    } else if (cadence === 'quarterly') {
      if (((monthKey[g]! / 3) | 0) !== ((monthKey[p]! / 3) | 0)) reason = 'scheduled';
    } else {
      // Threshold: drift of the weights at the previous close against the last targets.
      const Vp = equity[k - 1]!;
      let maxDrift = Math.abs(cash / Vp - tgtCash);
      for (let i = 0; i < nHeld; i++) {
        const a = held[i]!;
        const d = Math.abs((units[a]! * closeM[p * A + a]!) / Vp - tgtW[a]!);
        if (d > maxDrift) maxDrift = d;
      }
      if (maxDrift > band) reason = 'drift';
    }
    let selected = false;
    if (ro.enabled && (reason !== null || dailyRisk)) {
      selectTargets(p);
      selected = true;
      const bearish = isBearish(p);
      if (reason === null && bearish !== riskOffOn) reason = bearish ? 'risk-off' : 'risk-on';
      if (reason !== null) riskOffOn = bearish;
    }
    if (reason !== null) {
      if (!selected) selectTargets(p);
      if (riskOffOn) nSel = 0;
      execute(g, reason);
      if (reason === 'initial' && !holdUnits) {
        holdUnits = Float64Array.from(units);
        holdCash = cash;
      }
    }
    let value = cash;
    const gb = g * A;
    for (let i = 0; i < nHeld; i++) {
      const a = held[i]!;
      value += units[a]! * closeM[gb + a]!;
      const lr = lastRealM[gb + a]!;
      if (g - lr > maxStale && !warn.has(`held-stale-${a}`)) {
        warn.add(
          `held-stale-${a}`,
          `${P.symbols[a]}: no candle after ${isoDay(P.times[lr]!)} while held; valued at its last close until sold`,
        );
      }
    }
    equity[k] = value;
    if (riskOffOn) riskOffDays++;
    if (full) recordWeights(k, g, value);
  }

  // Benchmarks (full mode only).
  let hold: Float64Array | null = null;
  let btc: Float64Array | null = null;
  if (full) {
    hold = new Float64Array(nDays);
    hold[0] = v0;
    const hu = holdUnits!;
    const hAssets: number[] = [];
    for (let a = 0; a < A; a++) if (hu[a]! > 0) hAssets.push(a);
    for (let g = s0 + 1; g <= e; g++) {
      let v = holdCash;
      for (const a of hAssets) v += hu[a]! * closeM[g * A + a]!;
      hold[g - s0] = v;
    }
    const b = P.indexOf.get(spec.benchmark);
    const g1 = s0 + 1;
    if (b === undefined) {
      warn.add('bench-missing', `Benchmark ${spec.benchmark} has no price data; its curve is omitted`);
    } else if (Number.isNaN(P.close[b]![g1]!) || g1 - P.lastReal[b]![g1]! > maxStale) {
      warn.add(
        'bench-late',
        `Benchmark ${spec.benchmark} has no price on ${isoDay(P.times[g1]!)} (first trading day); its curve is omitted`,
      );
    } else {
      btc = new Float64Array(nDays);
      btc[0] = v0;
      const bc = P.close[b]!;
      const bu = v0 / (1 + cRate) / bc[g1]!;
      for (let g = g1; g <= e; g++) btc[g - s0] = bu * bc[g]!;
    }
  }

  const years = (e - s0) / DAYS_PER_YEAR;
  return {
    s0,
    e,
    equity,
    stats: {
      rebalances: nRebal,
      turnover,
      annualTurnover: years > 0 ? turnover / years : 0,
      feesPaid,
      slippagePaid: slipPaid,
      costsPaid: feesPaid + slipPaid,
      riskOffShare: nDays > 1 ? riskOffDays / (nDays - 1) : 0,
    },
    rebalances,
    weightSeries,
    cashSeries,
    hold,
    btc,
    warnings: warn,
  };
}

/** Plain array copy of a typed array (faster than Array.from on typed arrays). */
function toArray(x: ArrayLike<number>): number[] {
  const out = new Array<number>(x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i]!;
  return out;
}

function toPoints(times: Float64Array, s0: number, v: Float64Array): CurvePoint[] {
  const out: CurvePoint[] = new Array<CurvePoint>(v.length);
  for (let k = 0; k < v.length; k++) out[k] = { t: times[s0 + k]!, v: v[k]! };
  return out;
}

function benchmark(label: string, times: Float64Array, s0: number, v: Float64Array, rf: number): BenchmarkResult {
  return {
    label,
    equity: toPoints(times, s0, v),
    metrics: computeMetrics(times.subarray(s0, s0 + v.length), v, rf),
  };
}

/** Accepts raw data or data already prepared with prepareData(). */
export function asPrepared(data: SimulationData | PreparedData): PreparedData {
  return data instanceof PreparedData ? data : new PreparedData(data);
}

/** Builds the public result from an engine run. */
export function buildResult(P: PreparedData, spec: IndexSpec, out: EngineOutput): SimulationResult {
  const { s0, equity } = out;
  const times = P.times;
  const tSlice = times.subarray(s0, s0 + equity.length);
  const perf: PerformanceMetrics = computeMetrics(tSlice, equity, spec.riskFreeRate);
  const metrics: SimulationMetrics = { ...perf, ...out.stats };
  const dd = drawdownSeries(equity);
  const series: Array<{ symbol: string; w: number[] }> = [];
  out.weightSeries.forEach((w, a) => {
    if (w) series.push({ symbol: P.symbols[a]!, w: toArray(w) });
  });
  const basketLabel =
    spec.universe.type === 'holdings' ? 'Starting holdings, no rebalancing' : 'First basket, no rebalancing';
  return {
    version: spec.version,
    spec,
    start: times[s0]!,
    end: times[out.e]!,
    initialValue: equity[0]!,
    finalValue: equity[equity.length - 1]!,
    equity: toPoints(times, s0, equity),
    drawdown: toPoints(times, s0, dd),
    metrics,
    benchmarks: {
      btc: out.btc ? benchmark(`${spec.benchmark} buy and hold`, times, s0, out.btc, spec.riskFreeRate) : null,
      hold: benchmark(basketLabel, times, s0, out.hold!, spec.riskFreeRate),
    },
    rebalances: out.rebalances,
    weights: {
      t: toArray(tSlice),
      series,
      cash: toArray(out.cashSeries!),
    },
    warnings: [...P.warnings, ...out.warnings.list()],
  };
}

/**
 * Simulates an index spec over the given price data.
 * `spec` may be partial JSON: it is validated and defaulted (throws IndexSpecError).
 * Throws IndexLabError when the data cannot support the run.
 */
export function simulate(spec: unknown, data: SimulationData | PreparedData): SimulationResult {
  const s = validateIndexSpec(spec);
  const P = asPrepared(data);
  return buildResult(P, s, runEngine(P, s, { full: true }));
}

/** Metrics only (no curves or logs): the fast path used by sweeps. */
export function simulateMetrics(spec: IndexSpec, P: PreparedData): SimulationMetrics {
  const out = runEngine(P, spec, { full: false });
  const perf = computeMetrics(P.times.subarray(out.s0, out.s0 + out.equity.length), out.equity, spec.riskFreeRate);
  return { ...perf, ...out.stats };
}
