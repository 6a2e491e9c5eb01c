/**
 * The Index Lab comparison table (renderer/src/views/indexlab/compare-rows.ts): which value of a row
 * is highlighted as best, and what the rows read from a real run.
 */
import { describe, expect, it } from 'vitest';
import { generateSyntheticHistory, simulate } from '../../shared/indexlab';
import { COMPARE_ROWS, bestValue } from '../../renderer/src/views/indexlab/compare-rows';

describe('bestValue', () => {
  it('is the highest or the lowest value, as the row says', () => {
    expect(bestValue('high', [0.1, 0.3, -0.2])).toBe(0.3);
    expect(bestValue('low', [0.1, 0.3, -0.2])).toBe(-0.2);
  });

  it('ignores runs without a value', () => {
    expect(bestValue('high', [null, 0.2, Number.NaN])).toBe(0.2);
    expect(bestValue('low', [null, null])).toBeNull();
  });

  it('highlights nothing for a single run or a row without a direction', () => {
    expect(bestValue('high', [0.5])).toBeNull();
    expect(bestValue(null, [1, 2])).toBeNull();
  });
});

describe('COMPARE_ROWS on a real run', () => {
  const data = generateSyntheticHistory({ seed: 5, assets: 6, days: 90 });
  const r = simulate({ universe: { type: 'top', n: 3, minHistoryDays: 5 }, initialCapital: 2000 }, data);
  const row = (key: string) => COMPARE_ROWS.find((x) => x.key === key)!;

  it('rebases the final value to 100 invested, whatever the capital', () => {
    expect(row('final').get(r)).toBeCloseTo((r.finalValue / 2000) * 100, 9);
    expect(row('final').fmt(123.456)).toBe('123.5');
  });

  it('prints drawdowns as losses and costs as a share of the initial value', () => {
    expect(row('maxDrawdown').fmt(0.25)).toBe('−25.0%');
    expect(row('costs').get(r)).toBeCloseTo(r.metrics.costsPaid / 2000, 12);
    expect(row('rebalances').get(r)).toBe(r.metrics.rebalances);
  });

  it('has one row per key, lower-is-better for risk and cost', () => {
    expect(new Set(COMPARE_ROWS.map((x) => x.key)).size).toBe(COMPARE_ROWS.length);
    for (const key of ['volatility', 'maxDrawdown', 'turnover', 'costs']) expect(row(key).better).toBe('low');
  });
});
