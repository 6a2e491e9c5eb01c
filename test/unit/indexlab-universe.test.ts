/** Index Lab engine: universe selection, weighting schemes and the risk-off rules, on small hand-built histories. */
import { describe, expect, it } from 'vitest';
import { isoDay, simulate } from '../../shared/indexlab';
import { candles, day } from './support/fixtures';
import { info, valueOn } from './support/indexlab';

describe('Index Lab engine: universe, weighting and risk-off', () => {
  it('ranks the top N by market cap at the previous close and follows rank changes', () => {
    // C overtakes A on day 9 (market cap); a weekly rebalance on day 15 picks it up.
    const n = 20;
    const mcA = Array.from({ length: n }, () => 300);
    const mcB = Array.from({ length: n }, () => 200);
    const mcC = Array.from({ length: n }, (_, i) => (i < 9 ? 100 : 400));
    const r = simulate(
      { universe: { type: 'top', n: 2, minHistoryDays: 1 }, startDate: isoDay(day(0)) },
      {
        prices: {
          A: candles(Array(n).fill(1), { mc: mcA }),
          B: candles(Array(n).fill(1), { mc: mcB }),
          C: candles(Array(n).fill(1), { mc: mcC }),
        },
      },
    );
    expect(r.rebalances.map((x) => x.weights)).toEqual([
      { A: 300 / 500, B: 200 / 500 },
      { A: 300 / 500, B: 200 / 500 },
      { C: 400 / 700, A: 300 / 700 },
    ]);
  });

  it('falls back to the catalog market cap when candles have none, and excludes stablecoins', () => {
    const prices = {
      A: candles(Array(10).fill(2)),
      B: candles(Array(10).fill(3)),
      USDT: candles(Array(10).fill(1)),
    };
    const catalog = {
      A: info('A', { marketCapUsd: 3e9 }),
      B: info('B', { marketCapUsd: 1e9 }),
      USDT: info('USDT', { stablecoin: true, sectors: ['stablecoin'], marketCapUsd: 100e9 }),
    };
    const spec = { universe: { type: 'top', n: 2, minHistoryDays: 1 }, startDate: isoDay(day(0)) };
    const r = simulate(spec, { prices, catalog });
    expect(r.rebalances[0]!.weights).toEqual({ A: 0.75, B: 0.25 });
    expect(r.warnings.some((w) => w.includes('static marketCapUsd'))).toBe(true);
    const withStables = simulate(
      { ...spec, universe: { ...spec.universe, includeStablecoins: true } },
      { prices, catalog },
    );
    expect(Object.keys(withStables.rebalances[0]!.weights).sort()).toEqual(['A', 'USDT']);
  });

  it('selects a sector universe from catalog tags', () => {
    const prices = { A: candles(Array(10).fill(1)), B: candles(Array(10).fill(1)), C: candles(Array(10).fill(1)) };
    const catalog = {
      A: info('A', { sectors: ['DeFi'] }),
      B: info('B', { sectors: ['AI', 'DeFi'] }),
      C: info('C', { sectors: ['meme'] }),
    };
    const r = simulate(
      {
        universe: { type: 'sector', sectors: ['DeFi'], minHistoryDays: 1 },
        weighting: { method: 'equal' },
        startDate: isoDay(day(0)),
      },
      { prices, catalog },
    );
    expect(r.rebalances[0]!.weights).toEqual({ A: 0.5, B: 0.5 });
  });

  it('lets a later asset join once it has minHistoryDays of candles', () => {
    const r = simulate(
      {
        universe: { type: 'custom', symbols: ['A', 'B'], minHistoryDays: 5 },
        weighting: { method: 'equal' },
        startDate: isoDay(day(5)),
      },
      { prices: { A: candles(Array(30).fill(1)), B: candles(Array(20).fill(1), { startDay: 10 }) } },
    );
    // B's 5th candle is day 14: the first weekly decision made on data up to day 14 or later
    // is the day-20 rebalance (it decides on day 19).
    const first = r.rebalances.find((x) => 'B' in x.weights)!;
    expect(first.date).toBe(isoDay(day(20)));
    const before = r.rebalances.filter((x) => x.t < first.t);
    expect(before.every((x) => Object.keys(x.weights).join() === 'A')).toBe(true);
    // Weekly from day 6: 6, 13, 20. Day 13 decides on day 12 data: B has 3 candles only.
    expect(r.rebalances.map((x) => x.date)).toEqual([6, 13, 20, 27].map((i) => isoDay(day(i))));
  });

  it('weights by inverse trailing volatility', () => {
    // A alternates +/-2%, B alternates +/-1%: B has half the volatility, so twice the weight.
    const pA = [100];
    const pB = [100];
    for (let i = 1; i < 40; i++) {
      pA.push(pA[i - 1]! * (i % 2 ? 1.02 : 1 / 1.02));
      pB.push(pB[i - 1]! * (i % 2 ? 1.01 : 1 / 1.01));
    }
    const r = simulate(
      {
        universe: { type: 'custom', symbols: ['A', 'B'], minHistoryDays: 1 },
        weighting: { method: 'inverse-volatility', volLookbackDays: 10 },
      },
      { prices: { A: candles(pA), B: candles(pB) } },
    );
    // Auto start: the first day with 11 candles (10 returns) is day 10; first trade day 11.
    expect(r.rebalances[0]!.date).toBe(isoDay(day(11)));
    const sd = (xs: number[]) => {
      const m = xs.reduce((s, x) => s + x, 0) / xs.length;
      return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
    };
    const rets = (p: number[]) => p.slice(1, 11).map((x, i) => x / p[i]! - 1);
    const iA = 1 / sd(rets(pA));
    const iB = 1 / sd(rets(pB));
    expect(r.rebalances[0]!.weights.A).toBeCloseTo(iA / (iA + iB), 12);
    expect(r.rebalances[0]!.weights.B).toBeCloseTo(iB / (iA + iB), 12);
  });

  it("uses caller signals aligned to each asset's candles; NaN means no signal", () => {
    const prices = { A: candles(Array(20).fill(1)), B: candles(Array(15).fill(1), { startDay: 5 }) };
    const signals = {
      A: Array.from({ length: 20 }, () => 2),
      // B's value at its candle index j (day 5 + j): NaN until day 9, then 1.
      B: Array.from({ length: 15 }, (_, j) => (5 + j < 9 ? Number.NaN : 1)),
    };
    const r = simulate(
      {
        universe: { type: 'custom', symbols: ['A', 'B'], minHistoryDays: 1 },
        weighting: { method: 'signal' },
        startDate: isoDay(day(0)),
      },
      { prices, signals },
    );
    // Day 1 and day 8 decide on days 0 and 7: B has no signal yet. Day 15 decides on day 14.
    expect(r.rebalances.map((x) => x.weights)).toEqual([{ A: 1 }, { A: 1 }, { A: 2 / 3, B: 1 / 3 }]);
  });

  it('holds cash when no asset has a positive signal', () => {
    const prices = { A: candles(Array(10).fill(1)) };
    const r = simulate(
      {
        universe: { type: 'custom', symbols: ['A'], minHistoryDays: 1 },
        weighting: { method: 'signal' },
        startDate: isoDay(day(0)),
      },
      { prices, signals: { A: Array(10).fill(-1) } },
    );
    expect(r.rebalances[0]!.cash).toBe(1);
    expect(r.rebalances[0]!.notes.join()).toContain('no asset had a positive signal');
    expect(r.finalValue).toBe(10_000);
  });

  it('moves to cash when BTC closes below its moving average (checked daily)', () => {
    // BTC rises for 20 days then falls; with a 5-day SMA the rule flips soon after the top.
    const btc = Array.from({ length: 40 }, (_, i) => (i < 20 ? 100 + i : 119 - 3 * (i - 19)));
    const r = simulate(
      {
        universe: { type: 'custom', symbols: ['BTC'], minHistoryDays: 1 },
        weighting: { method: 'equal' },
        riskOff: { enabled: true, rule: 'btc-below-ma', maDays: 5, checkDaily: true },
        costs: { feeBps: 0, slippageBps: 0 },
        startDate: isoDay(day(4)),
      },
      { prices: { BTC: candles(btc) } },
    );
    const sma = (i: number) => (btc[i]! + btc[i - 1]! + btc[i - 2]! + btc[i - 3]! + btc[i - 4]!) / 5;
    let flip = -1;
    for (let p = 5; p < 40; p++) {
      if (btc[p]! < sma(p)) {
        flip = p + 1;
        break;
      }
    }
    const off = r.rebalances.find((x) => x.reason === 'risk-off')!;
    expect(off.date).toBe(isoDay(day(flip)));
    expect(off.riskOff).toBe(true);
    expect(off.cash).toBe(1);
    // In cash afterwards: the value is frozen at the flip day's close.
    const frozen = valueOn(r, flip);
    for (let i = flip; i < 40; i++) expect(valueOn(r, i)).toBe(frozen);
    expect(r.metrics.riskOffShare).toBeGreaterThan(0);
  });
});
