/**
 * Data preparation for Index Lab: aligns every asset's candles on one daily UTC grid and keeps
 * them as day-major typed arrays (the value of asset a on grid day g at [g * assets + a]), the
 * layout the engine reads day by day across assets. Prepare once, run many simulations (the
 * sweep relies on this). Derived series (trend signal, volatility, moving average) are computed
 * lazily per window length and memoised (series.ts).
 *
 * Nothing of the input is kept: no candle object, no reference to the PriceHistory, so the
 * caller can drop it once prepared. Every derived value at grid day g uses candles up to and
 * including g only. Called by the engine (asPrepared), the sweep, the worker and the CLI.
 */
import { DAY_MS, type AssetInfo, type Candle, type PriceHistory } from '../domain/types';
import { fallbackAssetInfo } from './assets';
import { alignCandles, type AlignInput } from './align';
import { movingAverage, trailingVolatility, trendInto } from './series';
import { isoDay, monthKeyOfDay } from './calendar';

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
  /** Where the prices come from, stated in every result's data coverage (coverage.ts). */
  sources?: DataSources;
}

/** The caller's description of the price data's origin. */
export interface DataSources {
  /** Providers of the prices and caps, e.g. "Coin Metrics (community)", "CoinGecko". */
  providers?: string[];
  /**
   * 'today-top' when the asset list is today's top N (assets that died or dropped out are
   * missing); 'chosen' when it is a list chosen for the run; unknown when absent.
   */
  assetList?: 'today-top' | 'chosen';
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
  /** Number of assets (columns of the day-major arrays). */
  readonly assets: number;
  /** Number of grid days. */
  readonly days: number;
  /** UTC midnight (ms) of grid day 0. */
  readonly firstDay: number;
  /** UTC midnight of each grid day. */
  readonly times: Float64Array;
  /** year * 12 + month (0-based) of each grid day, for calendar schedules. */
  readonly monthKey: Int32Array;
  /** Close, day-major; forward-filled over gaps and after the last candle; NaN before the first. */
  readonly closeM: Float64Array;
  /**
   * Market cap, day-major: candle `mc` forward-filled; NaN where unknown. Only when no candle of
   * any asset has a market cap, the catalog's static (present-day) value fills every day.
   */
  readonly mcapM: Float64Array;
  /** Number of real candles up to and including each day, day-major. */
  readonly countM: Int32Array;
  /** Grid index of the last real candle at or before each day (-1 before the first), day-major. */
  readonly lastRealM: Int32Array;
  /** Per asset: 0 = no market cap, 1 = candles only, 2 = static catalog value used on some days. */
  readonly mcapSource: Uint8Array;
  /** Grid index of each asset's first candle with a market cap (-1 when none). */
  readonly firstMcIdx: Int32Array;
  /** True when some candle carries a market cap (the catalog's static value is then never used). */
  readonly historicalCaps: boolean;
  /** The caller's description of the data (SimulationData.sources). */
  readonly sources: DataSources;
  /** Grid index of each asset's first / last candle (-1 when it has none). */
  readonly firstIdx: Int32Array;
  readonly lastIdx: Int32Array;
  readonly info: AssetInfo[];
  /** 1 when the asset is a stablecoin (catalog flag, or well-known symbol when not in the catalog). */
  readonly stable: Uint8Array;
  /** 1 when the caller supplied a usable signal for the asset. */
  readonly hasUserSignal: Uint8Array;
  /** Caller-supplied signals aligned to the grid (forward-filled), day-major; NaN where none; null without any. */
  readonly userSignalM: Float64Array | null;
  /** Data problems found while preparing (invalid candles, duplicates...). */
  readonly warnings: string[];

  private readonly trendCache = new Map<number, Float64Array>();
  private readonly signalCache = new Map<number, Float64Array>();
  private readonly volCache = new Map<number, Float64Array>();
  private readonly smaCache = new Map<string, Float64Array>();

