import { describe, expect, it } from 'vitest';
import type { PeriodReturn } from '../../shared/pnl/returns';
import { illustration, signedPct } from '../../renderer/src/views/pnl/returns-text';

const base: PeriodReturn = {
  period: '1Y',
  from: Date.UTC(2024, 0, 1),
  to: Date.UTC(2024, 11, 31),
  partial: false,
  startValue: 10_000,
  endValue: 20_000,
  deposits: 5000,
  withdrawals: 0,
  gain: 5000,
  simple: 1 / 3,
  twr: 0.18,
  mwr: 0.12,
  mwrAnnual: 0.12,
  largestFlow: { t: Date.UTC(2024, 2, 10), amount: 5000 },
  flowCount: 1,
};

describe('returns card wording', () => {
  it('illustrates the difference when money was added', () => {
    expect(illustration(base, 'USD')).toBe(
      "You added $5,000 in March: your money grew 12% (money-weighted) while the portfolio's holdings grew 18% (time-weighted). The money you added came in before a fall or after a rise, so it earned less than the holdings did over the whole period.",
    );
  });

  it('says when money was taken out, counts the other flows, and names the year of an older month', () => {
    const r = {
      ...base,
      to: Date.UTC(2025, 1, 1),
      largestFlow: { t: Date.UTC(2024, 8, 1), amount: -2000 },
      flowCount: 3,
      mwr: -0.05,
      twr: -0.052,
    };
    expect(illustration(r, 'EUR')).toBe(
      "You took out €2,000 in September 2024 (and made 2 other deposits or withdrawals): your money fell 5% (money-weighted) while the portfolio's holdings fell 5% (time-weighted). The timing of your deposits made little difference.",
    );
  });

  it('has nothing to illustrate without flows or figures', () => {
    expect(illustration({ ...base, flowCount: 0, largestFlow: null }, 'USD')).toBeNull();
    expect(illustration({ ...base, mwr: null }, 'USD')).toBeNull();
    expect(signedPct(0.1234)).toBe('+12.3%');
    expect(signedPct(-0.05)).toBe('-5.0%');
    expect(signedPct(null)).toBe('–');
  });
});
