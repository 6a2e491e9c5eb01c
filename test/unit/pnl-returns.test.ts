import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../shared/domain/types';
import type { DailyFlows } from '../../shared/pnl/flows';
import { periodReturn, periodStart, returnsFor, xirr, type CashFlow } from '../../shared/pnl/returns';
import { mulberry32 } from '../../shared/random';

const START = Date.UTC(2024, 0, 1);

function series(values: number[], flows: Record<number, number> = {}) {
  const total = Float64Array.from(values);
  const net = new Float64Array(values.length);
  const list: DailyFlows['list'] = [];
  for (const [d, f] of Object.entries(flows)) {
    net[Number(d)] = f;
    list.push({ t: START + Number(d) * DAY_MS, amount: f });
  }
  return {
    values: { start: START, days: values.length, total },
    flows: { start: START, days: values.length, net, list },
  };
}

/**
 * The reference: a spreadsheet-style XIRR, written apart from the code under test. The annual rate r
 * with sum of amount_i / (1 + r)^((date_i - date_0) / 365 days) = 0, found by plain bisection on
 * [-0.99, 100] (the present value falls as the rate rises when money goes in first and comes out last).
 */
function referenceXirr(flows: CashFlow[]): number {
  const t0 = flows[0]!.t;
  const pv = (r: number) => flows.reduce((s, f) => s + f.amount / Math.pow(1 + r, (f.t - t0) / (365 * DAY_MS)), 0);
  let lo = -0.99;
  let hi = 100;
  for (let i = 0; i < 300; i++) {
    const mid = (lo + hi) / 2;
    if (pv(mid) > 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

describe('returns: hand-checked', () => {
  it('without flows the three returns agree', () => {
    const { values, flows } = series([100, 110, 121]);
    const r = periodReturn(values, flows, 'All')!;
    expect(r.simple).toBeCloseTo(0.21, 12);
    expect(r.twr).toBeCloseTo(0.21, 12);
    expect(r.mwr).toBeCloseTo(0.21, 9);
    expect(r.gain).toBeCloseTo(21, 12);
  });

  it('a deposit before a fall: TWR -1%, simple -5.5%, MWR -11% over the period', () => {
    // 1,000 gains 10% on day 1; 1,000 more arrives at the start of day 2, which loses 10%
    const { values, flows } = series([1000, 1100, (1100 + 1000) * 0.9], { 2: 1000 });
    const r = periodReturn(values, flows, 'All')!;
    expect(r.twr).toBeCloseTo(1.1 * 0.9 - 1, 12);
    expect(r.simple).toBeCloseTo((1890 - 1000 - 1000) / 2000, 12);
    // -1000 now, then -1000 and +1890 two days later: (1 + r)^(2/365) = 890 / 1000
    expect(r.mwr).toBeCloseTo(890 / 1000 - 1, 9);
    expect(r.deposits).toBe(1000);
    expect(r.largestFlow).toEqual({ t: START + 2 * DAY_MS, amount: 1000 });
  });

  it('a withdrawal counts as money taken out, not as a loss', () => {
    const { values, flows } = series([1000, 1000, 500], { 2: -500 });
    const r = periodReturn(values, flows, 'All')!;
    expect(r.twr).toBeCloseTo(0, 12);
    expect(r.simple).toBeCloseTo(0, 12);
    expect(r.mwr).toBeCloseTo(0, 9);
    expect(r.withdrawals).toBe(500);
  });

  it('periods: 1M is 30 days back, YTD from the last day of the year before; longer than the history is partial', () => {
    const end = Date.UTC(2024, 2, 10);
    expect(periodStart('1M', end)).toBe(end - 30 * DAY_MS);
    expect(periodStart('YTD', end)).toBe(Date.UTC(2023, 11, 31));
    const { values, flows } = series(Array.from({ length: 60 }, (_, i) => 100 + i));
    const periods = returnsFor(values, flows);
    expect(periods.map((p) => [p.period, p.partial])).toEqual([
      ['1M', false],
      ['3M', true],
      ['YTD', true],
      ['1Y', true],
      ['All', false],
    ]);
    expect(periods[0]!.startValue).toBe(100 + 29);
  });
});

describe('money-weighted return against an independent XIRR', () => {
  it('matches a bisection XIRR on 200 random histories with deposits and withdrawals', () => {
    const rand = mulberry32(42);
    for (let k = 0; k < 200; k++) {
      const days = 30 + Math.floor(rand() * 700);
      const values: number[] = [];
      const flows: Record<number, number> = {};
      let v = 1000 + rand() * 9000;
      for (let d = 0; d < days; d++) {
        if (d > 0 && rand() < 0.03) {
          const f = rand() < 0.75 ? 500 + rand() * 5000 : -Math.min(v * 0.3, 2000 * rand());
          flows[d] = f;
          v += f;
        }
        v *= 1 + (rand() - 0.48) * 0.04;
        values.push(v);
      }
      const s = series(values, flows);
      const r = periodReturn(s.values, s.flows, 'All')!;
      const cash: CashFlow[] = [{ t: START, amount: -values[0]! }];
      for (const [d, f] of Object.entries(flows)) cash.push({ t: START + Number(d) * DAY_MS, amount: -f });
      cash.push({ t: START + (days - 1) * DAY_MS, amount: values[days - 1]! });
      cash.sort((a, b) => a.t - b.t);
      const ref = referenceXirr(cash);
      expect(r.mwrAnnual!, `history ${k}`).toBeCloseTo(ref, 6);
      expect(xirr(cash)!).toBeCloseTo(ref, 6);
    }
  });

  it('has no rate when money only goes one way', () => {
    expect(
      xirr([
        { t: START, amount: -100 },
        { t: START + DAY_MS, amount: -50 },
      ]),
    ).toBeNull();
  });
});