  constructor(data: SimulationData) {
    const warnings: string[] = [];
    const catalog: Record<string, AssetInfo> = {};
    for (const [k, v] of Object.entries(data.catalog ?? {})) catalog[k.toUpperCase()] = v;

    // Group input series by upper-case symbol (first spelling wins on a clash).
    const series = new Map<string, { key: string; candles: readonly Candle[] }>();
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

    this.symbols = [...series.keys()].sort();
    const A = this.symbols.length;
    this.assets = A;
    this.indexOf = new Map(this.symbols.map((s, i) => [s, i]));
    this.info = [];
    this.stable = new Uint8Array(A);
    this.hasUserSignal = new Uint8Array(A);
    const inputs: AlignInput[] = [];
    const signalWarnings: string[] = [];
    for (let a = 0; a < A; a++) {
      const symbol = this.symbols[a]!;
      const info = catalog[symbol] ?? fallbackAssetInfo(symbol);
      this.info.push(info);
      this.stable[a] = info.stablecoin ? 1 : 0;
      const { key, candles } = series.get(symbol)!;
      let signal = data.signals?.[key] ?? data.signals?.[symbol] ?? null;
      if (signal !== null && signal.length !== candles.length) {
        signalWarnings[a] =
          `${symbol}: signal has ${signal.length} values for ${candles.length} candles; ignored (the built-in trend signal is used)`;
        signal = null;
      }
      if (signal) this.hasUserSignal[a] = 1;
      const mc = info.marketCapUsd;
      inputs.push({ symbol, candles, signal, staticMc: mc !== null && mc > 0 ? mc : Number.NaN });
    }

    const m = alignCandles(inputs, (minDay, maxDay) => {
      if (minDay === null || maxDay === null) {
        throw new IndexLabError('No price data: no candle has a valid time and a positive close.');
      }
      const span = maxDay - minDay + 1;
      if (span > MAX_GRID_DAYS) {
        throw new IndexLabError(
          `Price data spans ${span} days (${isoDay(minDay * DAY_MS)} to ${isoDay(maxDay * DAY_MS)}); the limit is ${MAX_GRID_DAYS}. Check the dates.`,
        );
      }
    });
    // Data warnings asset by asset: invalid and duplicate candles, then a signal of the wrong length.
    for (let a = 0; a < A; a++) {
      warnings.push(...m.warnings[a]!);
      const w = signalWarnings[a];
      if (w) warnings.push(w);
    }
    this.warnings = warnings;
    const days = m.days;
    this.days = days;
    this.firstDay = m.minDay * DAY_MS;
    this.times = new Float64Array(days);
    this.monthKey = new Int32Array(days);
    for (let g = 0; g < days; g++) {
      this.times[g] = (m.minDay + g) * DAY_MS;
      this.monthKey[g] = monthKeyOfDay(m.minDay + g);
    }
    this.closeM = m.closeM;
    this.mcapM = m.mcapM;
    this.countM = m.countM;
    this.lastRealM = m.lastRealM;
    this.userSignalM = m.userSignalM;
    this.firstIdx = m.firstIdx;
    this.lastIdx = m.lastIdx;
    this.mcapSource = m.mcapSource;
    this.firstMcIdx = m.firstMcIdx;
    this.historicalCaps = m.historicalCaps;
    this.sources = data.sources ?? {};
  }

  /** Close of asset a on grid day g (forward-filled; NaN before its first candle). */
  closeAt(a: number, g: number): number {
    return this.closeM[g * this.assets + a]!;
  }

  /**
   * Built-in trend signal, day-major: close / EMA(len) - 1, using the EMA of trading-signals fed
   * with each asset's real candles. NaN until `len` candles were seen.
   */
  trend(len: number): Float64Array {
    let m = this.trendCache.get(len);
    if (m) return m;
    m = new Float64Array(this.days * this.assets);
    for (let a = 0; a < this.assets; a++) trendInto(this, a, len, m);
    this.trendCache.set(len, m);
    return m;
  }

  /**
   * Trailing volatility, day-major: sample standard deviation of the last `len` daily returns
   * between consecutive candles (not annualised). NaN until `len` returns exist.
   */
  volatility(len: number): Float64Array {
    let m = this.volCache.get(len);
    if (m) return m;
    m = trailingVolatility(this, len);
    this.volCache.set(len, m);
    return m;
  }

  /** Simple moving average of the last `len` real closes of one asset, per grid day (NaN until `len` candles). */
  sma(a: number, len: number): Float64Array {
    const key = `${a}:${len}`;
    let s = this.smaCache.get(key);
    if (s) return s;
    s = movingAverage(this, a, len);
    this.smaCache.set(key, s);
    return s;
  }

  /** Day-major signal for signal weighting: the caller's signal, else the built-in trend(len). */
  signalByDay(len: number): Float64Array {
    const user = this.userSignalM;
    if (!user) return this.trend(len);
    if (this.hasUserSignal.every((h) => h === 1)) return user;
    let m = this.signalCache.get(len);
    if (m) return m;
    m = Float64Array.from(user);
    for (let a = 0; a < this.assets; a++) if (!this.hasUserSignal[a]) trendInto(this, a, len, m);
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
