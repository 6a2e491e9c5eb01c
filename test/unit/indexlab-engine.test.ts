/** Index Lab engine: hand-checked weekly rebalances with costs, threshold cadence, weight caps, no look-ahead, determinism and data handling. */
import { describe, expect, it } from 'vitest';
import { DAY_MS, type PriceHistory } from '../../shared/domain/types';
import {
  applyWeightCap,
  curvePoints,
  generateSyntheticHistory,
  isoDay,
  prepareData,
  simulate,
  type SimulationResult,
} from '../../shared/indexlab';
import { D0, candles, day } from './support/fixtures';
import { info, valueOn } from './support/indexlab';

/**
 * Hand computation of a 50/50 rebalance of uA and uB units at closes pA and pB with cost rate c:
 * holdings hA and hB, value before, value after costs (traded value = |hA - hB|) and new units.
 */
function halfAndHalf(uA: number, uB: number, pA: number, pB: number, c: number) {
  const hA = uA * pA;
  const hB = uB * pB;
  const before = hA + hB;
  const after = before - c * Math.abs(hA - hB);
  return { hA, hB, before, after, uA: (0.5 * after) / pA, uB: (0.5 * after) / pB };
}

describe('Index Lab engine: hand-checked two-asset weekly rebalance with costs', () => {
  // A and B, equal weight, weekly. Day 0 = funding day; trades at the close of days 1, 8, 15.
  const pA = [100, 100, 110, 110, 110, 110, 110, 110, 120, 120, 120, 120, 120, 120, 120, 90, 100];
  const pB = [50, 50, 50, 50, 50, 50, 50, 50, 45, 45, 45, 45, 45, 45, 45, 60, 60];
  const prices: PriceHistory = { A: candles(pA), B: candles(pB) };
  const spec = {
    universe: { type: 'custom', symbols: ['A', 'B'], minHistoryDays: 1 },
    weighting: { method: 'equal' },
    rebalance: { cadence: 'weekly' },
    costs: { feeBps: 10, slippageBps: 5 },
    initialCapital: 10_000,
    startDate: isoDay(day(0)),
  };
  const r = simulate(spec, { prices });
  const c = (10 + 5) / 10_000;

  // Day 1: all cash buys 50/50. Cost c on the bought value V1' itself: V1' + c V1' = 10,000.
  const V1 = 10_000 / (1 + c);
  const uA1 = (0.5 * V1) / 100;
  const uB1 = (0.5 * V1) / 50;
  // Day 8: A is overweight (sell A, buy B). Traded = (hA - V'/2) + (V'/2 - hB) = hA - hB.
  const { hA: hA8, hB: hB8, before: V8before, after: V8, uA: uA8, uB: uB8 } = halfAndHalf(uA1, uB1, 120, 45, c);
  // Day 15: B is overweight now (sell B, buy A). Traded = hB - hA.
  const { hA: hA15, hB: hB15, before: V15before, after: V15, uA: uA15, uB: uB15 } = halfAndHalf(uA8, uB8, 90, 60, c);
  const V16 = uA15 * 100 + uB15 * 60;

  it('matches the hand-computed equity on every day', () => {
    expect(r.equity.v).toHaveLength(17);
    expect(valueOn(r, 0)).toBe(10_000);
    expect(valueOn(r, 1)).toBeCloseTo(V1, 9);
    for (let i = 2; i <= 7; i++) expect(valueOn(r, i)).toBeCloseTo(uA1 * pA[i]! + uB1 * pB[i]!, 9);
    expect(valueOn(r, 8)).toBeCloseTo(V8, 9);
    for (let i = 9; i <= 14; i++) expect(valueOn(r, i)).toBeCloseTo(uA8 * pA[i]! + uB8 * pB[i]!, 9);
    expect(valueOn(r, 15)).toBeCloseTo(V15, 9);
    expect(valueOn(r, 16)).toBeCloseTo(V16, 9);
    expect(r.finalValue).toBeCloseTo(V16, 9);
  });

  it('logs three rebalances with the hand-computed trades and costs', () => {
    expect(r.rebalances.map((x) => x.date)).toEqual([isoDay(day(1)), isoDay(day(8)), isoDay(day(15))]);
    expect(r.rebalances.map((x) => x.reason)).toEqual(['initial', 'scheduled', 'scheduled']);
    const second = r.rebalances[1]!;
    expect(second.valueBefore).toBeCloseTo(V8before, 9);
    expect(second.valueAfter).toBeCloseTo(V8, 9);
    const sellA = second.trades.find((t) => t.symbol === 'A')!;
    expect(sellA.side).toBe('sell');
    expect(sellA.value).toBeCloseTo(hA8 - 0.5 * V8, 9);
    expect(sellA.units).toBeCloseTo(uA8 - uA1, 12);
    expect(second.weights).toEqual({ A: 0.5, B: 0.5 });
    const totalCost = 10_000 - V1 + (V8before - V8) + (V15before - V15);
    expect(r.metrics.costsPaid).toBeCloseTo(totalCost, 9);
    expect(r.metrics.feesPaid).toBeCloseTo((totalCost * 10) / 15, 9);
    expect(r.metrics.slippagePaid).toBeCloseTo((totalCost * 5) / 15, 9);
  });

  it('computes turnover from the traded values (initial purchase excluded)', () => {
    const to8 = (hA8 - 0.5 * V8 + (0.5 * V8 - hB8)) / (2 * V8before);
    const to15 = (hB15 - 0.5 * V15 + (0.5 * V15 - hA15)) / (2 * V15before);
    expect(r.metrics.turnover).toBeCloseTo(to8 + to15, 12);
  });

  it('holds the first basket unchanged for the no-rebalance benchmark', () => {
    const hold = curvePoints(r.benchmarks.hold.equity);
    expect(hold[0]!.v).toBe(10_000);
    for (let i = 1; i <= 16; i++) expect(hold[i]!.v).toBeCloseTo(uA1 * pA[i]! + uB1 * pB[i]!, 9);
    // No BTC in the data: the BTC benchmark is omitted with a warning.
    expect(r.benchmarks.btc).toBeNull();
    expect(r.warnings.some((w) => w.includes('Benchmark BTC'))).toBe(true);
  });
});

