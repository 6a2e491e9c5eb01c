import { describe, expect, it } from 'vitest';
import { DAY_MS, type Portfolio, type PriceHistory } from '../../shared/domain/types';
import {
  changeOver,
  changesOf,
  compactSnapshots,
  joinEstimate,
  needsCompaction,
  seriesFromHistory,
  seriesFromSnapshots,
  snapshotFromPortfolio,
  topAssets,
  type PortfolioSnapshot,
} from '../../shared/portfolio/snapshots';

const NOW = Date.UTC(2026, 5, 15, 12);
const HOUR = 3_600_000;

function snap(id: string, t: number, total = 100, base = 'USD'): PortfolioSnapshot {
  return { id, t, base, total, assets: { BTC: { amount: 1, price: total, value: total } } };
}

describe('compactSnapshots', () => {
  it('keeps everything of the last 30 days and the last snapshot of each older day', () => {
    const snaps: PortfolioSnapshot[] = [];
    // 40 days, 4 snapshots a day at 00:00, 06:00, 12:00, 18:00 UTC
    const day0 = Math.floor(NOW / DAY_MS) * DAY_MS - 39 * DAY_MS;
    for (let d = 0; d < 40; d++) {
      for (let h = 0; h < 24; h += 6) snaps.push(snap(`d${d}h${h}`, day0 + d * DAY_MS + h * HOUR));
    }
    const out = compactSnapshots(snaps, NOW);
    const cutoff = NOW - 30 * DAY_MS;
    const recent = snaps.filter((s) => s.t >= cutoff);
    const old = out.filter((s) => s.t < cutoff);
    // every recent snapshot survives
    expect(out.filter((s) => s.t >= cutoff)).toEqual(recent);
    // one per old day, and it is the day's last one
    const days = new Set(old.map((s) => Math.floor(s.t / DAY_MS)));
    expect(days.size).toBe(old.length);
    for (const s of old) {
      const sameDay = snaps.filter((x) => Math.floor(x.t / DAY_MS) === Math.floor(s.t / DAY_MS) && x.t < cutoff);
      expect(s.t).toBe(Math.max(...sameDay.map((x) => x.t)));
    }
    // every old day is still represented
    const oldDays = new Set(snaps.filter((s) => s.t < cutoff).map((s) => Math.floor(s.t / DAY_MS)));
    expect(days).toEqual(oldDays);
    expect(needsCompaction(snaps, NOW)).toBe(true);
    expect(needsCompaction(out, NOW)).toBe(false);
    // idempotent
    expect(compactSnapshots(out, NOW)).toEqual(out);
  });

  it('drops duplicate ids and sorts by time', () => {
    const a = snap('a', NOW - 2 * HOUR, 1);
    const b = snap('b', NOW - HOUR, 2);
    const out = compactSnapshots([b, a, { ...a, total: 999 }], NOW);
    expect(out.map((s) => s.id)).toEqual(['a', 'b']);
    expect(out[0]!.total).toBe(1);
  });
});

describe('snapshotFromPortfolio', () => {
  it('sums amounts and values per asset and keeps unpriced assets as null', () => {
    const p: Portfolio = {
      base: 'EUR',
      asOf: NOW,
      custodies: [],
      positions: [
        { custodyId: 'a', asset: 'BTC', amount: 1, price: 50, value: 50 },
        { custodyId: 'b', asset: 'BTC', amount: 2, price: 50, value: 100 },
        { custodyId: 'a', asset: 'FOO', amount: 7, price: null, value: null },
      ],
    };
    const s = snapshotFromPortfolio('run-1', p);
    expect(s).toEqual({
      id: 'run-1',
      t: NOW,
      base: 'EUR',
      total: 150,
      assets: { BTC: { amount: 3, price: 50, value: 150 }, FOO: { amount: 7, price: null, value: null } },
    });
  });
});

