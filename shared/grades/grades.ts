/**
 * Trader Grade and Investor Grade from daily candles. See docs/GRADES.md.
 *
 * - computeGrades: both grades at one day, with a per-factor breakdown for display.
 * - gradeHistory: both grades at regular steps, in one forward pass.
 * - gradeSeries: the Trader Grade for every day, in one forward pass (O(n)).
 *
 * A grade at index i only ever reads candles[0..i].
 */
import type { Candle } from '../domain/types';
import {
  GradeRunner,
  INVESTOR_LOOKBACK,
  INVESTOR_RAW_COUNT,
  TRADER_RAW_COUNT,
  OSC_WARMUP,
  WIN,
  firstValidIndex,
  validClose,
} from './engine';
import { INVESTOR_FACTORS, INVESTOR_MIN_DAYS, TRADER_FACTORS, TRADER_MIN_DAYS, type FactorDefinition } from './factors';
import { describeMapping, formatRaw } from './scales';

export interface FactorScore {
  id: string;
  label: string;
  /** Weight actually used: the nominal weight, rescaled when some factor had no data (then 0). */
  weight: number;
  /** Raw value, or null when there was no data for it (e.g. unknown market cap). */
  raw: number | null;
  /** 0-100 score, or null when raw is null. */
  score: number | null;
  explanation: string;
}

export type GradeResult =
  | { grade: number; factors: FactorScore[] }
  | { grade: null; reason: 'insufficient-history'; haveDays: number; needDays: number };

export interface Grades {
  trader: GradeResult;
  investor: GradeResult;
}

export interface ComputeGradesOptions {
  /** Index of the candle to grade; defaults to the last one. */
  at?: number;
  /**
   * Market cap in USD for the size factor. When omitted, the `mc` of the graded candle is used.
   * Pass today's market cap only when grading today's candle, or the grade looks ahead.
   */
  marketCapUsd?: number | null;
}

export interface GradePoint {
  /** Candle time (UTC midnight, ms). */
  t: number;
  trader: number | null;
  investor: number | null;
}

const traderBuf = new Float64Array(TRADER_RAW_COUNT);
const investorBuf = new Float64Array(INVESTOR_RAW_COUNT);

/** A factor mapping flattened into typed arrays for the per-day hot path. */
export interface CompiledFactor {
  def: FactorDefinition;
  weight: number;
  log: boolean;
  xs: Float64Array;
  ys: Float64Array;
  /** xs[p] - xs[p - 1] and ys[p] - ys[p - 1] (index 0 unused), computed once. */
  dx: Float64Array;
  dy: Float64Array;
  scaleText: string;
}

/** Factor definitions prepared for fast scoring (see gradeFromRaw). */
export function compileFactors(defs: readonly FactorDefinition[]): CompiledFactor[] {
  return defs.map((def) => {
    const xs = Float64Array.from(def.mapping.points, (p) => p[0]);
    const ys = Float64Array.from(def.mapping.points, (p) => p[1]);
    return {
      def,
      weight: def.weight,
      log: def.mapping.scale === 'log10',
      xs,
      ys,
      dx: xs.map((x, p) => (p > 0 ? x - xs[p - 1]! : 0)),
      dy: ys.map((y, p) => (p > 0 ? y - ys[p - 1]! : 0)),
      scaleText: `Scale: ${describeMapping(def)}.`,
    };
  });
}

const TRADER_COMPILED = compileFactors(TRADER_FACTORS);
const INVESTOR_COMPILED = compileFactors(INVESTOR_FACTORS);

/** Same result as scoreWithMapping, on the compiled arrays. */
function scoreCompiled(f: CompiledFactor, raw: number): number {
  const x = f.log ? (raw > 0 ? Math.log10(raw) : -Infinity) : raw;
  const xs = f.xs;
  const ys = f.ys;
  const last = xs.length - 1;
  if (!(x > xs[0]!)) return ys[0]!;
  if (x >= xs[last]!) return ys[last]!;
  let p = 1;
  while (x > xs[p]!) p++;
  return ys[p - 1]! + ((x - xs[p - 1]!) / f.dx[p]!) * f.dy[p]!;
}

