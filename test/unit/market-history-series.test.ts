import { describe, expect, it } from 'vitest';
import { DAY_MS, type Candle } from '../../shared/domain/types';
import {
  candleColumns,
  capColumns,
  capRows,
  fromCandles,
  gapsOf,
  mergeCandles,
  mergeCaps,
  mergeHistories,
  priceCsv,
  parsePriceCsv,
  toCandles,
  toUsd,
  topByCapAt,
  type DayCandle,
} from '../../shared/market-history';

const D = 19_000; // a UTC day number
const row = (day: number, c: number): DayCandle => ({ day, o: c, h: c * 1.1, l: c * 0.9, c, v: 10 * c });

describe('candle and cap columns', () => {
  it('keep one candle per day, in order, and join caps onto the candles of the same day', () => {
    const cols = candleColumns([row(D, 1), row(D + 1, 2), row(D + 1, 3), row(D + 3, 4)]);
    expect(Array.from(cols.day)).toEqual([D, D + 1, D + 3]);
    expect(Array.from(cols.c)).toEqual([1, 3, 4]);
    const caps = capColumns([
      { day: D + 1, mc: 300, src: 'coinmetrics' },
      { day: D + 2, mc: 999, src: 'coinmetrics' },
      { day: D + 3, mc: 0, src: 'coingecko' },
    ]);
    const candles = toCandles(cols, caps);
    expect(candles.map((k) => k.t)).toEqual([D * DAY_MS, (D + 1) * DAY_MS, (D + 3) * DAY_MS]);
    expect(candles.map((k) => k.mc)).toEqual([undefined, 300, undefined]);
  });

  it('merge downloads without replacing stored days, and imports over them', () => {
    const stored = candleColumns([row(D, 1), row(D + 1, 2)]);
    const fresh = candleColumns([row(D + 1, 20), row(D + 2, 30)]);
    expect(Array.from(mergeCandles(stored, fresh, false).c)).toEqual([1, 2, 30]);
    expect(Array.from(mergeCandles(stored, fresh, true).c)).toEqual([1, 20, 30]);
  });

  it('keep the cap of the stronger source on a shared day: import, then Coin Metrics, then CoinGecko', () => {
    const base = capColumns([
      { day: D, mc: 1, src: 'coinmetrics' },
      { day: D + 1, mc: 2, src: 'coingecko' },
    ]);
    const gecko = capColumns([
      { day: D, mc: 10, src: 'coingecko' },
      { day: D + 2, mc: 30, src: 'coingecko' },
    ]);
    const merged = capRows(mergeCaps(base, gecko));
    expect(merged).toEqual([
      { day: D, mc: 1, src: 'coinmetrics' },
      { day: D + 1, mc: 2, src: 'coingecko' },
      { day: D + 2, mc: 30, src: 'coingecko' },
    ]);
    const imported = capRows(mergeCaps(base, capColumns([{ day: D, mc: 5, src: 'import' }])));
    expect(imported[0]).toEqual({ day: D, mc: 5, src: 'import' });
  });

  it('report runs of two or more missing days as gaps', () => {
    expect(gapsOf([D, D + 1, D + 3, D + 6, D + 7])).toEqual([{ after: D + 3, before: D + 6, missing: 2 }]);
    expect(gapsOf([D, D + 2], 1)).toEqual([{ after: D, before: D + 2, missing: 1 }]);
  });

  it('round-trip candles with caps through columns and the CSV format', () => {
    const list: Candle[] = [
      { t: D * DAY_MS, o: 1.5, h: 2, l: 1, c: 1.75, v: 100, mc: 1e9 },
      { t: (D + 1) * DAY_MS, o: 1.75, h: 2.5, l: 1.5, c: 2.25, v: 0 },
    ];
    const { candles, caps } = fromCandles(list, 'import');
    expect(toCandles(candles, caps)).toEqual(list);
    const parsed = parsePriceCsv(priceCsv(list), 'X.csv');
    expect(parsed.errors).toEqual([]);
    expect(parsed.candles).toEqual(list);
  });
});

describe('toUsd', () => {
  const rows = [row(D, 2), row(D + 1, 4)];
  it('multiplies by the QUOTE/USD close of each day and counts the days taken at par', () => {
    const usd = toUsd(rows, 'USDT', (d) => (d === D ? 0.99 : undefined));
    expect(usd.rows[0]!.c).toBeCloseTo(1.98);
    expect(usd.rows[0]!.v).toBeCloseTo(19.8);
    expect(usd.rows[1]!.c).toBe(4);
    expect(usd).toMatchObject({ conversion: 'provider-close', parDays: 1 });
  });
  it('takes a series at par when the provider has no conversion market, and leaves USD alone', () => {
    expect(toUsd(rows, 'USDC', null)).toMatchObject({ conversion: 'par', parDays: 2 });
    expect(toUsd(rows, 'USD', null)).toEqual({ rows, conversion: 'none', parDays: 0 });
  });
});

describe('topByCapAt (no hindsight)', () => {
  const k = (day: number, mc?: number): Candle => ({
    t: day * DAY_MS,
    o: 1,
    h: 1,
    l: 1,
    c: 1,
    v: 1,
    ...(mc ? { mc } : {}),
  });
  const history = {
    A: [k(D - 1, 100), k(D, 100), k(D + 1, 100)],
    B: [k(D - 1, 50), k(D, 500), k(D + 1, 500)],
    C: [k(D - 10, 1000), k(D, 1)],
  };
  it('ranks a decision on day d by the caps at the close of d - 1', () => {
    expect(topByCapAt(history, D * DAY_MS, 2)).toEqual(['A', 'B']);
    expect(topByCapAt(history, (D + 1) * DAY_MS, 2)).toEqual(['B', 'A']);
  });
  it('leaves out caps older than the staleness limit', () => {
    expect(topByCapAt(history, (D - 5) * DAY_MS, 3)).toEqual([]);
    expect(topByCapAt(history, (D - 9) * DAY_MS, 3)).toEqual(['C']);
  });
});

describe('mergeHistories', () => {
  const k = (day: number, c: number): Candle => ({ t: day * DAY_MS, o: c, h: c, l: c, c, v: 0 });
  it('keeps the primary candle on shared days and fills the rest from the secondary', () => {
    const merged = mergeHistories({ BTC: [k(D, 1), k(D + 1, 2)] }, { BTC: [k(D - 1, 9), k(D, 9)], SOL: [k(D, 5)] });
    expect(merged['BTC']!.map((x) => x.c)).toEqual([9, 1, 2]);
    expect(merged['SOL']!.map((x) => x.c)).toEqual([5]);
  });
});
