/**
 * Data preparation for Index Lab: aligns every asset's candles on one daily UTC grid
 * and precomputes the per-asset typed arrays the engine reads. Prepare once, run many
 * simulations (the sweep relies on this). Derived series (trend signal, volatility,
 * moving average) are computed lazily per window length and memoised.
 *
 * Every derived value at grid day g uses candles up to and including g only.
 */
import { EMA } from 'trading-signals';
import { DAY_MS, type AssetInfo, type PriceHistory } from '../domain/types';
import { fallbackAssetInfo } from './catalog';
import { isoDay } from './spec';

/** Input of a simulation. */
export interface SimulationData {
  prices: PriceHistory;
  /** Catalog by symbol (sectors, stablecoin flag, static market cap). Unknown symbols use defaults. */
  catalog?: Record<string, AssetInfo>;
  /**
   * Optional signal per asset, aligned index-for-index with `prices[symbol]`. The value at
   * index i must be computed from data up to candle i; NaN = no signal. Used by signal weighting.
   */
  signals?: Record<string, ArrayLike<number>>;
}

/** Thrown for problems that make a simulation impossible (no usable data, bad dates...). */
export class IndexLabError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IndexLabError';
  }
}

/** Longest grid accepted (about 82 years of days). */
const MAX_GRID_DAYS = 30_000;

export class PreparedData {
  /** Symbols (upper case, sorted); asset index a refers to symbols[a]. */
  readonly symbols: string[];
  readonly indexOf: ReadonlyMap<string, number>;
  /** Number of grid days. */
  readonly days: number;
  /** UTC midnight (ms) of grid day 0. */
  readonly firstDay: number;
  /** UTC midnight of each grid day. */
  readonly times: Float64Array;
  /** year * 12 + month (0-based) of each grid day, for calendar schedules. */
  readonly monthKey: Int32Array;
  /** Close per asset per day; forward-filled over gaps and after the last candle; NaN before the first. */
  readonly close: Float64Array[];
  /** Market cap per asset per day: candle `mc` forward-filled, else the catalog's static value; NaN if unknown. */
  readonly mcap: Float64Array[];
  /** Per asset: 0 = no market cap, 1 = candles only, 2 = static catalog value used on some days. */
  readonly mcapSource: Uint8Array;
  /** Number of real candles up to and including each day. */
  readonly count: Int32Array[];
  /** Grid index of the last real candle at or before each day (-1 before the first). */
  readonly lastReal: Int32Array[];
  /** Grid index of each asset's first / last candle (-1 when it has none). */
  readonly firstIdx: Int32Array;
  readonly lastIdx: Int32Array;
  readonly info: AssetInfo[];
  /** 1 when the asset is a stablecoin (catalog flag, or well-known symbol when not in the catalog). */
  readonly stable: Uint8Array;
  /** Caller-supplied signal aligned to the grid (forward-filled), or null. */
  readonly userSignal: (Float64Array | null)[];
  /** Data problems found while preparing (invalid candles, duplicates...). */
  readonly warnings: string[];

  private readonly trendCache = new Map<number, Float64Array[]>();
  private readonly byDayCache = new WeakMap<object, Float64Array | Int32Array>();
  private readonly signalCache = new Map<number, Float64Array>();
  private readonly volCache = new Map<number, Float64Array[]>();
  private readonly smaCache = new Map<string, Float64Array>();