describe('Index Lab engine: threshold rebalancing', () => {
  // A rises 2% a day from day 2; B is flat. Equal weights, band 5 points, no costs.
  const n = 60;
  const pA = Array.from({ length: n }, (_, i) => (i <= 1 ? 100 : 100 * Math.pow(1.02, i - 1)));
  const pB = Array.from({ length: n }, () => 50);
  const band = 0.05;
  const r = simulate(
    {
      universe: { type: 'custom', symbols: ['A', 'B'], minHistoryDays: 1 },
      weighting: { method: 'equal' },
      rebalance: { cadence: 'threshold', band },
      costs: { feeBps: 0, slippageBps: 0 },
      startDate: isoDay(day(0)),
    },
    { prices: { A: candles(pA), B: candles(pB) } },
  );

  it('rebalances the day after the drift first exceeds the band, never before', () => {
    // Independent replay of the rule: weights at each close; a breach on day k trades on k+1.
    const expected: number[] = [1];
    let uA = 5_000 / pA[1]!;
    let uB = 5_000 / pB[1]!;
    let k = 2;
    while (k < n - 1) {
      const v = uA * pA[k]! + uB * pB[k]!;
      const wA = (uA * pA[k]!) / v;
      if (Math.abs(wA - 0.5) > band) {
        const d = k + 1;
        expected.push(d);
        const vd = uA * pA[d]! + uB * pB[d]!;
        uA = (0.5 * vd) / pA[d]!;
        uB = (0.5 * vd) / pB[d]!;
        k = d + 1;
      } else {
        k++;
      }
    }
    expect(expected.length).toBeGreaterThan(2);
    expect(r.rebalances.map((x) => x.t)).toEqual(expected.map(day));
    expect(r.rebalances.slice(1).every((x) => x.reason === 'drift')).toBe(true);
  });

  it('the first trigger is exactly at the crossing: drift below the band the day before', () => {
    const uA = 5_000 / 100;
    const uB = 5_000 / 50;
    const w = (i: number): number => (uA * pA[i]!) / (uA * pA[i]! + uB * pB[i]!);
    const second = r.rebalances[1]!;
    const crossDay = Math.round((second.t - D0) / DAY_MS) - 1;
    expect(w(crossDay) - 0.5).toBeGreaterThan(band);
    expect(w(crossDay - 1) - 0.5).toBeLessThanOrEqual(band);
  });
});

