/**
 * Puts every asset's candles on one daily UTC grid, as day-major typed arrays (the value of asset
 * a on grid day g at [g * assets + a]): closes and market caps forward-filled, the number of real
 * candles so far and the last real candle of each day, and the caller's signals. Reads each candle
 * object once: the grid's bounds are taken from the first and last candle of each series and
 * checked while placing, with a full scan only when a series is out of order. Called by
 * PreparedData (prepare.ts); the loops use short maths-style names.
 */
import { DAY_MS, type Candle } from '../domain/types';

/** One asset's input. */
export interface AlignInput {
  symbol: string;
  candles: readonly Candle[];
  /** The caller's signal, index for index with `candles`, or null. */
  signal: ArrayLike<number> | null;
  /** The catalog's static market cap (used on days without a candle `mc`), or NaN. */
  staticMc: number;
}

export interface Aligned {
  /** UTC day number (days since 1970-01-01) of grid day 0, and the number of grid days. */
  minDay: number;
  days: number;
  closeM: Float64Array;
  mcapM: Float64Array;
  countM: Int32Array;
  lastRealM: Int32Array;
  userSignalM: Float64Array | null;
  firstIdx: Int32Array;
  lastIdx: Int32Array;
  mcapSource: Uint8Array;
  /** Grid index of each asset's first candle with a market cap (-1 when none has one). */
  firstMcIdx: Int32Array;
  /**
   * True when at least one candle of any asset carries a market cap: the catalog's static
   * (present-day) figure is then never used, so no ranking or weight reads a later value.
   */
  historicalCaps: boolean;
  /** Invalid and duplicate candles, one list per asset. */
  warnings: string[][];
}

/** Can this candle be placed on the grid (a finite time and a positive close)? */
const onGrid = (c: Candle): boolean => Number.isFinite(c.t) && c.c > 0;

/** Grid bounds (UTC day numbers) from the first and last placeable candle of each series. */
function boundsFromEnds(inputs: readonly AlignInput[]): { minDay: number; maxDay: number } {
  let minDay = Infinity;
  let maxDay = -Infinity;
  for (const { candles } of inputs) {
    let j = 0;
    while (j < candles.length && !onGrid(candles[j]!)) j++;
    if (j === candles.length) continue;
    let k = candles.length - 1;
    while (!onGrid(candles[k]!)) k--;
    minDay = Math.min(minDay, Math.floor(candles[j]!.t / DAY_MS));
    maxDay = Math.max(maxDay, Math.floor(candles[k]!.t / DAY_MS));
  }
  return { minDay, maxDay };
}

/** Grid bounds from every placeable candle (for series that are not in time order). */
function boundsFromAll(inputs: readonly AlignInput[]): { minDay: number; maxDay: number } {
  let minDay = Infinity;
  let maxDay = -Infinity;
  for (const { candles } of inputs) {
    for (let j = 0; j < candles.length; j++) {
      const c = candles[j]!;
      if (!onGrid(c)) continue;
      const d = Math.floor(c.t / DAY_MS);
      if (d < minDay) minDay = d;
      if (d > maxDay) maxDay = d;
    }
  }
  return { minDay, maxDay };
}

/**
 * Aligns the inputs on the grid [minDay, maxDay]. `check(minDay, maxDay)` validates the span
 * before anything is allocated (it throws to refuse it); it is called with null bounds when no
 * candle can be placed at all.
 */
export function alignCandles(
  inputs: readonly AlignInput[],
  check: (minDay: number | null, maxDay: number | null) => void,
): Aligned {
  let b = boundsFromEnds(inputs);
  if (!Number.isFinite(b.minDay)) check(null, null);
  for (let attempt = 0; ; attempt++) {
    check(b.minDay, b.maxDay);
    const out = place(inputs, b.minDay, b.maxDay);
    if (out) return out;
    if (attempt > 0) throw new Error('alignCandles: a candle fell outside the full bounds');
    b = boundsFromAll(inputs);
  }
}

/**
 * Writes each asset's valid candles on the grid, then forward-fills. Returns null as soon as a
 * candle falls outside [minDay, maxDay] (a series out of time order): the caller widens the bounds.
 */