describe('series and changes', () => {
  it('seriesFromSnapshots keeps the range and the base currency', () => {
    const snaps = [
      snap('old', NOW - 40 * DAY_MS, 50),
      snap('eur', NOW - 3 * DAY_MS, 70, 'EUR'),
      snap('w', NOW - 6 * DAY_MS, 80),
      snap('now', NOW, 100),
    ];
    const week = seriesFromSnapshots(snaps, 'USD', '1W', NOW);
    expect(week.points).toEqual([
      { t: NOW - 6 * DAY_MS, total: 80 },
      { t: NOW, total: 100 },
    ]);
    expect(week.assets).toEqual([{ asset: 'BTC', values: [80, 100] }]);
    expect(seriesFromSnapshots(snaps, 'USD', 'All', NOW).points).toHaveLength(3);
  });

  it('thins long series but keeps the first and the latest point', () => {
    const snaps = Array.from({ length: 2000 }, (_, i) => snap(`s${i}`, NOW - (2000 - i) * HOUR, i));
    const s = seriesFromSnapshots(snaps, 'USD', 'All', NOW, 100);
    expect(s.points.length).toBeLessThanOrEqual(101);
    expect(s.points[0]!.total).toBe(0);
    expect(s.points.at(-1)!.total).toBe(1999);
    const ts = s.points.map((p) => p.t);
    expect([...ts].sort((a, b) => a - b)).toEqual(ts);
  });

  it('changeOver compares the latest point with the last one at least a span earlier', () => {
    const points = [
      { t: NOW - 8 * DAY_MS, total: 80 },
      { t: NOW - 7 * DAY_MS, total: 90 },
      { t: NOW - DAY_MS - HOUR, total: 120 },
      { t: NOW - 10 * HOUR, total: 130 },
      { t: NOW, total: 100 },
    ];
    const c = changesOf(points);
    expect(c.change24h).toMatchObject({ from: 120, to: 100, abs: -20, since: NOW - DAY_MS - HOUR });
    expect(c.change24h!.pct).toBeCloseTo(-20 / 120, 12);
    expect(c.change7d).toMatchObject({ from: 90, to: 100, abs: 10 });
    // not enough history
    expect(changeOver(points.slice(-2), DAY_MS)).toBeNull();
    expect(changeOver([], DAY_MS)).toBeNull();
    // a start far older than the span is not used
    expect(
      changeOver(
        [
          { t: NOW - 5 * DAY_MS, total: 1 },
          { t: NOW, total: 2 },
        ],
        DAY_MS,
      ),
    ).toBeNull();
  });

  it('seriesFromHistory values current amounts at each close, carrying missing days forward', () => {
    const d = (i: number) => NOW - (4 - i) * DAY_MS;
    const candle = (t: number, c: number) => ({ t, o: c, h: c, l: c, c, v: 0 });
    const history: PriceHistory = {
      BTC: [candle(d(0), 10), candle(d(1), 11), candle(d(2), 12), candle(d(3), 13), candle(d(4), 14)],
      ETH: [candle(d(2), 5), candle(d(4), 6)],
    };
    const positions = [
      { custodyId: 'a', asset: 'BTC', amount: 2 },
      { custodyId: 'b', asset: 'ETH', amount: 1 },
      { custodyId: 'c', asset: 'BTC', amount: 1 },
    ];
    const s = seriesFromHistory(positions, history, 'USD', 'All');
    expect(s.points.map((p) => p.total)).toEqual([30, 33, 41, 44, 48]);
    expect(s.assets.find((a) => a.asset === 'ETH')!.values).toEqual([null, null, 5, 5, 6]);
    const c = changesOf(s.points);
    expect(c.change24h).toMatchObject({ from: 44, to: 48 });
    expect(c.change7d).toBeNull();
    expect(seriesFromHistory(positions, history, 'USD', '1W').points).toHaveLength(5);
  });
});

describe('joinEstimate', () => {
  const day = (d: number) => Date.UTC(2026, 5, d);
  const est = {
    base: 'USD',
    points: [1, 2, 3, 4, 5].map((d) => ({ t: day(d), total: 100 + d })),
    assets: [{ asset: 'BTC', values: [101, 102, 103, 104, 105] }],
  };
  const recorded = {
    base: 'USD',
    points: [
      { t: day(4) + HOUR, total: 200 },
      { t: day(5) + HOUR, total: 210 },
    ],
    assets: [{ asset: 'ETH', values: [200, 210] }],
  };

  it('keeps the estimate before the first recorded point, then the recorded points', () => {
    const j = joinEstimate(est, recorded);
    expect(j.points.map((p) => p.total)).toEqual([101, 102, 103, 104, 200, 210]);
    expect(j.assets).toEqual([
      { asset: 'BTC', values: [101, 102, 103, 104, null, null] },
      { asset: 'ETH', values: [null, null, null, null, 200, 210] },
    ]);
  });

  it('is the recorded series once it starts before the estimate, and the estimate before any record', () => {
    const early = { ...recorded, points: [{ t: day(0), total: 1 }, ...recorded.points], assets: [] };
    expect(joinEstimate(est, early)).toBe(early);
    expect(joinEstimate(est, { base: 'USD', points: [], assets: [] })).toBe(est);
  });
});

describe('topAssets', () => {
  it('keeps the assets worth most at their last value and leaves the never-priced out', () => {
    const s = {
      base: 'USD',
      points: [
        { t: 1, total: 0 },
        { t: 2, total: 0 },
      ],
      assets: [
        { asset: 'A', values: [5, null] },
        { asset: 'B', values: [1, 50] },
        { asset: 'C', values: [null, null] },
        { asset: 'D', values: [9, 10] },
      ],
    };
    expect(topAssets(s, 2).assets.map((a) => a.asset)).toEqual(['B', 'D']);
    expect(topAssets(s, 10).assets.map((a) => a.asset)).toEqual(['A', 'B', 'D']);
    expect(topAssets(s, 2).points).toBe(s.points);
  });
});
