import { describe, expect, it } from 'vitest';
import type { BucketStats, HorizonReport } from '../../shared/grades/calibration';
import type { GradesReportView } from '../../shared/ipc/channels/grades';
import {
  basisText,
  bucketLines,
  icByMonthData,
  icByMonthSummary,
  icLines,
  signedPct,
} from '../../renderer/src/views/grades/report-card';

const bucket = (over: Partial<BucketStats>): BucketStats => ({
  n: 0,
  meanReturn: 0,
  medianReturn: 0,
  meanExcess: 0,
  medianExcess: 0,
  ...over,
});

const week: HorizonReport = {
  horizon: 7,
  ic: { mean: 0.0561, t: 3.24, days: 1234, positiveShare: 0.612 },
  icByMonth: [
    { month: '2021-01', ic: 0.1, days: 31 },
    { month: '2021-02', ic: -0.05, days: 28 },
    { month: '2021-03', ic: Number.NaN, days: 0 },
  ],
  buckets: {
    weak: bucket({ n: 9000, meanReturn: -0.004, meanExcess: -0.006 }),
    neutral: bucket({ n: 5000 }),
    strong: bucket({ n: 1500, meanReturn: 0.02, meanExcess: 0.011 }),
  },
};

const quarter: HorizonReport = {
  ...week,
  horizon: 90,
  buckets: {
    weak: bucket({ n: 800, medianVolatility: 1.234, medianMaxDrawdown: -0.42, collapseRate: 0.2, collapseN: 700 }),
    neutral: bucket({ n: 600 }),
    strong: bucket({ n: 400, medianVolatility: 0.71, medianMaxDrawdown: -0.3, collapseRate: 0.025, collapseN: 400 }),
  },
};

function card(over: Partial<GradesReportView> = {}): GradesReportView {
  return {
    window: { from: '2019-01-01', to: '2023-08-28' },
    assets: { trader: 43, investor: 40 },
    trader: [week],
    investor: [quarter],
    readings: { trader: 't', investor: 'i' },
    enough: true,
    sample: false,
    computedAt: 0,
    ...over,
  };
}

describe('report card view', () => {
  it('formats the rank IC lines with sign, t and sample size', () => {
    expect(icLines([week])).toEqual([{ horizon: '7 days', ic: '+0.056', t: '3.2', days: '1,234', positive: '61%' }]);
  });

  it('lists buckets strongest first with returns, and risk figures where measured', () => {
    const lines = bucketLines(week);
    expect(lines.map((l) => l.band)).toEqual(['strong', 'neutral', 'weak']);
    expect(lines[0]).toMatchObject({ n: '1,500', meanReturn: '+2.0%', meanExcess: '+1.1%', collapse: 'n/a' });
    const risk = bucketLines(quarter);
    expect(risk[0]).toMatchObject({ volatility: '71%', worstFall: '-30%', collapse: '2.5% of 400' });
    expect(risk[2]).toMatchObject({ volatility: '123%', worstFall: '-42%', collapse: '20.0% of 700' });
    expect(signedPct(Number.NaN)).toBe('n/a');
  });

  it('says what the numbers rest on, and warns on the sample and on thin history', () => {
    const real = basisText(card());
    expect(real).toContain('the daily prices on this computer');
    expect(real).toContain('43 tokens from 2019-01-01 to 2023-08-28');
    expect(real).not.toContain('too little history');
    expect(basisText(card({ sample: true }))).toContain('generated sample');
    expect(basisText(card({ enough: false }))).toContain('too little history');
  });

  it('charts the monthly IC green above zero and red below, skipping empty months', () => {
    const data = icByMonthData(week);
    expect(data.labels).toEqual(['2021-01', '2021-02']);
    const colors = data.datasets[0]!.backgroundColor as string[];
    expect(colors[0]).toContain('63, 185, 80');
    expect(colors[1]).toContain('248, 81, 73');
    expect(icByMonthSummary(week)).toBe('The mean 7-day rank IC was positive in 1 of 2 months.');
  });
});
