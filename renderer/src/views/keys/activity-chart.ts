/**
 * Chart.js data and options of the activity panel's bar chart (exchange API calls and errors per
 * day) and the sentence that names it for screen readers.
 *
 * Pure (no React, no DOM). Used by ActivityChart; tested by test/unit/keys-view-activity.test.ts.
 */
import type { ChartData, ChartOptions } from 'chart.js';
import type { DailyActivity } from '../../../../shared/ipc/channels/activity';
import { CHART_DAYS } from './activity';

export function activityTotals(days: readonly DailyActivity[]): { calls: number; errors: number } {
  return {
    calls: days.reduce((s, d) => s + d.calls, 0),
    errors: days.reduce((s, d) => s + d.errors, 0),
  };
}

export function activityLabel(totals: { calls: number; errors: number }): string {
  return `Exchange API calls per day, last ${CHART_DAYS} days: ${totals.calls} calls, ${totals.errors} errors`;
}

/** One bar pair a day, labelled "MM-dd". */
export function activityData(days: readonly DailyActivity[]): ChartData<'bar'> {
  return {
    labels: days.map((d) => d.date.slice(5)),
    datasets: [
      { label: 'Calls', data: days.map((d) => d.calls), backgroundColor: '#58a6ff' },
      { label: 'Errors', data: days.map((d) => d.errors), backgroundColor: '#f85149' },
    ],
  };
}

/** Whole-number counts from zero, legend top right. */
export function activityOptions(): ChartOptions<'bar'> {
  return {
    responsive: true,
    maintainAspectRatio: false,
    plugins: { legend: { position: 'top', align: 'end' } },
    scales: { y: { beginAtZero: true, ticks: { precision: 0 } }, x: { grid: { display: false } } },
  };
}
