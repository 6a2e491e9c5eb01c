/**
 * Rolling series derived from prepared prices, one asset at a time over the day-major arrays
 * (stride = number of assets): the built-in trend signal (close / EMA - 1), trailing volatility
 * of daily returns and a simple moving average. Each reads an asset's real candles only (a day
 * whose last real candle is itself) and carries its value forward over gaps, so the value at grid
 * day g uses candles up to g only. Called by PreparedData, which memoises the results. The loops
 * use short maths-style names.
 */
import { EMA } from 'trading-signals';
import type { PreparedData } from './prepare';

/** Writes asset a's trend close / EMA(len) - 1 into its column of the day-major `out` (NaN until len candles). */
export function trendInto(P: PreparedData, a: number, len: number, out: Float64Array): void {
  const { assets: A, days, closeM, lastRealM } = P;
  const first = P.firstIdx[a]!;
  const start = first < 0 ? days : first;
  for (let g = 0, x = a; g < start; g++, x += A) out[x] = Number.NaN;
  if (first < 0) return;
  const ema = new EMA(len);
  let seen = 0;
  let last = Number.NaN;
  for (let g = first, x = first * A + a; g < days; g++, x += A) {
    if (lastRealM[x] === g) {
      const c = closeM[x]!;
      const e = ema.add(c);
      seen++;
      last = seen >= len && e !== null && e > 0 ? c / e - 1 : Number.NaN;
    }
    out[x] = last;
  }
}

/**
 * Day-major trailing volatility: sample standard deviation of the last `len` daily returns
 * between consecutive candles, NaN until `len` returns exist. O(n) per asset with a ring buffer;
 * the running sums are re-based every window so rounding error does not accumulate.
 */
export function trailingVolatility(P: PreparedData, len: number): Float64Array {
  const { assets: A, days, closeM, lastRealM } = P;
  const out = new Float64Array(days * A).fill(Number.NaN);
  const ring = new Float64Array(len);
  for (let a = 0; a < A; a++) {
    const first = P.firstIdx[a]!;
    if (first < 0) continue;
    let prev = Number.NaN;
    let k = 0; // returns seen
    let sum = 0;
    let sumSq = 0;
    let last = Number.NaN;
    for (let g = first, x = first * A + a; g < days; g++, x += A) {
      if (lastRealM[x] === g) {
        const c = closeM[x]!;
        if (!Number.isNaN(prev)) {
          const r = c / prev - 1;
          const slot = k % len;
          if (k >= len) {
            const old = ring[slot]!;
            sum -= old;
            sumSq -= old * old;
          }
          ring[slot] = r;
          sum += r;
          sumSq += r * r;
          k++;
          if (k % len === 0) {
            sum = 0;
            sumSq = 0;
            for (let i = 0; i < len; i++) {
              sum += ring[i]!;
              sumSq += ring[i]! * ring[i]!;
            }
          }
          if (k >= len) {
            const v = (sumSq - (sum * sum) / len) / (len - 1);
            last = Math.sqrt(v > 0 ? v : 0);
          }
        }
        prev = c;
      }
      out[x] = last;
    }
  }
  return out;
}

/** Simple moving average of asset a's last `len` real closes, per grid day (NaN until `len` candles). */
export function movingAverage(P: PreparedData, a: number, len: number): Float64Array {
  const { assets: A, days, closeM, lastRealM } = P;
  const s = new Float64Array(days).fill(Number.NaN);
  const ring = new Float64Array(len);
  const first = P.firstIdx[a]!;
  if (first < 0) return s;
  let k = 0;
  let sum = 0;
  let last = Number.NaN;
  for (let g = first, x = first * A + a; g < days; g++, x += A) {
    if (lastRealM[x] === g) {
      const c = closeM[x]!;
      const slot = k % len;
      if (k >= len) sum -= ring[slot]!;
      ring[slot] = c;
      sum += c;
      k++;
      if (k % len === 0) {
        sum = 0;
        for (let i = 0; i < len; i++) sum += ring[i]!;
      }
      if (k >= len) last = sum / len;
    }
    s[g] = last;
  }
  return s;
}
