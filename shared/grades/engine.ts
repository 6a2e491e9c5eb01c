/**
 * Streaming computation of the raw factor values behind the grades.
 *
 * A `GradeRunner` walks candles forward one day at a time, doing O(1) work per day: prefix sums
 * (log returns, squared returns, squared down-day returns, absolute returns, volumes), monotonic
 * deques for the rolling 55-day closing range and the 30-day largest daily jump, and Wilder's RSI
 * (rsi.ts, the trading-signals arithmetic without its overhead). At any day it reports the raw
 * factor values using only the candles it has seen, so there is no look-ahead by construction. The
 * one-year worst fall is kept up to date on every candle when grades are wanted daily (worst-fall.ts,
 * O(1) per candle), else computed on demand over the last 365 closes (O(365), only when an Investor
 * Grade is asked for). A trader-only runner (gradeSeries) skips the sums only Investor Grades read.
 *
 * Raw values are written into caller-owned Float64Arrays in the order of TRADER_FACTORS /
 * INVESTOR_FACTORS; NaN means "not available" (no volume data, unknown market cap). Hot loops use
 * short, maths-style names.
 */
import type { Candle } from '../domain/types';
import { INVESTOR_MIN_DAYS, TRADER_MIN_DAYS } from './factors';
import { WilderRsi } from './rsi';
import { RollingWorstFall } from './worst-fall';

/** Window lengths (in daily candles). */
export const WIN = {
  momentumShort: 7,
  momentumMid: 14,
  momentumLong: 28,
  range: 55,
  rsi: 14,
  volatility: 30,
  maxDay: 30,
  /** Closes in the 1-year windows (364 daily returns). */
  year: 365,
  downside: 90,
  liquidity: 90,
} as const;

/** Days in a year, for annualising daily volatility (crypto trades every day). */
const ANNUAL = Math.sqrt(365);

/**
 * When a single day is graded, RSI is started this many candles before it instead of at the start
 * of the history. Wilder's 14-day smoothing keeps (13/14)^200, under 4e-7, of its starting point,
 * so the result matches a run over the whole history (gradeHistory / gradeSeries) to far below
 * 0.01 grade points while keeping one grade cheap.
 */
export const OSC_WARMUP = 200;

/** Candles needed before (and including) the graded day for the exact 1-year investor windows. */
export const INVESTOR_LOOKBACK = WIN.year;

export const TRADER_RAW_COUNT = 7;
export const INVESTOR_RAW_COUNT = 6;

/** Is this close usable (finite and > 0)? */
export function validClose(c: number): boolean {
  return c > 0 && c < Infinity;
}

/** Index of the first candle with a usable close at or before `end`, or -1. */
export function firstValidIndex(candles: readonly Candle[], end: number): number {
  for (let k = 0; k <= end; k++) {
    if (validClose(candles[k]!.c)) return k;
  }
  return -1;
}

/** Grow-only scratch buffers shared by all runs (the code is synchronous, so runs never overlap). */
class Scratch {
  cap = 0;
  C = new Float64Array(0);
  R = new Float64Array(0);
  Pr = new Float64Array(0);
  Pr2 = new Float64Array(0);
  Pdn2 = new Float64Array(0);
  Pabs = new Float64Array(0);
  Pv = new Float64Array(0);
  dqHi = new Int32Array(0);
  dqLo = new Int32Array(0);
  dqJump = new Int32Array(0);

  ensure(m: number): void {
    if (m <= this.cap) return;
    const cap = Math.max(m, Math.ceil(this.cap * 1.5), 1024);
    this.cap = cap;
    this.C = new Float64Array(cap);
    this.R = new Float64Array(cap);
    this.Pr = new Float64Array(cap + 1);
    this.Pr2 = new Float64Array(cap + 1);
    this.Pdn2 = new Float64Array(cap + 1);
    this.Pabs = new Float64Array(cap + 1);
    this.Pv = new Float64Array(cap + 1);
    this.dqHi = new Int32Array(cap);
    this.dqLo = new Int32Array(cap);
    this.dqJump = new Int32Array(cap);
  }
}
const scratch = new Scratch();