/** Weighted grade from raw values (in the factors' order); NaN raws are skipped and the other weights rescaled. */
export function gradeFromRaw(factors: readonly CompiledFactor[], raw: Float64Array): number {
  let sum = 0;
  let wsum = 0;
  for (let f = 0; f < factors.length; f++) {
    const x = raw[f]!;
    if (x !== x) continue; // NaN: no data
    const cf = factors[f]!;
    sum += cf.weight * scoreCompiled(cf, x);
    wsum += cf.weight;
  }
  return wsum > 0 ? sum / wsum : NaN;
}

function detailedResult(factors: readonly CompiledFactor[], raw: Float64Array): GradeResult {
  let wsum = 0;
  let missing = false;
  for (let f = 0; f < factors.length; f++) {
    if (Number.isNaN(raw[f]!)) missing = true;
    else wsum += factors[f]!.weight;
  }
  const out: FactorScore[] = [];
  let sum = 0;
  for (let f = 0; f < factors.length; f++) {
    const cf = factors[f]!;
    const def = cf.def;
    const x = raw[f]!;
    if (Number.isNaN(x)) {
      out.push({
        id: def.id,
        label: def.label,
        weight: 0,
        raw: null,
        score: null,
        explanation: `No data, so this factor is left out and its weight is shared among the others. ${cf.scaleText}`,
      });
      continue;
    }
    const score = scoreCompiled(cf, x);
    sum += cf.weight * score;
    out.push({
      id: def.id,
      label: def.label,
      // Nominal weight when nothing is missing; otherwise rescaled so the used weights sum to 1.
      weight: missing ? cf.weight / wsum : cf.weight,
      raw: x,
      score,
      explanation: `${formatRaw(def.unit, x)} scores ${Math.round(score)}/100. ${cf.scaleText}`,
    });
  }
  // Same arithmetic as gradeFromRaw, so detailed and per-day grades agree exactly.
  return { grade: sum / wsum, factors: out };
}

function insufficient(haveDays: number, needDays: number): GradeResult {
  return { grade: null, reason: 'insufficient-history', haveDays, needDays };
}

function candleMarketCap(c: Candle): number | null {
  const mc = c.mc;
  return mc !== undefined && mc > 0 && mc < Infinity ? mc : null;
}

/** Both grades at one candle (default: the last), with a per-factor breakdown. */
export function computeGrades(candles: readonly Candle[], opts: ComputeGradesOptions = {}): Grades {
  const n = candles.length;
  if (n === 0) {
    return {
      trader: insufficient(0, TRADER_MIN_DAYS),
      investor: insufficient(0, INVESTOR_MIN_DAYS),
    };
  }
  const i = opts.at ?? n - 1;
  if (!Number.isInteger(i) || i < 0 || i >= n) {
    throw new RangeError(`computeGrades: at=${String(opts.at)} is outside 0..${n - 1}`);
  }
  const first = firstValidIndex(candles, i);
  const have = first < 0 ? 0 : i - first + 1;
  const traderOk = have >= TRADER_MIN_DAYS;
  const investorOk = have >= INVESTOR_MIN_DAYS;
  if (!traderOk) {
    return {
      trader: insufficient(have, TRADER_MIN_DAYS),
      investor: insufficient(have, INVESTOR_MIN_DAYS),
    };
  }

  const oscFrom = Math.max(first, i - OSC_WARMUP + 1);
  const start = investorOk ? Math.min(oscFrom, Math.max(first, i - INVESTOR_LOOKBACK + 1)) : oscFrom;
  let prevClose = NaN;
  for (let k = start - 1; k >= first; k--) {
    const c = candles[k]!.c;
    if (validClose(c)) {
      prevClose = c;
      break;
    }
  }
  const runner = new GradeRunner(candles, {
    first,
    start,
    end: i,
    oscFrom,
    detailFrom: Math.max(start, i - WIN.liquidity + 1),
    prevClose,
  });
  while (runner.k < i) runner.advance();

  runner.traderRaw(traderBuf);
  const trader = detailedResult(TRADER_COMPILED, traderBuf);
  let investor: GradeResult;
  if (investorOk) {
    const mc = opts.marketCapUsd !== undefined ? opts.marketCapUsd : candleMarketCap(candles[i]!);
    runner.investorRaw(investorBuf, mc);
    investor = detailedResult(INVESTOR_COMPILED, investorBuf);
  } else {
    investor = insufficient(have, INVESTOR_MIN_DAYS);
  }
  return { trader, investor };
}

