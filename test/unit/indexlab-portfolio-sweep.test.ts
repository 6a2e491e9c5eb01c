import { describe, expect, it } from 'vitest';
import {
  IndexSpecError,
  curvePoints,
  generateSyntheticHistory,
  isoDay,
  prepareData,
  setSpecParam,
  simulate,
  simulateMyPortfolio,
  sweep,
  sweepMatrix,
} from '../../shared/indexlab';
import { candles, day } from './support/fixtures';

describe('simulateMyPortfolio', () => {
  // 20 days; the last 14 are simulated (start = day 5, end = day 19).
  const pA = [100, 100, 100, 100, 100, 100, 104, 108, 112, 116, 120, 124, 128, 132, 136, 140, 144, 148, 152, 156];
  const pB = [10, 10, 10, 10, 10, 10, 10, 9, 8, 9, 10, 11, 10, 9, 8, 9, 10, 11, 12, 13];
  const data = { prices: { A: candles(pA), B: candles(pB) } };
  const holdings = { A: 10, B: 100, USDT: 500 };

  it('compares weekly rebalancing to current weights against holding the same amounts', () => {
    const r = simulateMyPortfolio({ holdings, days: 14, cadence: 'weekly', feeBps: 0, slippageBps: 0 }, data);
    expect(r.start).toBe(day(5));
    expect(r.end).toBe(day(19));
    // Current weights: amounts at the last close (USDT has no prices: cash at $1).
    const now = 10 * 156 + 100 * 13 + 500;
    expect(r.currentWeights.A).toBeCloseTo(1560 / now, 12);
    expect(r.currentWeights.B).toBeCloseTo(1300 / now, 12);
    expect(r.currentWeights.USDT).toBeCloseTo(500 / now, 12);
    expect(r.targets).toEqual(r.currentWeights);
    // Held: the same amounts every day.
    expect(r.startValue).toBe(10 * 100 + 100 * 10 + 500);
    curvePoints(r.held.equity).forEach((p, k) => expect(p.v).toBeCloseTo(10 * pA[5 + k]! + 100 * pB[5 + k]! + 500, 9));
    // Rebalanced (no costs): to targets at the close of day 6, again on day 13.
    let uA = 10;
    let uB = 100;
    let cash = 500;
    const expected: number[] = [];
    for (let g = 5; g <= 19; g++) {
      if (g === 6 || g === 13) {
        const v = uA * pA[g]! + uB * pB[g]! + cash;
        uA = (r.targets.A! * v) / pA[g]!;
        uB = (r.targets.B! * v) / pB[g]!;
        cash = r.targets.USDT! * v;
      }
      expected.push(uA * pA[g]! + uB * pB[g]! + cash);
    }
    curvePoints(r.rebalanced.equity).forEach((p, k) => expect(p.v).toBeCloseTo(expected[k]!, 9));
    expect(r.result.rebalances.map((x) => x.date)).toEqual([isoDay(day(6)), isoDay(day(13))]);
    expect(r.difference).toBeCloseTo(expected[14]! - (10 * 156 + 100 * 13 + 500), 9);
  });

  it('uses explicit targets (normalised) and charges fees on the trades', () => {
    const r = simulateMyPortfolio(
      { holdings: { A: 10, B: 100 }, targets: { A: 3, B: 1 }, days: 14, feeBps: 20, slippageBps: 0 },
      data,
    );
    expect(r.targets).toEqual({ A: 0.75, B: 0.25 });
    const first = r.result.rebalances[0]!;
    expect(first.weights).toEqual({ A: 0.75, B: 0.25 });
    // Day 6: holdings A 1040, B 1000 -> buy A, sell B. Traded = |0.75V' - 1040| + |0.25V' - 1000|.
    const V = 10 * 104 + 100 * 10;
    const c = 0.002;
    // Both legs' signs are known (buy A, sell B): V' = V - c((0.75V' - 1040) + (1000 - 0.25V')).
    const Vp = (V - c * (1000 - 1040)) / (1 + c * (0.75 - 0.25));
    expect(first.valueAfter).toBeCloseTo(Vp, 9);
    expect(first.fees).toBeCloseTo(V - Vp, 9);
  });

  it('validates its options and reports unknown holdings', () => {
    expect(() => simulateMyPortfolio({ holdings: { A: -1 } }, data)).toThrow(IndexSpecError);
    expect(() => simulateMyPortfolio({ holdings: { A: 1 }, cadence: 'daily' as never }, data)).toThrow(/cadence/);
    const r = simulateMyPortfolio({ holdings: { A: 1, ZZZ: 4 }, days: 10 }, data);
    expect(r.warnings.join()).toContain('ZZZ (no price data)');
  });
});

describe('sweep', () => {
  const data = generateSyntheticHistory({ assets: 25, days: 500, seed: 9 });
  const P = prepareData(data);
  const spec = { universe: { type: 'top', n: 8 }, weighting: { method: 'signal' } };

  it('returns a [y][x] matrix whose cells match individual runs', () => {
    const r = sweep(
      spec,
      {
        axisX: { param: 'cadence', values: ['weekly', 'monthly', 'threshold'] },
        axisY: { param: 'costs.feeBps', values: [0, 25, 100] },
      },
      P,
    );
    expect(r.cells).toHaveLength(3);
    expect(r.cells.every((row) => row.length === 3)).toBe(true);
    const direct = simulate({ ...spec, rebalance: { cadence: 'monthly' }, costs: { feeBps: 25 } }, P);
    expect(r.cells[1]![1]!.metrics).toEqual(direct.metrics);
    expect(r.cells[1]![1]!.x).toBe('monthly');
    expect(r.cells[1]![1]!.y).toBe(25);
    // Same trades, higher fees: strictly lower final value along each calendar column.
    const end = sweepMatrix(r, 'endValue');
    for (const x of [0, 1]) {
      expect(end[0]![x]!).toBeGreaterThan(end[1]![x]!);
      expect(end[1]![x]!).toBeGreaterThan(end[2]![x]!);
    }
  });

  it('turns invalid combinations into error cells instead of failing', () => {
    const r = sweep(spec, { axisX: { param: 'maxWeight', values: [0.2, 1.5] }, axisY: { param: 'n', values: [4] } }, P);
    expect(r.cells[0]![0]!.metrics).not.toBeNull();
    expect(r.cells[0]![1]!.metrics).toBeNull();
    expect(r.cells[0]![1]!.error).toContain('weighting.maxWeight');
    expect(sweepMatrix(r, 'cagr')[0]![1]).toBeNull();
  });

  it('rejects a malformed grid clearly', () => {
    expect(() => sweep(spec, { axisX: { param: '', values: [1] }, axisY: { param: 'n', values: [1] } }, P)).toThrow(
      /axisX\.param/,
    );
    expect(() => sweep(spec, { axisX: { param: 'n', values: [] }, axisY: { param: 'n', values: [1] } }, P)).toThrow(
      /axisX\.values/,
    );
    expect(() => setSpecParam({}, '__proto__.x', 1)).toThrow(/not a valid spec path/);
  });
});