export interface RunnerOptions {
  /** Index of the first candle with a usable close (history counts from here). */
  first: number;
  /** First candle the runner processes (>= first). */
  start: number;
  /** Last candle the runner will process. */
  end: number;
  /** First candle fed to RSI (>= start). */
  oscFrom: number;
  /**
   * First candle whose volume is read (>= start); before it only the close is used. Must leave at
   * least the 90-day liquidity window before the graded day.
   */
  detailFrom: number;
  /** Last usable close before `start` (used if candles[start] has an unusable close), or NaN. */
  prevClose: number;
  /** Keep the one-year worst fall up to date on every candle (for Investor Grades on many days). */
  rollingFall?: boolean;
  /** Only Trader Grades will be asked for: skip the sums only Investor Grades read. */
  traderOnly?: boolean;
}

export class GradeRunner {
  /** Global index of the last processed candle (start - 1 before the first advance). */
  k: number;
  private readonly candles: readonly Candle[];
  private readonly o: RunnerOptions;
  private j = -1; // local index of the last processed candle
  private lastC: number;
  private hHi = 0;
  private tHi = 0;
  private hLo = 0;
  private tLo = 0;
  private hJ = 0;
  private tJ = 0;
  private readonly rsi = new WilderRsi(WIN.rsi);
  private rsiValue = NaN;
  private readonly fall: RollingWorstFall | null;

  constructor(candles: readonly Candle[], opts: RunnerOptions) {
    this.candles = candles;
    this.o = opts;
    this.k = opts.start - 1;
    this.lastC = opts.prevClose;
    this.fall = opts.rollingFall ? new RollingWorstFall(WIN.year) : null;
    scratch.ensure(opts.end - opts.start + 1);
    const s = scratch;
    s.Pr[0] = 0;
    s.Pr2[0] = 0;
    s.Pdn2[0] = 0;
    s.Pabs[0] = 0;
    s.Pv[0] = 0;
  }

  /** Days of history (candles since the first usable close) at the current candle. */
  get haveDays(): number {
    return this.k - this.o.first + 1;
  }

  /** Process the next candle. */
  advance(): void {
    const k = ++this.k;
    const j = ++this.j;
    const s = scratch;
    const cd = this.candles[k]!;
    let c = cd.c;
    if (!validClose(c)) c = this.lastC;
    s.C[j] = c;
    this.fall?.push(c);

    const prev = j > 0 ? s.C[j - 1]! : this.lastC;
    const q = c / prev;
    const r = prev > 0 ? Math.log(q) : 0;
    s.R[j] = prev > 0 ? q - 1 : 0;
    s.Pr[j + 1] = s.Pr[j]! + r;
    s.Pr2[j + 1] = s.Pr2[j]! + r * r;
    s.Pabs[j + 1] = s.Pabs[j]! + Math.abs(r);
    this.lastC = c;

    // Rolling 55-day closing high and low, and the 30-day largest daily rise.
    const C = s.C;
    const dqHi = s.dqHi;
    while (this.tHi > this.hHi && C[dqHi[this.tHi - 1]!]! <= c) this.tHi--;
    dqHi[this.tHi++] = j;
    if (dqHi[this.hHi]! <= j - WIN.range) this.hHi++;
    const dqLo = s.dqLo;
    while (this.tLo > this.hLo && C[dqLo[this.tLo - 1]!]! >= c) this.tLo--;
    dqLo[this.tLo++] = j;
    if (dqLo[this.hLo]! <= j - WIN.range) this.hLo++;
    const R = s.R;
    const dqJ = s.dqJump;
    while (this.tJ > this.hJ && R[dqJ[this.tJ - 1]!]! <= R[j]!) this.tJ--;
    dqJ[this.tJ++] = j;
    if (dqJ[this.hJ]! <= j - WIN.maxDay) this.hJ++;

    if (k >= this.o.oscFrom) this.rsiValue = this.rsi.update(c);

    if (this.o.traderOnly) return;
    s.Pdn2[j + 1] = s.Pdn2[j]! + (r < 0 ? r * r : 0);
    let v = 0;
    if (k >= this.o.detailFrom) {
      const cv = cd.v;
      if (cv > 0 && cv < Infinity) v = cv;
    }
    s.Pv[j + 1] = s.Pv[j]! + v;
  }