  constructor(data: SimulationData) {
    const warnings: string[] = [];
    const catalog: Record<string, AssetInfo> = {};
    for (const [k, v] of Object.entries(data.catalog ?? {})) catalog[k.toUpperCase()] = v;

    // Group input series by upper-case symbol (first spelling wins on a clash).
    const series = new Map<string, { key: string; candles: PriceHistory[string] }>();
    for (const [key, candles] of Object.entries(data.prices)) {
      const sym = key.trim().toUpperCase();
      if (!sym) continue;
      if (series.has(sym)) {
        warnings.push(`${key}: same symbol as ${series.get(sym)!.key} after upper-casing; ignored`);
        continue;
      }
      if (!Array.isArray(candles) || candles.length === 0) {
        warnings.push(`${sym}: no candles; skipped`);
        continue;
      }
      series.set(sym, { key, candles });
    }
    if (series.size === 0) throw new IndexLabError('No price data: every asset is empty.');

    let minDay = Infinity;
    let maxDay = -Infinity;
    for (const { candles } of series.values()) {
      for (const c of candles) {
        if (!Number.isFinite(c.t) || !(c.c > 0)) continue;
        const d = Math.floor(c.t / DAY_MS);
        if (d < minDay) minDay = d;
        if (d > maxDay) maxDay = d;
      }
    }
    if (!Number.isFinite(minDay)) {
      throw new IndexLabError('No price data: no candle has a valid time and a positive close.');
    }
    const days = maxDay - minDay + 1;
    if (days > MAX_GRID_DAYS) {
      throw new IndexLabError(
        `Price data spans ${days} days (${isoDay(minDay * DAY_MS)} to ${isoDay(maxDay * DAY_MS)}); the limit is ${MAX_GRID_DAYS}. Check the dates.`,
      );
    }

    this.symbols = [...series.keys()].sort();
    const A = this.symbols.length;
    this.indexOf = new Map(this.symbols.map((s, i) => [s, i]));
    this.days = days;
    this.firstDay = minDay * DAY_MS;
    this.times = new Float64Array(days);
    this.monthKey = new Int32Array(days);
    for (let g = 0; g < days; g++) {
      const t = (minDay + g) * DAY_MS;
      this.times[g] = t;
      const dt = new Date(t);
      this.monthKey[g] = dt.getUTCFullYear() * 12 + dt.getUTCMonth();
    }

    this.close = [];
    this.mcap = [];
    this.mcapSource = new Uint8Array(A);
    this.count = [];
    this.lastReal = [];
    this.firstIdx = new Int32Array(A).fill(-1);
    this.lastIdx = new Int32Array(A).fill(-1);
    this.info = [];
    this.stable = new Uint8Array(A);
    this.userSignal = [];
    this.warnings = warnings;

    for (let a = 0; a < A; a++) {
      const sym = this.symbols[a]!;
      const { key, candles } = series.get(sym)!;
      const info = catalog[sym] ?? fallbackAssetInfo(sym);
      this.info.push(info);
      this.stable[a] = info.stablecoin ? 1 : 0;

      const close = new Float64Array(days).fill(Number.NaN);
      const mcRaw = new Float64Array(days).fill(Number.NaN);
      const real = new Uint8Array(days);
      // Original candle index per grid day, to align a caller's signal.
      const srcIdx = new Int32Array(days).fill(-1);
      let invalid = 0;
      let dup = 0;
      for (let j = 0; j < candles.length; j++) {
        const c = candles[j]!;
        if (!Number.isFinite(c.t) || !(c.c > 0) || !Number.isFinite(c.c)) {
          invalid++;
          continue;
        }
        const g = Math.floor(c.t / DAY_MS) - minDay;
        if (real[g]) dup++;
        real[g] = 1;
        close[g] = c.c;
        mcRaw[g] = c.mc !== undefined && c.mc > 0 && Number.isFinite(c.mc) ? c.mc : Number.NaN;
        srcIdx[g] = j;
      }
      if (invalid > 0)
        warnings.push(`${sym}: ${invalid} candle(s) without a valid time or positive close were ignored`);
      if (dup > 0) warnings.push(`${sym}: ${dup} duplicate day(s); the later candle of each day was kept`);

      const count = new Int32Array(days);
      const lastReal = new Int32Array(days).fill(-1);
      const mcap = new Float64Array(days).fill(Number.NaN);
      const staticMc = info.marketCapUsd !== null && info.marketCapUsd > 0 ? info.marketCapUsd : Number.NaN;
      let n = 0;
      let lr = -1;
      let lastClose = Number.NaN;
      let lastMc = Number.NaN;
      let usedCandleMc = false;
      let usedStatic = false;
      for (let g = 0; g < days; g++) {
        if (real[g]) {
          n++;
          lr = g;
          lastClose = close[g]!;
          if (!Number.isNaN(mcRaw[g]!)) lastMc = mcRaw[g]!;
          if (this.firstIdx[a] === -1) this.firstIdx[a] = g;
          this.lastIdx[a] = g;
        }
        count[g] = n;
        lastReal[g] = lr;
        close[g] = lastClose;
        if (lr >= 0) {
          if (!Number.isNaN(lastMc)) {
            mcap[g] = lastMc;
            usedCandleMc = true;
          } else if (!Number.isNaN(staticMc)) {
            mcap[g] = staticMc;
            usedStatic = true;
          }
        }
      }
      this.mcapSource[a] = usedStatic ? 2 : usedCandleMc ? 1 : 0;
      this.close.push(close);
      this.mcap.push(mcap);
      this.count.push(count);
      this.lastReal.push(lastReal);

      const sig = data.signals?.[key] ?? data.signals?.[sym];
      if (sig === undefined) {
        this.userSignal.push(null);
      } else if (sig.length !== candles.length) {
        warnings.push(
          `${sym}: signal has ${sig.length} values for ${candles.length} candles; ignored (the built-in trend signal is used)`,
        );
        this.userSignal.push(null);
      } else {
        const s = new Float64Array(days).fill(Number.NaN);
        let last = Number.NaN;
        for (let g = 0; g < days; g++) {
          const j = srcIdx[g]!;
          if (j >= 0) {
            const v = Number(sig[j]);
            last = Number.isFinite(v) ? v : Number.NaN;
          }
          s[g] = last;
        }
        this.userSignal.push(s);
      }
    }
  }

