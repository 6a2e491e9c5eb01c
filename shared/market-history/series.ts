/**
 * One asset's daily history as columns (typed arrays), the compact shape the market-history store keeps
 * in memory and on disk: about 52 bytes per candle-day and 17 per market-cap day, against some 200 for
 * a `Candle` object. Candles and market caps are separate columns because they come from different
 * sources at different times; `toCandles` joins them into the `Candle[]` grades and the Index Lab read.
 *
 * Days are UTC day numbers (ms since epoch / DAY_MS), strictly increasing. Pure: used by the
 * market-history service (electron/services/market-history), the CLIs and tests.
 */
import { DAY_MS, type Candle } from '../domain/types';

/** A day's candle in USD: open, high, low, close and the day's volume in USD. */
export interface DayCandle {
  day: number;
  o: number;
  h: number;
  l: number;
  c: number;
  v: number;
}

/** Daily candles of one asset, oldest first, one entry per day that has a candle. */
export interface CandleColumns {
  day: Int32Array;
  o: Float64Array;
  h: Float64Array;
  l: Float64Array;
  c: Float64Array;
  /** Volume in USD. */
  v: Float64Array;
}

/** Where a market cap came from; the number stored per day is its index in this list. */
export const CAP_SOURCES = ['coinmetrics', 'coingecko', 'import'] as const;
export type CapSourceId = (typeof CAP_SOURCES)[number];
/** Each market-cap source as the user reads it. */
export const CAP_SOURCE_NAMES: Record<CapSourceId, string> = {
  coinmetrics: 'Coin Metrics',
  coingecko: 'CoinGecko',
  import: 'your CSV files',
};

/** Market caps of one asset: the cap in USD at the close of each day and where it came from. */
export interface CapColumns {
  day: Int32Array;
  mc: Float64Array;
  /** Index into CAP_SOURCES. */
  src: Uint8Array;
}

/** A run of at least two days without a candle between two candles. */
export interface DayGap {
  /** Last day with a candle before the gap. */
  after: number;
  /** First day with a candle after it. */
  before: number;
  /** Days missing in between. */
  missing: number;
}

export const dayOf = (ms: number): number => Math.floor(ms / DAY_MS);

export function emptyCandles(): CandleColumns {
  return candleColumns([]);
}

export function emptyCaps(): CapColumns {
  return { day: new Int32Array(0), mc: new Float64Array(0), src: new Uint8Array(0) };
}

/** Columns from rows sorted by day (later rows win on a repeated day). */
export function candleColumns(rows: readonly DayCandle[]): CandleColumns {
  const unique: DayCandle[] = [];
  for (const r of rows) {
    if (unique.length > 0 && unique[unique.length - 1]!.day === r.day) unique[unique.length - 1] = r;
    else unique.push(r);
  }
  const n = unique.length;
  const out: CandleColumns = {
    day: new Int32Array(n),
    o: new Float64Array(n),
    h: new Float64Array(n),
    l: new Float64Array(n),
    c: new Float64Array(n),
    v: new Float64Array(n),
  };
  unique.forEach((r, i) => {
    out.day[i] = r.day;
    out.o[i] = r.o;
    out.h[i] = r.h;
    out.l[i] = r.l;
    out.c[i] = r.c;
    out.v[i] = r.v;
  });
  return out;
}

/** The row of one index of a candle column set. */
export function candleAt(cols: CandleColumns, i: number): DayCandle {
  return { day: cols.day[i]!, o: cols.o[i]!, h: cols.h[i]!, l: cols.l[i]!, c: cols.c[i]!, v: cols.v[i]! };
}

function candleRows(cols: CandleColumns): DayCandle[] {
  return Array.from({ length: cols.day.length }, (_, i) => candleAt(cols, i));
}

/**
 * Candles of `base` and `add` together. On a day both have, `add` wins when `addWins` (an import the
 * user chose), otherwise `base` keeps its candle (downloads only fill days the store lacks).
 */
export function mergeCandles(base: CandleColumns, add: CandleColumns, addWins: boolean): CandleColumns {
  if (add.day.length === 0) return base;
  if (base.day.length === 0) return add;
  const byDay = new Map<number, DayCandle>();
  const [first, second] = addWins ? [base, add] : [add, base];
  for (const r of candleRows(first)) byDay.set(r.day, r);
  for (const r of candleRows(second)) byDay.set(r.day, r);
  return candleColumns([...byDay.values()].sort((a, b) => a.day - b.day));
}