  /** Raw trader factor values at the current candle (requires haveDays >= TRADER_MIN_DAYS). */
  traderRaw(out: Float64Array): void {
    const s = scratch;
    const j = this.j;
    if (this.haveDays < TRADER_MIN_DAYS || j < WIN.range - 1) {
      out.fill(NaN);
      return;
    }
    const C = s.C;
    const c = C[j]!;
    out[0] = c / C[j - WIN.momentumShort]! - 1;
    out[1] = c / C[j - WIN.momentumMid]! - 1;
    out[2] = c / C[j - WIN.momentumLong]! - 1;
    const hi = C[s.dqHi[this.hHi]!]!;
    const lo = C[s.dqLo[this.hLo]!]!;
    out[3] = hi > lo ? (c - lo) / (hi - lo) : 0.5;
    // The library reports 100 when there were no losses; with no price change at all over the RSI
    // window there is no pressure either way, so report the neutral 50.
    out[4] = s.Pabs[j + 1]! - s.Pabs[j + 1 - WIN.rsi]! === 0 ? 50 : this.rsiValue;
    out[5] = windowVolatility(j + 1, WIN.volatility);
    out[6] = Math.max(0, s.R[s.dqJump[this.hJ]!]!);
  }

  /** Raw investor factor values at the current candle (requires haveDays >= INVESTOR_MIN_DAYS). */
  investorRaw(out: Float64Array, marketCapUsd: number | null): void {
    if (this.o.traderOnly) throw new Error('GradeRunner: a trader-only runner has no investor values');
    const s = scratch;
    const j = this.j;
    if (this.haveDays < INVESTOR_MIN_DAYS || j < WIN.year - 1) {
      out.fill(NaN);
      return;
    }
    const n1 = j + 1;
    out[0] = windowVolatility(n1, WIN.year - 1);
    out[1] = Math.sqrt((s.Pdn2[n1]! - s.Pdn2[n1 - WIN.downside]!) / WIN.downside) * ANNUAL;
    out[2] = this.fall ? this.fall.worst() : worstFall(s.C, j - WIN.year + 1, j);
    out[3] = marketCapUsd !== null && marketCapUsd > 0 && marketCapUsd < Infinity ? marketCapUsd : NaN;
    const liq = (s.Pv[n1]! - s.Pv[n1 - WIN.liquidity]!) / WIN.liquidity;
    out[4] = liq > 0 ? liq : NaN;
    out[5] = this.haveDays;
  }
}

/** Annualised standard deviation of the `n` daily log returns ending at prefix index `end`. */
function windowVolatility(end: number, n: number): number {
  const s = scratch;
  const mean = (s.Pr[end]! - s.Pr[end - n]!) / n;
  const variance = Math.max(0, (s.Pr2[end]! - s.Pr2[end - n]!) / n - mean * mean);
  return Math.sqrt(variance) * ANNUAL;
}

/** Largest fall of C from a running high, both within [from, to] (0 when it never fell); <= 0. */
function worstFall(C: Float64Array, from: number, to: number): number {
  let peak = C[from]!;
  let worst = 0;
  for (let k = from + 1; k <= to; k++) {
    const c = C[k]!;
    if (c > peak) peak = c;
    else if (c / peak - 1 < worst) worst = c / peak - 1;
  }
  return worst;
}