describe('Index Lab engine: weight caps', () => {
  it('applyWeightCap redistributes the excess proportionally, iteratively', () => {
    const w = new Float64Array([0.6, 0.2, 0.1, 0.1]);
    // 0.6 -> 0.4 frees 0.2, shared by 0.2/0.1/0.1 in proportion (x1.5): 0.3, 0.15, 0.15.
    expect(applyWeightCap(w, 4, 0.4)).toBe(0);
    expect(Array.from(w)).toEqual([0.4, expect.closeTo(0.3, 12), expect.closeTo(0.15, 12), expect.closeTo(0.15, 12)]);
    const w2 = new Float64Array([0.5, 0.3, 0.1, 0.1]);
    // 0.5 -> 0.3 frees 0.2; 0.3 is at the cap, so the two 0.1s double to 0.2 each.
    applyWeightCap(w2, 4, 0.3);
    expect(Array.from(w2)).toEqual([0.3, 0.3, expect.closeTo(0.2, 12), expect.closeTo(0.2, 12)]);
  });

  it('applyWeightCap moves the remainder to cash when the cap is infeasible', () => {
    const w = new Float64Array([0.5, 0.3, 0.2]);
    expect(applyWeightCap(w, 3, 0.2)).toBeCloseTo(0.4, 12);
    expect(Array.from(w)).toEqual([0.2, 0.2, 0.2]);
  });

  it('respects the cap at every rebalance of a top-10 market-cap index', () => {
    const data = generateSyntheticHistory({ assets: 30, days: 500, seed: 3 });
    const cap = 0.15;
    const r = simulate({ universe: { type: 'top', n: 10 }, weighting: { method: 'marketcap', maxWeight: cap } }, data);
    expect(r.rebalances.length).toBeGreaterThan(50);
    let capped = 0;
    for (const rb of r.rebalances) {
      const ws = Object.values(rb.weights);
      for (const w of ws) expect(w).toBeLessThanOrEqual(cap + 1e-12);
      if (ws.some((w) => Math.abs(w - cap) < 1e-9)) capped++;
      const sum = ws.reduce((s, w) => s + w, 0);
      expect(sum + rb.cash).toBeCloseTo(1, 12);
      // Post-trade weights in the daily series equal the targets on the rebalance day.
      const k = r.weights.t.indexOf(rb.t);
      for (const s of r.weights.series) expect(s.w[k]!).toBeLessThanOrEqual(cap + 1e-9);
    }
    expect(capped).toBeGreaterThan(0); // the cap actually bit
  });

  it('holds cash and says so when 3 assets cannot meet a 20% cap', () => {
    const prices = {
      A: candles(Array.from({ length: 30 }, (_, i) => 10 + i)),
      B: candles(Array.from({ length: 30 }, () => 20)),
      C: candles(Array.from({ length: 30 }, (_, i) => 30 - i / 2)),
    };
    const r = simulate(
      {
        universe: { type: 'custom', symbols: ['A', 'B', 'C'], minHistoryDays: 1 },
        weighting: { method: 'equal', maxWeight: 0.2 },
        startDate: isoDay(day(0)),
      },
      { prices },
    );
    for (const rb of r.rebalances) {
      expect(rb.cash).toBeCloseTo(0.4, 12);
      expect(rb.capCash).toBeCloseTo(0.4, 12);
      expect(Object.values(rb.weights)).toEqual([0.2, 0.2, 0.2]);
    }
    expect(r.warnings.some((w) => w.includes('maxWeight 20.00%') && w.includes('cash'))).toBe(true);
    // Cash earns nothing: 40% of the post-cost value on day 1 stays constant in cash.
    const cashDay2 = r.weights.cash[2]! * r.equity.v[2]!;
    expect(cashDay2).toBeCloseTo(0.4 * r.equity.v[1]!, 9);
  });
});

