import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../shared/domain/types';
import { computeMetrics, drawdownSeries } from '../../shared/indexlab';

const t = (n: number): number[] => Array.from({ length: n }, (_, i) => Date.UTC(2024, 0, 1) + i * DAY_MS);

describe('Index Lab metrics on a known curve', () => {
  // 100 -> 110 -> 99 -> 120 -> 108 over four days.
  const v = [100, 110, 99, 120, 108];
  const times = t(5);
  const m = computeMetrics(times, v);
  const r = [0.1, 99 / 110 - 1, 120 / 99 - 1, 108 / 120 - 1];
  const mean = r.reduce((s, x) => s + x, 0) / 4;
  const sd = Math.sqrt(r.reduce((s, x) => s + (x - mean) ** 2, 0) / 3);

  it('total return and CAGR over 4 days', () => {
    expect(m.totalReturn).toBeCloseTo(0.08, 12);
    expect(m.days).toBe(4);
    expect(m.cagr!).toBeCloseTo(Math.pow(1.08, 365 / 4) - 1, 6);
  });

  it('annualised volatility, Sharpe and Sortino on 365 days', () => {
    expect(m.volatility!).toBeCloseTo(sd * Math.sqrt(365), 12);
    expect(m.sharpe!).toBeCloseTo((mean / sd) * Math.sqrt(365), 12);
    // Downside deviation: only the two negative returns count, divided by all 4 returns.
    const dd = Math.sqrt(((99 / 110 - 1) ** 2 + (108 / 120 - 1) ** 2) / 4);
    expect(m.sortino!).toBeCloseTo((mean / dd) * Math.sqrt(365), 12);
    expect(m.bestDay).toBeCloseTo(120 / 99 - 1, 12);
    expect(m.worstDay).toBeCloseTo(-0.1, 12);
  });

  it('a risk-free rate lowers Sharpe by rf/365 per day', () => {
    const withRf = computeMetrics(times, v, 0.0365);
    expect(withRf.sharpe!).toBeCloseTo(((mean - 0.0001) / sd) * Math.sqrt(365), 12);
  });

  it('max drawdown with peak, trough and recovery dates', () => {
    // Peak 110 (day 1) to trough 99 (day 2) = -10%, recovered on day 3 (120 >= 110).
    // The later fall 120 -> 108 is also -10% but not larger, so the first one is kept.
    expect(m.maxDrawdown).toBeCloseTo(0.1, 12);
    expect(m.maxDrawdownPeak).toBe(times[1]);
    expect(m.maxDrawdownTrough).toBe(times[2]);
    expect(m.maxDrawdownRecovery).toBe(times[3]);
  });

  it('an unrecovered drawdown has no recovery date', () => {
    const x = computeMetrics(t(4), [100, 80, 60, 90]);
    expect(x.maxDrawdown).toBeCloseTo(0.4, 12);
    expect(x.maxDrawdownRecovery).toBeNull();
  });

  it('drawdown curve is value over running peak minus 1', () => {
    expect(Array.from(drawdownSeries(v))).toEqual([0, 0, 99 / 110 - 1, 0, 108 / 120 - 1]);
  });

  it('flat curve: zero volatility gives null Sharpe/Sortino, not Infinity', () => {
    const x = computeMetrics(t(3), [5, 5, 5]);
    expect(x.totalReturn).toBe(0);
    expect(x.volatility).toBe(0);
    expect(x.sharpe).toBeNull();
    expect(x.sortino).toBeNull();
    expect(x.maxDrawdown).toBe(0);
    expect(x.maxDrawdownPeak).toBeNull();
  });
});
