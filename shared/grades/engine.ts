/**
 * Streaming computation of the raw factor values behind the grades.
 *
 * A `GradeRunner` walks candles forward one day at a time, doing O(1) work per day: prefix sums
 * (closes, log returns, squared returns, drawdowns, volumes), monotonic deques for rolling highs and
 * lows, and the trading-signals indicators (EMA, RSI, MACD, ATR). At any day it can report the raw
 * factor values using only the candles it has seen, so there is no look-ahead by construction.
 *
 * Raw values are written into caller-owned Float64Arrays in the order of TRADER_FACTORS /
 * INVESTOR_FACTORS; NaN means "not available" (e.g. no volume data, unknown market cap).
 */
import { ATR, EMA, MACD, RSI } from 'trading-signals';
import type { Candle } from '../domain/types';
import { INVESTOR_MIN_DAYS, TRADER_MIN_DAYS } from './factors';

/** Window lengths (in daily candles). */
export const WIN = {
  momentum: 20,
  emaFast: 20,
  emaSlow: 50,
  rsi: 14,
  macdFast: 12,
  macdSlow: 26,
  macdSignal: 9,
  atr: 14,
  range: 55,
  volume: 20,
  sma: 200,
  smaSlopeLag: 60,
  /** Closes in the 1-year windows (364 daily returns). */
  year: 365,
  liquidity: 90,
} as const;

/**
 * When a single day is graded, the exponential indicators are started this many candles before it
 * instead of at the start of the history. Their memory of older candles decays geometrically:
 * after 400 candles the 50-day EMA keeps (49/51)^400 ~ 1e-7 of its starting value; after 200
 * candles the 12/26/9 MACD EMAs and Wilder's 14-day smoothing (RSI, ATR) keep under 4e-7. So the
 * result matches a run over the whole history (as in gradeHistory / gradeSeries) to far below
 * 0.01 grade points while keeping one grade cheap.
 */
export const EMA_WARMUP = 400;
export const OSC_WARMUP = 200;

/**
 * Candles needed before the graded day for the exact 1-year investor windows: the 365-day Ulcer
 * window, each of whose days measures its drawdown from a trailing 365-day high.
 */
export const INVESTOR_LOOKBACK = 2 * WIN.year - 1;

export const TRADER_RAW_COUNT = 6;
export const INVESTOR_RAW_COUNT = 8;

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
  H = new Float64Array(0);
  L = new Float64Array(0);
  Pc = new Float64Array(0);
  Pr = new Float64Array(0);
  Pr2 = new Float64Array(0);
  Pabs = new Float64Array(0);
  Pdd2 = new Float64Array(0);
  Pv = new Float64Array(0);
  Pup = new Float64Array(0);
  Pdown = new Float64Array(0);
  dqC = new Int32Array(0);
  dqH = new Int32Array(0);
  dqL = new Int32Array(0);

  ensure(m: number): void {
    if (m <= this.cap) return;
    const cap = Math.max(m, Math.ceil(this.cap * 1.5), 1024);
    this.cap = cap;
    this.C = new Float64Array(cap);
    this.H = new Float64Array(cap);
    this.L = new Float64Array(cap);
    this.Pc = new Float64Array(cap + 1);
    this.Pr = new Float64Array(cap + 1);
    this.Pr2 = new Float64Array(cap + 1);
    this.Pabs = new Float64Array(cap + 1);
    this.Pdd2 = new Float64Array(cap + 1);
    this.Pv = new Float64Array(cap + 1);
    this.Pup = new Float64Array(cap + 1);
    this.Pdown = new Float64Array(cap + 1);
    this.dqC = new Int32Array(cap);
    this.dqH = new Int32Array(cap);
    this.dqL = new Int32Array(cap);
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
  /** First candle fed to the 20/50-day EMAs (>= start). */
  emaFrom: number;
  /** First candle fed to RSI, MACD and ATR (>= start). */
  oscFrom: number;
  /**
   * First candle whose high, low and volume are read (>= start, <= oscFrom); before it only the
   * close is used. Must leave at least the 90-day liquidity window before the graded day.
   */
  detailFrom: number;
  /** Highest close in [first, start), or 0. */
  athSeed: number;
  /** Last usable close before `start` (used if candles[start] has an unusable close), or NaN. */
  prevClose: number;
}