/** A day's market cap and its source. */
export interface DayCap {
  day: number;
  mc: number;
  src: CapSourceId;
}

/** Columns from caps sorted by day (later entries win on a repeated day). */
export function capColumns(rows: readonly DayCap[]): CapColumns {
  const unique: DayCap[] = [];
  for (const r of rows) {
    if (!(r.mc > 0) || !Number.isFinite(r.mc)) continue;
    if (unique.length > 0 && unique[unique.length - 1]!.day === r.day) unique[unique.length - 1] = r;
    else unique.push(r);
  }
  const out: CapColumns = {
    day: new Int32Array(unique.length),
    mc: new Float64Array(unique.length),
    src: new Uint8Array(unique.length),
  };
  unique.forEach((r, i) => {
    out.day[i] = r.day;
    out.mc[i] = r.mc;
    out.src[i] = CAP_SOURCES.indexOf(r.src);
  });
  return out;
}

export function capRows(cols: CapColumns): DayCap[] {
  return Array.from({ length: cols.day.length }, (_, i) => ({
    day: cols.day[i]!,
    mc: cols.mc[i]!,
    src: CAP_SOURCES[cols.src[i]!] ?? 'import',
  }));
}

/** Which source's cap stands on a day both have: the user's import, then Coin Metrics, then CoinGecko. */
const CAP_PRIORITY: Record<CapSourceId, number> = { import: 3, coinmetrics: 2, coingecko: 1 };

/** Caps of `base` and `add` together; on a shared day the higher-priority source wins (`add` on a tie). */
export function mergeCaps(base: CapColumns, add: CapColumns): CapColumns {
  if (add.day.length === 0) return base;
  if (base.day.length === 0) return add;
  const byDay = new Map<number, DayCap>();
  for (const r of capRows(base)) byDay.set(r.day, r);
  for (const r of capRows(add)) {
    const old = byDay.get(r.day);
    if (!old || CAP_PRIORITY[r.src] >= CAP_PRIORITY[old.src]) byDay.set(r.day, r);
  }
  return capColumns([...byDay.values()].sort((a, b) => a.day - b.day));
}

/** Runs of at least `minMissing` days without a candle (default 2). */
export function gapsOf(days: ArrayLike<number>, minMissing = 2): DayGap[] {
  const out: DayGap[] = [];
  for (let i = 1; i < days.length; i++) {
    const missing = days[i]! - days[i - 1]! - 1;
    if (missing >= minMissing) out.push({ after: days[i - 1]!, before: days[i]!, missing });
  }
  return out;
}

/** Candles with their day's market cap (`mc`) where one is known. */
export function toCandles(candles: CandleColumns, caps: CapColumns): Candle[] {
  const out = new Array<Candle>(candles.day.length);
  let j = 0;
  for (let i = 0; i < candles.day.length; i++) {
    const d = candles.day[i]!;
    while (j < caps.day.length && caps.day[j]! < d) j++;
    const k: Candle = {
      t: d * DAY_MS,
      o: candles.o[i]!,
      h: candles.h[i]!,
      l: candles.l[i]!,
      c: candles.c[i]!,
      v: candles.v[i]!,
    };
    if (j < caps.day.length && caps.day[j] === d) k.mc = caps.mc[j]!;
    out[i] = k;
  }
  return out;
}

/** Candles (e.g. read from a CSV) as columns; their `mc` values become caps of source `capSource`. */
export function fromCandles(
  list: readonly Candle[],
  capSource: CapSourceId,
): { candles: CandleColumns; caps: CapColumns } {
  const sorted = [...list].sort((a, b) => a.t - b.t);
  return {
    candles: candleColumns(sorted.map((k) => ({ day: dayOf(k.t), o: k.o, h: k.h, l: k.l, c: k.c, v: k.v }))),
    caps: capColumns(
      sorted.flatMap((k) => (k.mc !== undefined && k.mc > 0 ? [{ day: dayOf(k.t), mc: k.mc, src: capSource }] : [])),
    ),
  };
}

/** Bytes the columns hold. */
export function columnBytes(candles: CandleColumns, caps: CapColumns): number {
  return (
    candles.day.byteLength + candles.o.byteLength * 5 + caps.day.byteLength + caps.mc.byteLength + caps.src.byteLength
  );
}
