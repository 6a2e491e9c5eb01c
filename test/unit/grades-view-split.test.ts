/** The portfolio split panel's rows, bars and target editor (renderer/src/views/grades/split.ts). */
import { describe, expect, it } from 'vitest';
import { portfolioGradeSplit } from '../../shared/grades';
import {
  actualLabel,
  actualParts,
  parseTraderPercent,
  rowNote,
  splitRows,
  targetFromPercent,
  targetLabel,
  targetParts,
  traderPercent,
  visibleParts,
} from '../../renderer/src/views/grades/split';

const split = portfolioGradeSplit(
  [
    { asset: 'BTC', value: 500 },
    { asset: 'SOL', value: 200 },
    ...['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'].map((asset) => ({ asset, value: 30 })),
    { asset: 'UNK', value: 60 },
  ],
  {
    BTC: { trader: 85, investor: 90 },
    SOL: { trader: 82, investor: 40 },
    ...Object.fromEntries(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'].map((s) => [s, { trader: 70, investor: 70 }])),
  },
  { trader: 0.25, investor: 0.6 },
);

describe('splitRows', () => {
  const rows = splitRows(split);

  it('lists trader, investor, neither and ungraded, with targets only on the first two', () => {
    expect(rows.map((r) => r.key)).toEqual(['trader', 'investor', 'neither', 'ungraded']);
    expect(rows.map((r) => r.target)).toEqual([0.25, 0.6, null, null]);
    expect(rows[0]!.label).toBe('High Trader Grade (≥ 80)');
    expect(rows[0]!.bucket.assets).toEqual(['SOL']);
    expect(rows[1]!.bucket.assets).toEqual(['BTC']);
  });

  it('notes the target, or up to six assets and how many more', () => {
    expect(rowNote(rows[0]!)).toBe('target 25%');
    expect(rowNote(rows[2]!)).toBe('A, B, C, D, E, F +2');
    expect(rowNote(rows[3]!)).toBe('UNK');
    expect(rowNote({ ...rows[3]!, bucket: { value: 0, share: 0, assets: [] } })).toBe('');
  });

  it('names the "now" bar with every bucket\'s share', () => {
    expect(actualLabel(rows)).toBe(
      'Now: High Trader Grade (≥ 80) 20.0%, High Investor Grade (≥ 80) 50.0%, Neither 24.0%, Not graded 6.0%',
    );
    expect(actualParts(rows).map((p) => p.share)).toEqual([0.2, 0.5, 0.24, 0.06]);
  });
});

describe('target bar', () => {
  it('fills what the two targets leave over, never below zero', () => {
    expect(targetParts({ trader: 0.25, investor: 0.6 }).map((p) => [p.key, p.share])).toEqual([
      ['trader', 0.25],
      ['investor', 0.6],
      ['rest', expect.closeTo(0.15, 10)],
    ]);
    expect(targetParts({ trader: 0.3, investor: 0.7 })[2]!.share).toBe(0);
    expect(targetLabel({ trader: 0.3, investor: 0.7 })).toBe('Target: high Trader Grade 30%, high Investor Grade 70%');
  });

  it('draws only the segments with a share, each titled with it', () => {
    const shown = visibleParts(targetParts({ trader: 0.3, investor: 0.7 }));
    expect(shown.map((p) => p.key)).toEqual(['trader', 'investor']);
    expect(shown[0]!.title).toBe('High Trader Grade: 30.0%');
  });
});

describe('target editor', () => {
  it('starts from the current trader share as a whole percentage', () => {
    expect(traderPercent({ trader: 0.3, investor: 0.7 })).toBe('30');
    expect(traderPercent({ trader: 0.333, investor: 0.667 })).toBe('33');
  });

  it('accepts whole percentages from 0 to 100 only', () => {
    expect(parseTraderPercent('40')).toBe(40);
    expect(parseTraderPercent('0')).toBe(0);
    expect(parseTraderPercent('100')).toBe(100);
    for (const bad of ['', '  ', '150', '-5', '12.5', 'abc']) expect(parseTraderPercent(bad), bad).toBeNull();
  });

  it('gives the investor side the rest', () => {
    expect(targetFromPercent(40)).toEqual({ trader: 0.4, investor: 0.6 });
    expect(targetFromPercent(0)).toEqual({ trader: 0, investor: 1 });
  });
});