export class GradeRunner {
  /** Global index of the last processed candle (start - 1 before the first advance). */
  k: number;
  private readonly candles: readonly Candle[];
  private readonly o: RunnerOptions;
  private j = -1; // local index of the last processed candle
  private ath: number;
  private lastC: number;
  private hC = 0;
  private tC = 0;
  private hH = 0;
  private tH = 0;
  private hL = 0;
  private tL = 0;
  private readonly ema20 = new EMA(WIN.emaFast);
  private readonly ema50 = new EMA(WIN.emaSlow);
  private readonly rsi = new RSI(WIN.rsi);
  private readonly macd = new MACD(new EMA(WIN.macdFast), new EMA(WIN.macdSlow), new EMA(WIN.macdSignal));
  private readonly atr = new ATR(WIN.atr);
  private macdHist = NaN;
  private atrValue = NaN;
  private rsiValue = NaN;
  private ema20Value = NaN;
  private ema50Value = NaN;

  constructor(candles: readonly Candle[], opts: RunnerOptions) {
    this.candles = candles;
    this.o = opts;
    this.k = opts.start - 1;
    this.ath = opts.athSeed;
    this.lastC = opts.prevClose;
    scratch.ensure(opts.end - opts.start + 1);
    const s = scratch;
    s.Pc[0] = 0;
    s.Pr[0] = 0;
    s.Pr2[0] = 0;
    s.Pabs[0] = 0;
    s.Pdd2[0] = 0;
    s.Pv[0] = 0;
    s.Pup[0] = 0;
    s.Pdown[0] = 0;
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

    // Close-based prefix sums.
    const prev = j > 0 ? s.C[j - 1]! : this.lastC;
    const r = prev > 0 ? Math.log(c / prev) : 0;
    s.Pc[j + 1] = s.Pc[j]! + c;
    s.Pr[j + 1] = s.Pr[j]! + r;
    s.Pr2[j + 1] = s.Pr2[j]! + r * r;
    s.Pabs[j + 1] = s.Pabs[j]! + Math.abs(r);
    this.lastC = c;

    // Rolling 365-day closing high -> drawdown from it.
    const dqC = s.dqC;
    while (this.tC > this.hC && s.C[dqC[this.tC - 1]!]! <= c) this.tC--;
    dqC[this.tC++] = j;
    if (dqC[this.hC]! <= j - WIN.year) this.hC++;
    const dd = c / s.C[dqC[this.hC]!]! - 1;
    s.Pdd2[j + 1] = s.Pdd2[j]! + dd * dd;

    if (c > this.ath) this.ath = c;

    if (k >= this.o.emaFrom) {
      this.ema20Value = this.ema20.update(c, false);
      this.ema50Value = this.ema50.update(c, false);
    }

    if (k < this.o.detailFrom) {
      // Highs, lows and volume are not needed this far back: carry the volume sums.
      s.Pv[j + 1] = s.Pv[j]!;
      s.Pup[j + 1] = s.Pup[j]!;
      s.Pdown[j + 1] = s.Pdown[j]!;
      return;
    }

    let h = c;
    let l = c;
    let v = 0;
    const ch = cd.h;
    const cl = cd.l;
    const cv = cd.v;
    if (validClose(ch) && ch > c) h = ch;
    if (validClose(cl) && cl < c) l = cl;
    if (cv > 0 && cv < Infinity) v = cv;
    s.H[j] = h;
    s.L[j] = l;
    s.Pv[j + 1] = s.Pv[j]! + v;
    s.Pup[j + 1] = s.Pup[j]! + (c > prev ? v : 0);
    s.Pdown[j + 1] = s.Pdown[j]! + (c < prev ? v : 0);

    // Rolling 55-day high / low.
    const dqH = s.dqH;
    while (this.tH > this.hH && s.H[dqH[this.tH - 1]!]! <= h) this.tH--;
    dqH[this.tH++] = j;
    if (dqH[this.hH]! <= j - WIN.range) this.hH++;
    const dqL = s.dqL;
    while (this.tL > this.hL && s.L[dqL[this.tL - 1]!]! >= l) this.tL--;
    dqL[this.tL++] = j;
    if (dqL[this.hL]! <= j - WIN.range) this.hL++;

    if (k >= this.o.oscFrom) {
      this.rsiValue = this.rsi.update(c, false) ?? NaN;
      this.macdHist = this.macd.update(c, false)?.histogram ?? NaN;
      this.atrValue = this.atr.update({ high: h, low: l, close: c }, false) ?? NaN;
    }
  }

