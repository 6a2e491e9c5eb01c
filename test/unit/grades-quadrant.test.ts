import { describe, expect, it } from 'vitest';
import {
  GRADE_STRONG,
  GRADE_WEAK,
  QUADRANT_READINGS,
  gradeBand,
  gradeQuadrant,
  portfolioGradeSplit,
} from '../../shared/grades';

describe('gradeBand', () => {
  it('uses 80 (strong) and 60 (weak) as boundaries', () => {
    expect(GRADE_STRONG).toBe(80);
    expect(GRADE_WEAK).toBe(60);
    expect(gradeBand(80)).toBe('strong');
    expect(gradeBand(79.99)).toBe('neutral');
    expect(gradeBand(60)).toBe('neutral');
    expect(gradeBand(59.99)).toBe('weak');
    expect(gradeBand(null)).toBe('ungraded');
    expect(gradeBand(Number.NaN)).toBe('ungraded');
  });
});

describe('gradeQuadrant', () => {
  const cases: Array<[number | null, number | null, string]> = [
    [85, 90, 'strong'],
    [80, 80, 'strong'],
    [90, 40, 'short-term'],
    [90, 59, 'short-term'],
    [40, 90, 'wait-for-entry'],
    [30, 30, 'speculative'],
    [59, 59, 'speculative'],
    [70, 70, 'neutral'],
    [90, 70, 'neutral'],
    [70, 90, 'neutral'],
    [50, 70, 'neutral'],
    [null, 70, 'ungraded'],
    [70, null, 'ungraded'],
    [null, null, 'ungraded'],
  ];
  it.each(cases)('trader %s, investor %s -> %s', (t, i, q) => {
    const r = gradeQuadrant(t, i);
    expect(r.quadrant).toBe(q);
    expect(r.reading.length).toBeGreaterThan(10);
  });

  it('gives a distinct reading per quadrant and says which grade is missing', () => {
    expect(new Set(Object.values(QUADRANT_READINGS)).size).toBe(Object.keys(QUADRANT_READINGS).length);
    expect(gradeQuadrant(90, 40).reading).toBe(QUADRANT_READINGS['short-term']);
    expect(gradeQuadrant(85, null).reading).toMatch(/Investor Grade/);
    expect(gradeQuadrant(null, 85).reading).toMatch(/Trader Grade/);
  });
});

describe('portfolioGradeSplit', () => {
  const grades = {
    BTC: { trader: 60, investor: 88 }, // investor
    ETH: { trader: 85, investor: 82 }, // strong on both -> investor
    DOGE: { trader: 90, investor: 40 }, // trader
    NEWT: { trader: 86, investor: null }, // trader (too young for an investor grade)
    ADA: { trader: 50, investor: 65 }, // neither
    OLD: { trader: null, investor: null }, // ungraded
  };

  it('splits value into investor / trader / neither / ungraded buckets', () => {
    const split = portfolioGradeSplit(
      [
        { asset: 'BTC', value: 400 },
        { asset: 'BTC', value: 100 }, // same asset in a second custody
        { asset: 'ETH', value: 100 },
        { asset: 'DOGE', value: 150 },
        { asset: 'newt', value: 50 }, // looked up upper-case
        { asset: 'ADA', value: 100 },
        { asset: 'OLD', value: 50 },
        { asset: 'XYZ', value: 50 }, // no grades at all
        { asset: 'DUST', value: null },
        { asset: 'NEG', value: -5 },
      ],
      grades,
      { trader: 0.3, investor: 0.7 },
    );
    expect(split.total).toBe(1000);
    expect(split.investor.value).toBe(600);
    expect(split.investor.assets).toEqual(['BTC', 'ETH']);
    expect(split.trader.value).toBe(200);
    expect(split.trader.assets).toEqual(['DOGE', 'newt']);
    expect(split.neither.value).toBe(100);
    expect(split.ungraded.value).toBe(100);
    expect(split.ungraded.assets).toEqual(['OLD', 'XYZ']);
    expect(split.investor.share).toBeCloseTo(0.6, 12);
    expect(split.trader.share).toBeCloseTo(0.2, 12);
    expect(split.investor.share + split.trader.share + split.neither.share + split.ungraded.share).toBeCloseTo(1, 12);
    expect(split.gap.trader).toBeCloseTo(-0.1, 12);
    expect(split.gap.investor).toBeCloseTo(-0.1, 12);
    expect(split.reading).toMatch(/target/);
  });

  it('reports being on target within tolerance, and the larger gap otherwise', () => {
    const onTarget = portfolioGradeSplit(
      [
        { asset: 'DOGE', value: 31 },
        { asset: 'BTC', value: 69 },
      ],
      grades,
    );
    expect(onTarget.target).toEqual({ trader: 0.3, investor: 0.7 });
    expect(onTarget.reading).toMatch(/^On target/);

    const tooMuchTrading = portfolioGradeSplit(
      [
        { asset: 'DOGE', value: 60 },
        { asset: 'BTC', value: 40 },
      ],
      grades,
    );
    expect(tooMuchTrading.gap.trader).toBeCloseTo(0.3, 12);
    expect(tooMuchTrading.reading).toMatch(/more short-term exposure/);

    const allInvestor = portfolioGradeSplit([{ asset: 'BTC', value: 10 }], grades, { trader: 0.5, investor: 0.5 });
    expect(allInvestor.reading).toMatch(/Trader-Grade/);
    expect(allInvestor.gap).toEqual({ trader: -0.5, investor: 0.5 });
  });

  it('handles an empty portfolio and rejects impossible targets', () => {
    const empty = portfolioGradeSplit([], grades);
    expect(empty.total).toBe(0);
    expect(empty.trader.share).toBe(0);
    expect(empty.reading).toMatch(/No valued positions/);
    expect(() => portfolioGradeSplit([], grades, { trader: 0.6, investor: 0.6 })).toThrow(RangeError);
    expect(() => portfolioGradeSplit([], grades, { trader: -0.1, investor: 0.5 })).toThrow(RangeError);
  });
});
