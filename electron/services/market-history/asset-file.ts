/**
 * The file of one asset in the market-history store (`<dataDir>/market-history/assets/<SYMBOL>.json`):
 * its USD daily candles and its market caps as columns, days stored as a first day and differences
 * (mostly 1), numbers with 15 significant digits (`roundSeries`, which the store applies before it keeps
 * a series in memory too, so what is read back equals what was written), and where the prices came from
 * (`origin`: what a resumed run needs even when the manifest was not written). `decodeAssetFile` throws
 * on anything that is not such a file, so a damaged file is noticed (and moved aside) instead of being
 * half read.
 */
import { z } from 'zod';
import { CAP_SOURCES, type CandleColumns, type CapColumns } from '../../../shared/market-history';

const DIGITS = 15;
const round = (x: number): number => Number(x.toPrecision(DIGITS));
const roundAll = (xs: Float64Array): Float64Array => xs.map(round);

/** Days as the first day followed by the differences to the previous day. */
function encodeDays(days: Int32Array): number[] {
  return Array.from(days, (d, i) => (i === 0 ? d : d - days[i - 1]!));
}

function decodeDays(deltas: readonly number[]): Int32Array {
  const out = new Int32Array(deltas.length);
  let d = 0;
  deltas.forEach((x, i) => {
    d = i === 0 ? x : d + x;
    out[i] = d;
  });
  return out;
}

const finiteList = z.array(z.number().finite());
const positiveList = z.array(z.number().finite().positive());

const fileSchema = z.object({
  v: z.literal(1),
  symbol: z.string().min(1).max(20),
  origin: z.object({ provider: z.string().nullable(), market: z.string().nullable(), backfilled: z.boolean() }),
  candles: z.object({
    d: z.array(z.number().int()),
    o: positiveList,
    h: positiveList,
    l: positiveList,
    c: positiveList,
    v: finiteList,
  }),
  caps: z.object({
    d: z.array(z.number().int()),
    mc: positiveList,
    s: z.array(
      z
        .number()
        .int()
        .min(0)
        .max(CAP_SOURCES.length - 1),
    ),
  }),
});

/** Where an asset's prices came from, and whether its older history is complete. */
export interface SeriesOrigin {
  provider: string | null;
  market: string | null;
  backfilled: boolean;
}

export interface AssetSeries {
  candles: CandleColumns;
  caps: CapColumns;
  origin: SeriesOrigin;
}

export const NO_ORIGIN: SeriesOrigin = { provider: null, market: null, backfilled: false };

/**
 * The series with its numbers as the file keeps them. Columns that are the very objects of `rounded`
 * (a series this function gave before) are kept as they are: a page of market caps does not round the
 * candles again.
 */
export function roundSeries(s: AssetSeries, rounded?: AssetSeries): AssetSeries {
  const k = s.candles;
  const candles =
    k === rounded?.candles
      ? k
      : { day: k.day, o: roundAll(k.o), h: roundAll(k.h), l: roundAll(k.l), c: roundAll(k.c), v: roundAll(k.v) };
  const caps = s.caps === rounded?.caps ? s.caps : { day: s.caps.day, mc: roundAll(s.caps.mc), src: s.caps.src };
  return { candles, caps, origin: s.origin };
}

/** The file's text of a series `roundSeries` gave (numbers are written as they are). */
export function encodeAssetFile(symbol: string, s: AssetSeries): string {
  const k = s.candles;
  return JSON.stringify({
    v: 1,
    symbol,
    origin: s.origin,
    candles: {
      d: encodeDays(k.day),
      o: Array.from(k.o),
      h: Array.from(k.h),
      l: Array.from(k.l),
      c: Array.from(k.c),
      v: Array.from(k.v),
    },
    caps: { d: encodeDays(s.caps.day), mc: Array.from(s.caps.mc), s: Array.from(s.caps.src) },
  });
}

function increasing(days: Int32Array): boolean {
  for (let i = 1; i < days.length; i++) if (days[i]! <= days[i - 1]!) return false;
  return true;
}

/** The series of a file's text; throws (with a short reason) when it is not a valid file for `symbol`. */
export function decodeAssetFile(text: string, symbol: string): AssetSeries {
  const parsed = fileSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`not a market-history file (${parsed.error.issues[0]?.message ?? 'invalid'})`);
  const f = parsed.data;
  if (f.symbol !== symbol) throw new Error(`the file holds ${f.symbol}, not ${symbol}`);
  const n = f.candles.d.length;
  const k = f.candles;
  if ([k.o, k.h, k.l, k.c, k.v].some((col) => col.length !== n)) throw new Error('candle columns differ in length');
  const m = f.caps.d.length;
  if (f.caps.mc.length !== m || f.caps.s.length !== m) throw new Error('market-cap columns differ in length');
  const candles: CandleColumns = {
    day: decodeDays(k.d),
    o: Float64Array.from(k.o),
    h: Float64Array.from(k.h),
    l: Float64Array.from(k.l),
    c: Float64Array.from(k.c),
    v: Float64Array.from(k.v),
  };
  const caps: CapColumns = {
    day: decodeDays(f.caps.d),
    mc: Float64Array.from(f.caps.mc),
    src: Uint8Array.from(f.caps.s),
  };
  if (!increasing(candles.day) || !increasing(caps.day)) throw new Error('days are not in increasing order');
  return { candles, caps, origin: f.origin };
}