function fullRunner(candles: readonly Candle[], kind: 'trader' | 'both'): GradeRunner | null {
  const n = candles.length;
  const first = n === 0 ? -1 : firstValidIndex(candles, n - 1);
  if (first < 0) return null;
  return new GradeRunner(candles, {
    first,
    start: first,
    end: n - 1,
    oscFrom: first,
    detailFrom: first,
    prevClose: NaN,
    rollingFall: kind === 'both',
    traderOnly: kind === 'trader',
  });
}

/**
 * Both grades every `stepDays` candles, anchored on the last candle (which is always included),
 * oldest first. Grades are null where history is too short. The market-cap factor uses each
 * candle's own `mc`. One forward pass over the candles.
 */
export function gradeHistory(candles: readonly Candle[], opts: { stepDays?: number } = {}): GradePoint[] {
  const step = opts.stepDays ?? 7;
  if (!Number.isInteger(step) || step < 1) {
    throw new RangeError(`gradeHistory: stepDays must be a positive integer, got ${String(step)}`);
  }
  const n = candles.length;
  const out: GradePoint[] = [];
  if (n === 0) return out;
  const runner = fullRunner(candles, 'both');
  for (let i = (n - 1) % step; i < n; i += step) {
    let trader: number | null = null;
    let investor: number | null = null;
    if (runner) while (runner.k < i) runner.advance();
    if (runner && runner.k === i) {
      const have = runner.haveDays;
      if (have >= TRADER_MIN_DAYS) {
        runner.traderRaw(traderBuf);
        trader = gradeFromRaw(TRADER_COMPILED, traderBuf);
      }
      if (have >= INVESTOR_MIN_DAYS) {
        runner.investorRaw(investorBuf, candleMarketCap(candles[i]!));
        investor = gradeFromRaw(INVESTOR_COMPILED, investorBuf);
      }
    }
    out.push({ t: candles[i]!.t, trader, investor });
  }
  return out;
}

/**
 * The Trader Grade for every candle (NaN where history is too short), aligned to `candles`.
 * One forward pass: O(n) per asset. Meant as a per-day signal, e.g. for signal weighting.
 */
export function gradeSeries(candles: readonly Candle[]): Float64Array {
  const n = candles.length;
  const out = new Float64Array(n).fill(NaN);
  const runner = fullRunner(candles, 'trader');
  if (!runner) return out;
  while (runner.k < n - 1) {
    runner.advance();
    if (runner.haveDays >= TRADER_MIN_DAYS) {
      runner.traderRaw(traderBuf);
      out[runner.k] = gradeFromRaw(TRADER_COMPILED, traderBuf);
    }
  }
  return out;
}

/** Raw factor values of every day, factor-major: `trader[f][i]` is factor f of TRADER_FACTORS at candle i. */
export interface FactorSeries {
  trader: Float64Array[];
  investor: Float64Array[];
}

/**
 * Every factor's raw value on every candle (NaN where history is too short or data is missing), in
 * one forward pass; the investor market-cap factor uses each candle's own `mc`. For calibration and
 * research: the grades are these values scored and weighted (see `gradesFromRaw`).
 */
export function factorSeries(candles: readonly Candle[]): FactorSeries {
  const n = candles.length;
  const trader = Array.from({ length: TRADER_RAW_COUNT }, () => new Float64Array(n).fill(NaN));
  const investor = Array.from({ length: INVESTOR_RAW_COUNT }, () => new Float64Array(n).fill(NaN));
  const runner = fullRunner(candles, 'both');
  if (!runner) return { trader, investor };
  while (runner.k < n - 1) {
    runner.advance();
    const i = runner.k;
    const have = runner.haveDays;
    if (have >= TRADER_MIN_DAYS) {
      runner.traderRaw(traderBuf);
      for (let f = 0; f < TRADER_RAW_COUNT; f++) trader[f]![i] = traderBuf[f]!;
    }
    if (have >= INVESTOR_MIN_DAYS) {
      runner.investorRaw(investorBuf, candleMarketCap(candles[i]!));
      for (let f = 0; f < INVESTOR_RAW_COUNT; f++) investor[f]![i] = investorBuf[f]!;
    }
  }
  return { trader, investor };
}