  /**
   * Built-in trend signal per asset: close / EMA(len) - 1, using the EMA of
   * trading-signals fed with the asset's real candles. NaN until `len` candles were seen.
   */
  trend(len: number): Float64Array[] {
    let out = this.trendCache.get(len);
    if (out) return out;
    out = [];
    for (let a = 0; a < this.symbols.length; a++) {
      const close = this.close[a]!;
      const lastReal = this.lastReal[a]!;
      const s = new Float64Array(this.days).fill(Number.NaN);
      const first = this.firstIdx[a]!;
      if (first >= 0) {
        const ema = new EMA(len);
        let seen = 0;
        let last = Number.NaN;
        for (let g = first; g < this.days; g++) {
          if (lastReal[g] === g) {
            const c = close[g]!;
            const e = ema.add(c);
            seen++;
            last = seen >= len && e !== null && e > 0 ? c / e - 1 : Number.NaN;
          }
          s[g] = last;
        }
      }
      out.push(s);
    }
    this.trendCache.set(len, out);
    return out;
  }

  /**
   * Trailing volatility per asset: sample standard deviation of the last `len` daily
   * returns between consecutive candles (not annualised). NaN until `len` returns exist.
   * O(n) per asset with a ring buffer (running sums are re-based every window).
   */
  volatility(len: number): Float64Array[] {
    let out = this.volCache.get(len);
    if (out) return out;
    out = [];
    const ring = new Float64Array(len);
    for (let a = 0; a < this.symbols.length; a++) {
      const close = this.close[a]!;
      const lastReal = this.lastReal[a]!;
      const s = new Float64Array(this.days).fill(Number.NaN);
      const first = this.firstIdx[a]!;
      if (first >= 0) {
        let prev = Number.NaN;
        let k = 0; // returns seen
        let sum = 0;
        let sumSq = 0;
        let last = Number.NaN;
        for (let g = first; g < this.days; g++) {
          if (lastReal[g] === g) {
            const c = close[g]!;
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
                // Re-base the running sums to keep rounding error from accumulating.
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
          s[g] = last;
        }
      }
      out.push(s);
    }
    this.volCache.set(len, out);
    return out;
  }

  /** Simple moving average of the last `len` real closes of one asset (NaN until `len` candles). */
  sma(a: number, len: number): Float64Array {
    const key = `${a}:${len}`;
    let s = this.smaCache.get(key);
    if (s) return s;
    s = new Float64Array(this.days).fill(Number.NaN);
    const close = this.close[a]!;
    const lastReal = this.lastReal[a]!;
    const ring = new Float64Array(len);
    const first = this.firstIdx[a]!;
    if (first >= 0) {
      let k = 0;
      let sum = 0;
      let last = Number.NaN;
      for (let g = first; g < this.days; g++) {
        if (lastReal[g] === g) {
          const c = close[g]!;
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
    }
    this.smaCache.set(key, s);
    return s;
  }

  /**
   * Day-major copy of per-asset series: value of asset a on day g at [g * assets + a].
   * The engine reads across assets day by day, so this layout keeps its reads contiguous.
   */
  byDay(series: Float64Array[]): Float64Array;
  byDay(series: Int32Array[]): Int32Array;
  byDay(series: Float64Array[] | Int32Array[]): Float64Array | Int32Array {
    const hit = this.byDayCache.get(series);
    if (hit) return hit;
    const A = this.symbols.length;
    const out = series[0] instanceof Int32Array ? new Int32Array(this.days * A) : new Float64Array(this.days * A);
    for (let a = 0; a < A; a++) {
      const s = series[a]!;
      for (let g = 0, i = a; g < this.days; g++, i += A) out[i] = s[g]!;
    }
    this.byDayCache.set(series, out);
    return out;
  }

  /** Day-major signal matrix for signal weighting: the caller's signal, else the built-in trend(len). */
  signalByDay(len: number): Float64Array {
    let m = this.signalCache.get(len);
    if (m) return m;
    const trend = this.trend(len);
    m = this.byDay(this.userSignal.map((u, a) => u ?? trend[a]!));
    this.signalCache.set(len, m);
    return m;
  }

  /** Grid index of a UTC timestamp (may be out of range). */
  dayIndex(t: number): number {
    return Math.floor(t / DAY_MS) - Math.floor(this.firstDay / DAY_MS);
  }
}

/** Aligns and precomputes the input once; pass the result to simulate/sweep to reuse it. */
export function prepareData(data: SimulationData): PreparedData {
  return new PreparedData(data);
}