  /** Raw trader factor values at the current candle (requires haveDays >= TRADER_MIN_DAYS). */
  traderRaw(out: Float64Array): void {
    const s = scratch;
    const j = this.j;
    if (this.haveDays < TRADER_MIN_DAYS || j < WIN.range - 1) {
      out.fill(NaN);
      return;
    }
    const c = s.C[j]!;
    // momentum-20d
    out[0] = c / s.C[j - WIN.momentum]! - 1;
    // ema-trend
    out[1] = this.ema20Value / this.ema50Value - 1;
    // rsi-14: the library reports 100 when there were no losses; with no price change at all over
    // the RSI window there is no momentum either way, so report the neutral 50.
    out[2] = s.Pabs[j + 1]! - s.Pabs[j + 1 - WIN.rsi]! === 0 ? 50 : this.rsiValue;
    // macd-histogram in ATRs
    const atr = this.atrValue;
    out[3] = atr > 0 ? this.macdHist / atr : this.macdHist === 0 ? 0 : NaN;
    // range-position
    const hi = s.H[s.dqH[this.hH]!]!;
    const lo = s.L[s.dqL[this.hL]!]!;
    out[4] = hi > lo ? (c - lo) / (hi - lo) : 0.5;
    // volume-trend: share of up-day volume in the volume of days that moved; no volume data at
    // all -> not available; volume but no move -> neutral.
    const w0 = j + 1 - WIN.volume;
    const up = s.Pup[j + 1]! - s.Pup[w0]!;
    const moved = up + s.Pdown[j + 1]! - s.Pdown[w0]!;
    out[5] = moved > 0 ? up / moved : s.Pv[j + 1]! - s.Pv[w0]! > 0 ? 0.5 : NaN;
  }

  /** Raw investor factor values at the current candle (requires haveDays >= INVESTOR_MIN_DAYS). */
  investorRaw(out: Float64Array, marketCapUsd: number | null): void {
    const s = scratch;
    const j = this.j;
    if (this.haveDays < INVESTOR_MIN_DAYS || j < WIN.year - 1) {
      out.fill(NaN);
      return;
    }
    const c = s.C[j]!;
    const n1 = j + 1;
    // vs-sma-200 and its slope
    const sma = (s.Pc[n1]! - s.Pc[n1 - WIN.sma]!) / WIN.sma;
    const lag = n1 - WIN.smaSlopeLag;
    const smaLag = (s.Pc[lag]! - s.Pc[lag - WIN.sma]!) / WIN.sma;
    out[0] = c / sma - 1;
    out[1] = sma / smaLag - 1;
    // sharpe-1y over the 364 returns inside the last 365 closes
    const nr = WIN.year - 1;
    const sum = s.Pr[n1]! - s.Pr[n1 - nr]!;
    const sum2 = s.Pr2[n1]! - s.Pr2[n1 - nr]!;
    const mean = sum / nr;
    const variance = Math.max(0, sum2 / nr - mean * mean);
    const sd = Math.sqrt(variance);
    // Below this the series is effectively constant: report the sign of the drift, capped.
    out[2] = sd > 1e-9 ? (mean / sd) * Math.sqrt(365) : mean > 1e-12 ? 5 : mean < -1e-12 ? -5 : 0;
    // ulcer-1y
    out[3] = Math.sqrt(Math.max(0, s.Pdd2[n1]! - s.Pdd2[n1 - WIN.year]!) / WIN.year);
    // from-ath
    out[4] = c / this.ath - 1;
    // liquidity-90d
    const liq = (s.Pv[n1]! - s.Pv[n1 - WIN.liquidity]!) / WIN.liquidity;
    out[5] = liq > 0 ? liq : NaN;
    // market-cap
    out[6] = marketCapUsd !== null && marketCapUsd > 0 && marketCapUsd < Infinity ? marketCapUsd : NaN;
    // history-length
    out[7] = this.haveDays;
  }
}
