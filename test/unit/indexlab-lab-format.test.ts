/**
 * Index Lab number formatting, chart thinning and the hindsight marks (renderer/src/views/indexlab/lab-format.ts).
 */
import { describe, expect, it } from 'vitest';
import { fmtNum, hindsightPoints, signedPct, thin, topWeights } from '../../renderer/src/views/indexlab/lab-format';

describe('fmtNum and signedPct', () => {
  it('print a dash for missing or non-finite numbers', () => {
    for (const v of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(fmtNum(v)).toBe('–');
      expect(signedPct(v)).toBe('–');
    }
  });

  it('never print a negative zero', () => {
    expect(fmtNum(-0.001)).toBe('0.00');
    expect(fmtNum(-0)).toBe('0.00');
    expect(fmtNum(-0.006)).toBe('-0.01');
    expect(fmtNum(1.234, 1)).toBe('1.2');
  });

  it('sign positive shares only', () => {
    expect(signedPct(0.1234)).toBe('+12.3%');
    expect(signedPct(-0.05, 0)).toBe('-5%');
    expect(signedPct(0)).toBe('0.0%');
  });
});

describe('topWeights', () => {
  it('lists the largest weights first and counts the rest', () => {
    const w = { ETH: 0.2, BTC: 0.5, SOL: 0.1, ADA: 0.1, DOT: 0.1 };
    expect(topWeights(w)).toBe('BTC 50%, ETH 20%, SOL 10%, ADA 10% +1');
    expect(topWeights(w, 8)).toBe('BTC 50%, ETH 20%, SOL 10%, ADA 10%, DOT 10%');
    expect(topWeights({})).toBe('–');
  });
});

describe('thin', () => {
  it('leaves short series alone', () => {
    const pts = [1, 2, 3];
    expect(thin(pts, 3)).toBe(pts);
  });

  it('keeps every k-th point, the first and the last, and at most about `max`', () => {
    const pts = Array.from({ length: 1001 }, (_, i) => i);
    const out = thin(pts, 100);
    expect(out[0]).toBe(0);
    expect(out.at(-1)).toBe(1000);
    expect(out.length).toBeLessThanOrEqual(101);
    expect(out[1]! - out[0]!).toBe(11); // ceil(1001 / 100)
    const odd = thin(
      Array.from({ length: 1005 }, (_, i) => i),
      100,
    );
    expect(odd.at(-1)).toBe(1004); // the last point is added even off the step
  });
});

describe('hindsight marks on the equity chart', () => {
  it("puts a point at each rebalance decided by today's catalog caps, at the strategy's value that day", () => {
    const D = 86_400_000;
    const equity = { t: [10 * D, 11 * D, 12 * D, 13 * D], v: [100, 101, 102, 103] };
    const rebalances = [
      { t: 11 * D, catalogCaps: ['SOL'] },
      { t: 12 * D },
      { t: 13 * D, catalogCaps: ['SOL', 'BTC'] },
      { t: 20 * D, catalogCaps: ['SOL'] },
    ];
    expect(hindsightPoints(equity, rebalances)).toEqual([
      { x: 11 * D, y: 101 },
      { x: 13 * D, y: 103 },
    ]);
    expect(hindsightPoints(equity, [{ t: 12 * D }])).toEqual([]);
  });
});
