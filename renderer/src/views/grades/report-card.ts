/**
 * Rows, wording and chart data of the "How have the grades done?" panel, from the report card
 * main measures on the price history in use (`grades:report`). Pure (no React, no DOM); tested by
 * test/unit/grades-view-report-card.test.ts.
 */
import type { ChartData, ChartOptions } from 'chart.js';
import type { Band, HorizonReport } from '../../../../shared/grades/calibration/evaluate';
import type { GradesReportView } from '../../../../shared/ipc/channels/grades';
import { plural } from '../../lib/format';

const BAND_LABELS: Record<Band, string> = { weak: 'Weak (< 60)', neutral: 'Neutral (60-80)', strong: 'Strong (≥ 80)' };
const BANDS: Band[] = ['strong', 'neutral', 'weak'];

const finite = (x: number | undefined): x is number => x !== undefined && Number.isFinite(x);
/** A log return or fall as a signed percentage, "n/a" when unknown. */
export const signedPct = (x: number | undefined, digits = 1) =>
  finite(x) ? `${x > 0 ? '+' : ''}${(x * 100).toFixed(digits)}%` : 'n/a';
const pct0 = (x: number | undefined) => (finite(x) ? `${(x * 100).toFixed(0)}%` : 'n/a');

export interface IcLine {
  horizon: string;
  ic: string;
  t: string;
  days: string;
  positive: string;
}

/** One line per horizon: mean rank IC, its t-statistic, days measured and share of days above 0. */
export function icLines(horizons: readonly HorizonReport[]): IcLine[] {
  return horizons.map((h) => ({
    horizon: `${h.horizon} days`,
    ic: finite(h.ic.mean) ? `${h.ic.mean > 0 ? '+' : ''}${h.ic.mean.toFixed(3)}` : 'n/a',
    t: finite(h.ic.t) ? h.ic.t.toFixed(1) : 'n/a',
    days: h.ic.days.toLocaleString('en-US'),
    positive: pct0(h.ic.positiveShare),
  }));
}

export interface BucketLine {
  band: Band;
  label: string;
  n: string;
  /** Trader: mean forward return and mean excess over the day's average. */
  meanReturn: string;
  meanExcess: string;
  /** Investor: median forward volatility, median worst fall, collapse rate with its base. */
  volatility: string;
  worstFall: string;
  collapse: string;
}

/** One line per bucket, strongest first, for one horizon. */
export function bucketLines(h: HorizonReport): BucketLine[] {
  return BANDS.map((band) => {
    const b = h.buckets[band];
    return {
      band,
      label: BAND_LABELS[band],
      n: b.n.toLocaleString('en-US'),
      meanReturn: signedPct(b.meanReturn),
      meanExcess: signedPct(b.meanExcess),
      volatility: pct0(b.medianVolatility),
      worstFall: signedPct(b.medianMaxDrawdown, 0),
      collapse: b.collapseN
        ? `${signedPct(b.collapseRate).replace('+', '')} of ${b.collapseN.toLocaleString('en-US')}`
        : 'n/a',
    };
  });
}

/** What the card rests on, and the caveat that goes with it. */
export function basisText(card: GradesReportView): string {
  const what = card.sample
    ? 'the generated sample prices: these numbers show how the measurement works, not how real markets behaved'
    : 'the daily prices on this computer';
  const size = `${plural(card.assets.trader, 'token')} from ${card.window.from} to ${card.window.to}`;
  const thin = card.enough
    ? ''
    : ' There is too little history here for firm numbers; docs/GRADES.md has the measurement on 5 to 8 years of real history.';
  return `Measured on ${what}: ${size}. Each day the graded tokens are ranked by grade and compared with what followed. Past relations, not promises.${thin}`;
}

/** The 7-day rank IC by month, as bars above (green) or below (red) zero. */
export function icByMonthData(h: HorizonReport): ChartData<'bar', number[], string> {
  const rows = h.icByMonth.filter((m) => Number.isFinite(m.ic));
  return {
    labels: rows.map((m) => m.month),
    datasets: [
      {
        label: `Mean ${h.horizon}-day rank IC`,
        data: rows.map((m) => m.ic),
        backgroundColor: rows.map((m) => (m.ic >= 0 ? 'rgba(63, 185, 80, 0.7)' : 'rgba(248, 81, 73, 0.7)')),
      },
    ],
  };
}

export function icByMonthOptions(): ChartOptions<'bar'> {
  return {
    responsive: true,
    maintainAspectRatio: false,
    plugins: { legend: { display: false } },
    scales: { y: { suggestedMin: -0.3, suggestedMax: 0.3, title: { display: true, text: 'rank IC' } } },
  };
}

/** "Positive in 31 of 44 months", for the chart's text alternative. */
export function icByMonthSummary(h: HorizonReport): string {
  const rows = h.icByMonth.filter((m) => Number.isFinite(m.ic));
  const up = rows.filter((m) => m.ic > 0).length;
  return `The mean ${h.horizon}-day rank IC was positive in ${up} of ${plural(rows.length, 'month')}.`;
}
