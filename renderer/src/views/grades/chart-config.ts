/**
 * Chart.js data and options of the Grades view: the quadrant scatter (Investor Grade across, Trader
 * Grade up, dot size by share of value), a token's daily closes and its weekly grade history.
 *
 * Pure (no React, no DOM): the components memoise what these return and add the DOM-bound pieces
 * (cursor on hover). The canvas plugins are in chart-plugins.ts. Tested by
 * test/unit/grades-view-chart-config.test.ts.
 */
import type { Chart, ChartData, ChartOptions, TooltipItem } from 'chart.js';
import type { GradeDetail, GradeRow } from '../../../../shared/ipc/channels/grades';
import { date, pct } from '../../lib/format';
import { QUADRANT_LABELS } from './grade-labels';

export const TRADER_COLOR = '#f2a900';
export const INVESTOR_COLOR = '#58a6ff';

/** A scatter point: x = Investor Grade, y = Trader Grade, and the row it stands for. */
export interface PlottedPoint {
  x: number;
  y: number;
  row: GradeRow;
}

type XY = { x: number; y: number }[];

/** Rows with both grades: the only ones the quadrant can place. */
export function plottable(rows: readonly GradeRow[]): GradeRow[] {
  return rows.filter((r) => r.trader !== null && r.investor !== null);
}

/** Dot radius of a holding: grows with the square root of its share of value. */
function holdingRadius(row: GradeRow, base: number): number {
  return base + Math.sqrt(row.valueShare ?? 0) * 26;
}

/** Two datasets, held first (the symbol labels and the click handler rely on that order). */
export function scatterData(plotted: readonly GradeRow[]): ChartData<'scatter', PlottedPoint[]> {
  const toPoint = (r: GradeRow): PlottedPoint => ({ x: r.investor ?? 0, y: r.trader ?? 0, row: r });
  const held = plotted.filter((r) => r.held);
  const others = plotted.filter((r) => !r.held);
  return {
    datasets: [
      {
        label: 'Held (size = share of value)',
        data: held.map(toPoint),
        backgroundColor: 'rgba(242, 169, 0, 0.55)',
        borderColor: TRADER_COLOR,
        borderWidth: 1.5,
        pointRadius: held.map((r) => holdingRadius(r, 4)),
        pointHoverRadius: held.map((r) => holdingRadius(r, 6)),
      },
      {
        label: 'Not held',
        data: others.map(toPoint),
        backgroundColor: 'rgba(139, 148, 158, 0.25)',
        borderColor: '#8b949e',
        borderWidth: 1,
        pointRadius: 4,
        pointHoverRadius: 6,
      },
    ],
  };
}

export function scatterTooltip(p: PlottedPoint): string {
  const share = p.row.held ? `, ${pct(p.row.valueShare)} of value` : '';
  return `${p.row.symbol}: Trader ${Math.round(p.y)}, Investor ${Math.round(p.x)}${share} (${QUADRANT_LABELS[p.row.quadrant]})`;
}

const gradeAxis = (title: string) => ({
  type: 'linear' as const,
  min: 0,
  max: 100,
  title: { display: true, text: title },
  ticks: { stepSize: 20 },
});

/** Scatter options; a click on a dot selects that token. */
export function scatterOptions(onSelect: (symbol: string) => void): ChartOptions<'scatter'> {
  return {
    responsive: true,
    maintainAspectRatio: false,
    parsing: false,
    scales: {
      x: gradeAxis('Investor Grade (resilience)'),
      y: gradeAxis('Trader Grade (relative strength)'),
    },
    plugins: {
      legend: { position: 'bottom', labels: { usePointStyle: true } },
      tooltip: { callbacks: { label: (item) => scatterTooltip(item.raw as PlottedPoint) } },
    },
    onClick: (_e, elements, chart: Chart) => {
      const el = elements[0];
      if (!el) return;
      const p = chart.data.datasets[el.datasetIndex]?.data[el.index] as unknown as PlottedPoint | undefined;
      if (p) onSelect(p.row.symbol);
    },
  };
}

type LineOptions = ChartOptions<'line'>;

/** A line chart over dates (x in ms, ticks by month), with one tooltip per date. */
function timeLineOptions(o: {
  y: NonNullable<LineOptions['scales']>[string];
  legend: NonNullable<LineOptions['plugins']>['legend'];
  title: (t: number) => string;
  label: (item: TooltipItem<'line'>) => string;
}): LineOptions {
  return {
    responsive: true,
    maintainAspectRatio: false,
    parsing: false,
    interaction: { mode: 'index', intersect: false },
    scales: {
      x: { type: 'linear', ticks: { callback: (v) => date(Number(v)).slice(0, 7), maxTicksLimit: 8 } },
      y: o.y,
    },
    plugins: {
      legend: o.legend,
      tooltip: {
        callbacks: { title: (items) => (items[0] ? o.title(Number(items[0].parsed.x)) : ''), label: o.label },
      },
    },
  };
}

export function priceData(d: GradeDetail): ChartData<'line', XY> {
  return {
    datasets: [
      {
        label: `${d.symbol} close`,
        data: d.closes.map(([x, y]) => ({ x, y })),
        borderColor: '#a5d6ff',
        backgroundColor: 'rgba(165, 214, 255, 0.08)',
        borderWidth: 1.5,
        pointRadius: 0,
        fill: true,
      },
    ],
  };
}

export function priceOptions(): ChartOptions<'line'> {
  return timeLineOptions({
    y: { type: 'linear' },
    legend: { display: false },
    title: date,
    label: (item) => `Close ${Number(item.parsed.y).toPrecision(6)}`,
  });
}

/** Both grades over time; weeks where a grade is missing are left out of its line. */
export function historyData(d: GradeDetail): ChartData<'line', XY> {
  const line = (kind: 'trader' | 'investor', label: string, color: string) => ({
    label,
    data: d.history.flatMap((p) => {
      const y = p[kind];
      return y === null ? [] : [{ x: p.t, y }];
    }),
    borderColor: color,
    backgroundColor: color,
    pointRadius: 0,
    borderWidth: 2,
  });
  return {
    datasets: [line('trader', 'Trader Grade', TRADER_COLOR), line('investor', 'Investor Grade', INVESTOR_COLOR)],
  };
}

export function historyOptions(): ChartOptions<'line'> {
  return timeLineOptions({
    y: { type: 'linear', min: 0, max: 100, ticks: { stepSize: 20 } },
    legend: { position: 'bottom' },
    title: (t) => `Week ending ${date(t)}`,
    label: (item) => `${item.dataset.label ?? ''}: ${Math.round(Number(item.parsed.y))}`,
  });
}
