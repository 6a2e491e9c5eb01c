/**
 * The data the calibration works on: every asset's closes and raw factor values on every day, and
 * what happened next (forward return, volatility, worst fall, collapse). Built once per price
 * history; pure.
 */
import { DAY_MS, type PriceHistory } from '../../domain/types';
import { factorSeries, type FactorSeries } from '../grades';

export interface PanelAsset {
  symbol: string;
  /** Candle times (UTC midnight, ms), ascending. */
  t: Float64Array;
  /** Closes (unusable ones carried from the previous close). */
  c: Float64Array;
  raw: FactorSeries;
  /** Candle index by day. */
  at: Map<number, number>;
  /** Forward outcomes per horizon (days), filled on first use by forwardSeries. */
  forward: Map<number, ForwardSeries>;
  /** Collapse within a year per candle: 1 yes, 0 no, -1 unknown; filled on first use. */
  collapse: Int8Array | null;
}

export interface Panel {
  assets: PanelAsset[];
  /** Every day on which at least one asset has a candle, ascending. */
  days: number[];
}

/** Builds the panel of the assets `include` accepts (default: all). */
export function buildPanel(history: PriceHistory, include: (symbol: string) => boolean = () => true): Panel {
  const steps = buildPanelSteps(history, include);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** buildPanel, pausing after each asset (see evaluateGradeSteps). */
export function* buildPanelSteps(
  history: PriceHistory,
  include: (symbol: string) => boolean = () => true,
): Generator<void, Panel> {
  const assets: PanelAsset[] = [];
  const days = new Set<number>();
  for (const symbol of Object.keys(history).sort()) {
    const candles = history[symbol] ?? [];
    if (candles.length === 0 || !include(symbol)) continue;
    const t = new Float64Array(candles.length);
    const c = new Float64Array(candles.length);
    const at = new Map<number, number>();
    let last = Number.NaN;
    candles.forEach((cd, i) => {
      t[i] = cd.t;
      if (cd.c > 0 && cd.c < Infinity) last = cd.c;
      c[i] = last;
      at.set(cd.t, i);
      days.add(cd.t);
    });
    assets.push({ symbol, t, c, raw: factorSeries(candles), at, forward: new Map(), collapse: null });
    yield;
  }
  return { assets, days: [...days].sort((a, b) => a - b) };
}

export interface Forward {
  /** log(close at j / close at i). */
  logReturn: number;
  /** Annualised standard deviation of the daily log returns from i to j. */
  volatility: number;
  /** Largest fall from a running high (starting at the close at i) up to j, <= 0. */
  maxDrawdown: number;
}

/** What happened to an asset from candle i to candle j (j > i). */
export function forwardOutcome(a: PanelAsset, i: number, j: number): Forward {
  const c = a.c;
  let peak = c[i]!;
  let worst = 0;
  let s = 0;
  let s2 = 0;
  for (let k = i + 1; k <= j; k++) {
    const x = c[k]!;
    const r = Math.log(x / c[k - 1]!);
    s += r;
    s2 += r * r;
    if (x > peak) peak = x;
    else if (x / peak - 1 < worst) worst = x / peak - 1;
  }
  const n = j - i;
  const m = s / n;
  return {
    logReturn: Math.log(c[j]! / c[i]!),
    volatility: Math.sqrt(Math.max(0, s2 / n - m * m)) * Math.sqrt(365),
    maxDrawdown: worst,
  };
}

/** A fall of this much below the close of the graded day counts as a collapse. */
export const COLLAPSE_DRAWDOWN = -0.8;
/** Collapses are looked for within this many days of the graded day. */
export const COLLAPSE_DAYS = 365;

/**
 * Whether the close fell to COLLAPSE_DRAWDOWN below the close at i within COLLAPSE_DAYS, or null
 * when the history does not cover that year (the answer is unknown, not "no").
 */
export function collapsedWithinYear(a: PanelAsset, i: number): boolean | null {
  const end = a.t[i]! + COLLAPSE_DAYS * DAY_MS;
  const n = a.t.length;
  if (a.t[n - 1]! < end) return null;
  const floor = a.c[i]! * (1 + COLLAPSE_DRAWDOWN);
  for (let k = i + 1; k < n && a.t[k]! <= end; k++) if (a.c[k]! <= floor) return true;
  return false;
}

/** Forward outcomes over one horizon for every candle, NaN where there is no candle `days` later. */
export interface ForwardSeries {
  logReturn: Float64Array;
  volatility: Float64Array;
  maxDrawdown: Float64Array;
}

/** Forward outcomes of every candle over `days` days (memoised on the asset). */
export function forwardSeries(a: PanelAsset, days: number): ForwardSeries {
  const hit = a.forward.get(days);
  if (hit) return hit;
  const n = a.t.length;
  const out: ForwardSeries = {
    logReturn: new Float64Array(n).fill(Number.NaN),
    volatility: new Float64Array(n).fill(Number.NaN),
    maxDrawdown: new Float64Array(n).fill(Number.NaN),
  };
  for (let i = 0; i < n; i++) {
    const j = a.at.get(a.t[i]! + days * DAY_MS);
    if (j === undefined) continue;
    const f = forwardOutcome(a, i, j);
    out.logReturn[i] = f.logReturn;
    out.volatility[i] = f.volatility;
    out.maxDrawdown[i] = f.maxDrawdown;
  }
  a.forward.set(days, out);
  return out;
}

/** collapsedWithinYear for every candle: 1 yes, 0 no, -1 unknown (memoised on the asset). */
export function collapseSeries(a: PanelAsset): Int8Array {
  if (a.collapse) return a.collapse;
  const out = new Int8Array(a.t.length);
  for (let i = 0; i < out.length; i++) {
    const c = collapsedWithinYear(a, i);
    out[i] = c === null ? -1 : c ? 1 : 0;
  }
  a.collapse = out;
  return out;
}
