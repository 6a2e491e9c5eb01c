/** Words for grades in the Grades view (renderer/src/views/grades/grade-labels.ts). */
import { describe, expect, it } from 'vitest';
import { FACTORS } from '../../shared/grades';
import { arrows, factorValue, missingGradeText, scoreWidth } from '../../renderer/src/views/grades/grade-labels';

describe('grade labels', () => {
  it('writes the engine\'s "->" as an arrow, everywhere in the text', () => {
    expect(arrows('-25% -> 0, 0% -> 50, +25% -> 100')).toBe('-25% → 0, 0% → 50, +25% → 100');
    expect(arrows('no arrow->here')).toBe('no arrow->here');
  });

  it('says "no history" only when there is none at all', () => {
    expect(missingGradeText(0)).toBe('no history');
    expect(missingGradeText(12)).toBe('insufficient history');
  });

  it('shows a factor value in its own unit, or "no data"', () => {
    const change = [...FACTORS.trader, ...FACTORS.investor].find((f) => f.unit === 'change');
    const usd = [...FACTORS.trader, ...FACTORS.investor].find((f) => f.unit === 'usd');
    expect(change && usd).toBeTruthy();
    expect(factorValue(change!.id, 0.123)).toBe('+12.3%');
    expect(factorValue(usd!.id, 2.5e9)).toBe('$2.50B');
    expect(factorValue(change!.id, null)).toBe('no data');
    expect(factorValue('not-a-factor', 1.234)).toBe('1.23');
  });

  it('clamps a score bar to the bar', () => {
    expect(scoreWidth(42)).toBe('42%');
    expect(scoreWidth(-5)).toBe('0%');
    expect(scoreWidth(130)).toBe('100%');
  });
});