describe('Index Lab engine: no look-ahead', () => {
  const base = generateSyntheticHistory({ assets: 15, days: 400, seed: 11, lateShare: 0.3 });
  /** Same history up to `cut`; every later close and market cap scrambled. */
  const perturb = (cut: number): PriceHistory => {
    const out: PriceHistory = {};
    let k = 0;
    for (const [sym, cs] of Object.entries(base.prices)) {
      out[sym] = cs.map((c) => {
        if (c.t <= cut) return c;
        const f = 0.3 + ((k++ * 7919) % 1000) / 500;
        return { ...c, c: c.c * f, o: c.o * f, h: c.h * f, l: c.l * f, mc: (c.mc ?? 0) * f * f };
      });
    }
    return out;
  };
  const specs = [
    { name: 'top-5 market cap, weekly', universe: { type: 'top', n: 5 } },
    {
      name: 'signal, BTC risk-off daily',
      weighting: { method: 'signal', signalLookbackDays: 20 },
      riskOff: { enabled: true, maDays: 20, checkDaily: true },
    },
    {
      name: 'inverse volatility, threshold',
      weighting: { method: 'inverse-volatility', volLookbackDays: 20 },
      rebalance: { cadence: 'threshold', band: 0.03 },
    },
    {
      name: 'sqrt cap, monthly, basket-trend',
      weighting: { method: 'sqrt-marketcap', maxWeight: 0.3 },
      rebalance: { cadence: 'monthly' },
      riskOff: { enabled: true, rule: 'basket-trend', maDays: 15 },
    },
  ];
  for (const spec of specs) {
    it(`results up to t, and the decision made on t+1, ignore prices after t (${spec.name})`, () => {
      const a = simulate(spec, base);
      // t = the day before a rebalance in the middle of the run.
      const rb = a.rebalances.find((x) => x.t >= Date.UTC(2019, 0, 1) + 250 * DAY_MS)!;
      const cut = rb.t - DAY_MS;
      const b = simulate(spec, { prices: perturb(cut), catalog: base.catalog });
      const upTo = (r: SimulationResult) => curvePoints(r.equity).filter((p) => p.t <= cut);
      expect(upTo(a).length).toBeGreaterThan(100);
      expect(upTo(b)).toEqual(upTo(a));
      const logs = (r: SimulationResult) => r.rebalances.filter((x) => x.t <= cut);
      expect(logs(b)).toEqual(logs(a));
      // The rebalance on cut + 1 day decides from data up to cut: same targets, other fills.
      const rbB = b.rebalances.find((x) => x.t === rb.t)!;
      expect(rbB).toBeDefined();
      expect({ w: rbB.weights, reason: rbB.reason, off: rbB.riskOff }).toEqual({
        w: rb.weights,
        reason: rb.reason,
        off: rb.riskOff,
      });
      // ...and the perturbation does change what comes after.
      expect(b.finalValue).not.toBe(a.finalValue);
    });
  }

  it('a rebalance on day d ignores the close of day d itself', () => {
    // Two runs differing only in the closes of one rebalance day: same weights chosen that day.
    const prices = (spike: number): PriceHistory => ({
      A: candles([10, 10, 10, 10, 10, 10, 10, 10, 10 * spike, 10], { mc: [5, 5, 5, 5, 5, 5, 5, 5, 5 * spike, 5] }),
      B: candles([10, 10, 10, 10, 10, 10, 10, 10, 10, 10], { mc: [4, 4, 4, 4, 4, 4, 4, 4, 4, 4] }),
    });
    const spec = { universe: { type: 'top', n: 2, minHistoryDays: 1 }, startDate: isoDay(day(0)) };
    const a = simulate(spec, { prices: prices(1) });
    const b = simulate(spec, { prices: prices(3) });
    const onDay8 = (r: SimulationResult) => r.rebalances.find((x) => x.t === day(8))!;
    expect(onDay8(a).weights).toEqual({ A: 5 / 9, B: 4 / 9 });
    expect(onDay8(b).weights).toEqual(onDay8(a).weights);
  });
});

describe('Index Lab engine: determinism and data handling', () => {
  it('gives identical results for identical inputs, prepared or not', () => {
    const data = generateSyntheticHistory({ assets: 12, days: 300, seed: 5 });
    const spec = { weighting: { method: 'signal' }, rebalance: { cadence: 'monthly' } };
    const a = simulate(spec, data);
    const b = simulate(spec, prepareData(data));
    expect(b).toEqual(a);
  });

  it('warns about listed symbols without data and invalid candles', () => {
    const bad = candles([1, 2, 5, 3, 3]);
    bad[2] = { ...bad[2]!, c: Number.NaN };
    const r = simulate(
      { universe: { type: 'custom', symbols: ['A', 'NOPE'], minHistoryDays: 1 }, startDate: isoDay(day(0)) },
      { prices: { A: bad }, catalog: { A: info('A', { marketCapUsd: 1 }) } },
    );
    expect(r.warnings.some((w) => w.includes('NOPE'))).toBe(true);
    expect(r.warnings.some((w) => w.startsWith('A: 1 candle'))).toBe(true);
    // The gap day is valued at the previous close.
    expect(valueOn(r, 2)).toBe(valueOn(r, 1));
  });

  it('throws a clear error when there is not enough data', () => {
    const prices = { A: candles([1, 2, 3]) };
    expect(() =>
      simulate({ universe: { type: 'custom', symbols: ['A'] }, weighting: { method: 'equal' } }, { prices }),
    ).toThrow('No asset in the universe reaches 30 days of history');
    // Market-cap weighting or a top-N universe without any market cap cannot rank anything.
    expect(() => simulate({ universe: { type: 'top', minHistoryDays: 1 } }, { prices })).toThrow(
      /top-10 universe needs market caps/,
    );
    expect(() => simulate({ universe: { type: 'custom', symbols: ['A'], minHistoryDays: 1 } }, { prices })).toThrow(
      /marketcap weighting needs market caps/,
    );
    expect(() => simulate({}, { prices: {} })).toThrow(/No price data/);
  });
});