function place(inputs: readonly AlignInput[], minDay: number, maxDay: number): Aligned | null {
  const A = inputs.length;
  const days = maxDay - minDay + 1;
  const N = days * A;
  const closeM = new Float64Array(N);
  const mcapM = new Float64Array(N);
  const countM = new Int32Array(N);
  const lastRealM = new Int32Array(N);
  const userSignalM = inputs.some((x) => x.signal !== null) ? new Float64Array(N) : null;
  const warnings: string[][] = [];
  let historicalCaps = false;
  for (let a = 0; a < A; a++) {
    const found: string[] = [];
    warnings.push(found);
    const { symbol, candles, signal } = inputs[a]!;
    let invalid = 0;
    let dup = 0;
    for (let j = 0; j < candles.length; j++) {
      const c = candles[j]!;
      const cl = c.c;
      const d = Math.floor(c.t / DAY_MS);
      if (!(d >= minDay && d <= maxDay)) {
        if (Number.isFinite(d) && cl > 0) return null; // placeable but outside: bounds too narrow
        invalid++;
        continue;
      }
      if (!(cl > 0) || !Number.isFinite(cl)) {
        invalid++;
        continue;
      }
      // A candle's day marks 1 in countM until fillForward turns the marks into counts.
      const x = (d - minDay) * A + a;
      if (countM[x] !== 0) dup++;
      countM[x] = 1;
      closeM[x] = cl;
      const mc = c.mc;
      if (mc !== undefined && mc > 0 && Number.isFinite(mc)) {
        mcapM[x] = mc;
        historicalCaps = true;
      } else mcapM[x] = Number.NaN;
      if (signal) {
        const v = Number(signal[j]);
        userSignalM![x] = Number.isFinite(v) ? v : Number.NaN;
      }
    }
    if (invalid > 0) found.push(`${symbol}: ${invalid} candle(s) without a valid time or positive close were ignored`);
    if (dup > 0) found.push(`${symbol}: ${dup} duplicate day(s); the later candle of each day was kept`);
  }
  const firstIdx = new Int32Array(A).fill(-1);
  const lastIdx = new Int32Array(A).fill(-1);
  const mcapSource = new Uint8Array(A);
  const firstMcIdx = new Int32Array(A).fill(-1);
  const out = {
    minDay,
    days,
    closeM,
    mcapM,
    countM,
    lastRealM,
    userSignalM,
    firstIdx,
    lastIdx,
    mcapSource,
    firstMcIdx,
    historicalCaps,
    warnings,
  };
  fillForward(inputs, out);
  return out;
}

/**
 * One day-major pass that turns the placed candles into the aligned series: counts, the last real
 * candle, closes and signals forward-filled, market caps forward-filled, or the catalog's static
 * value when no candle of any asset has a market cap. Reads and writes each cell once, in memory order.
 */
function fillForward(inputs: readonly AlignInput[], m: Aligned): void {
  const { days, closeM, mcapM, countM, lastRealM, userSignalM, firstIdx, lastIdx, firstMcIdx } = m;
  const A = inputs.length;
  const n = new Int32Array(A);
  const lr = new Int32Array(A).fill(-1);
  const lastClose = new Float64Array(A).fill(Number.NaN);
  const lastMc = new Float64Array(A).fill(Number.NaN);
  const lastSig = new Float64Array(A).fill(Number.NaN);
  // With historical caps, a day without one stays unknown: today's figure would be hindsight.
  const staticMc = Float64Array.from(inputs, (x) => (m.historicalCaps ? Number.NaN : x.staticMc));
  const hasSig = Uint8Array.from(inputs, (x) => (x.signal ? 1 : 0));
  const usedCandleMc = new Uint8Array(A);
  const usedStatic = new Uint8Array(A);
  for (let g = 0, x = 0; g < days; g++) {
    for (let a = 0; a < A; a++, x++) {
      if (countM[x] !== 0) {
        n[a] = n[a]! + 1;
        lr[a] = g;
        lastClose[a] = closeM[x]!;
        const mc = mcapM[x]!;
        if (mc === mc) {
          if (lastMc[a] !== lastMc[a]) firstMcIdx[a] = g;
          lastMc[a] = mc;
        }
        if (userSignalM) lastSig[a] = userSignalM[x]!;
        if (firstIdx[a] === -1) firstIdx[a] = g;
        lastIdx[a] = g;
      }
      countM[x] = n[a]!;
      lastRealM[x] = lr[a]!;
      closeM[x] = lastClose[a]!;
      let mc = Number.NaN;
      if (lr[a]! >= 0) {
        if (lastMc[a] === lastMc[a]) {
          mc = lastMc[a]!;
          usedCandleMc[a] = 1;
        } else if (staticMc[a] === staticMc[a]) {
          mc = staticMc[a]!;
          usedStatic[a] = 1;
        }
      }
      mcapM[x] = mc;
      if (userSignalM) userSignalM[x] = hasSig[a] ? lastSig[a]! : Number.NaN;
    }
  }
  for (let a = 0; a < A; a++) m.mcapSource[a] = usedStatic[a] ? 2 : usedCandleMc[a] ? 1 : 0;
}
