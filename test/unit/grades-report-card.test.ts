import { describe, expect, it } from 'vitest';
import { DAY_MS, type Candle, type PriceHistory } from '../../shared/domain/types';
import {
  drain,
  gradeReportCardSteps,
  investorReading,
  traderReading,
  type BucketStats,
  type GradeReport,
  type HorizonReport,
} from '../../shared/grades/calibration';
import { mulberry32 as rng } from '../../shared/random';

function bucket(over: Partial<BucketStats> = {}): BucketStats {
  return { n: 500, meanReturn: 0, medianReturn: 0, meanExcess: 0, medianExcess: 0, ...over };
}

function horizon(h: number, ic: Partial<HorizonReport['ic']>, buckets: Partial<HorizonReport['buckets']> = {}) {
  return {
    horizon: h,
    ic: { mean: 0, t: 0, days: 400, positiveShare: 0.5, ...ic },
    icByMonth: [],
    buckets: { weak: bucket(), neutral: bucket(), strong: bucket(), ...buckets },
  };
}

function report(kind: 'trader' | 'investor', horizons: HorizonReport[], assets = 30): GradeReport {
  return { kind, window: { from: '2020-01-01', to: '2021-01-01' }, assets, horizons };
}

describe('Trader Grade reading', () => {
  it('claims a tilt only when the IC is positive and its t-statistic at least 2', () => {
    const strong = bucket({ meanExcess: 0.01 });
    const weak = bucket({ meanExcess: -0.004 });
    const edge = traderReading(report('trader', [horizon(7, { mean: 0.055, t: 3.2 }, { strong, weak })]));
    expect(edge).toContain('went with a higher return');
    expect(edge).toContain('mean rank IC +0.055, t = 3.2');
    expect(edge).toContain('+1.4% a week');
    expect(edge).toContain('not a forecast');
    const noisy = traderReading(report('trader', [horizon(7, { mean: 0.02, t: 1.1 })]));
    expect(noisy).toContain('not reliably');
    expect(noisy).not.toContain('went with a higher return');
    const none = traderReading(report('trader', [horizon(7, { mean: -0.01, t: -0.5 })]));
    expect(none).toContain('no edge');
  });

  it('says when there is too little history instead of reading noise', () => {
    expect(traderReading(report('trader', [horizon(7, { mean: 0.3, t: 9, days: 40 })]))).toMatch(/^Too little history/);
    expect(traderReading(report('trader', [horizon(7, { mean: 0.3, t: 9 })], 3))).toMatch(/^Too little history/);
  });
});

describe('Investor Grade reading', () => {
  it('reports each comparison the way it came out, and never promises more return', () => {
    const calm = investorReading(
      report('investor', [
        horizon(
          90,
          {},
          {
            strong: bucket({
              medianVolatility: 0.7,
              medianMaxDrawdown: -0.3,
              collapseRate: 0.02,
              collapseN: 300,
              meanExcess: -0.01,
            }),
            weak: bucket({
              medianVolatility: 1.2,
              medianMaxDrawdown: -0.45,
              collapseRate: 0.2,
              collapseN: 300,
              meanExcess: 0.02,
            }),
          },
        ),
      ]),
    );
    expect(calm).toContain('lower volatility (median 70% vs 120%)');
    expect(calm).toContain('shallower worst falls (median -30% vs -45%)');
    expect(calm).toContain('fewer collapses of -80% within a year (2.0% vs 20.0%)');
    expect(calm).toContain('-3.0% (strong minus weak)');
    expect(calm).toContain('not a promise of more return');

    const mixed = investorReading(
      report('investor', [
        horizon(
          90,
          {},
          {
            strong: bucket({ medianVolatility: 1.1, medianMaxDrawdown: -0.5 }),
            weak: bucket({ medianVolatility: 1.0, medianMaxDrawdown: -0.4 }),
          },
        ),
      ]),
    );
    expect(mixed).toContain('higher volatility');
    expect(mixed).toContain('deeper worst falls');
    expect(mixed).not.toContain('collapses');
  });

  it('needs both a strong and a weak bucket to compare', () => {
    const r = investorReading(report('investor', [horizon(90, {}, { strong: bucket({ n: 0 }) })]));
    expect(r).toMatch(/^Too little history/);
  });
});

describe('report card of a price history', () => {
  it('measures both grades on the history it is given and flags a short one', () => {
    const history: PriceHistory = {};
    const t0 = Date.UTC(2019, 0, 1);
    for (let k = 0; k < 10; k++) {
      const r = rng(k + 7);
      let p = 10;
      const candles: Candle[] = [];
      for (let d = 0; d < 700; d++) {
        p *= Math.exp((r() - 0.5) * 0.04 * (k + 1));
        candles.push({ t: t0 + d * DAY_MS, o: p, h: p, l: p, c: p, v: 1e6 * (k + 1), mc: p * 1e8 });
      }
      history[`T${k}`] = candles;
    }
    const card = drain(gradeReportCardSteps(history, () => true));
    expect(card.assets.trader).toBe(10);
    expect(card.trader.map((h) => h.horizon)).toEqual([7, 30]);
    expect(card.investor.map((h) => h.horizon)).toEqual([90, 180]);
    expect(card.window.from).toBe('2019-01-01');
    expect(card.enough).toBe(true);
    const short: PriceHistory = Object.fromEntries(Object.entries(history).map(([s, c]) => [s, c.slice(0, 100)]));
    const little = drain(gradeReportCardSteps(short, () => true));
    expect(little.enough).toBe(false);
    expect(little.readings.investor).toMatch(/^Too little history/);
  });
});
