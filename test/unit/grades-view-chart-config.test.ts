/**
 * The Grades view's charts (renderer/src/views/grades/chart-config.ts and chart-plugins.ts): the
 * scatter's datasets, tooltip and click, the detail's lines, and what the canvas plugins draw,
 * through a context that records its calls.
 */
import type { Chart } from 'chart.js';
import { describe, expect, it } from 'vitest';
import type { GradeDetail } from '../../shared/ipc/channels/grades';
import {
  historyData,
  historyOptions,
  plottable,
  priceData,
  scatterData,
  scatterOptions,
  scatterTooltip,
  type PlottedPoint,
} from '../../renderer/src/views/grades/chart-config';
import { gradeGuidesPlugin, quadrantPlugin, REGIONS } from '../../renderer/src/views/grades/chart-plugins';
import { gradeRow } from './grades-view-fixtures';

const ROWS = [
  gradeRow('BTC', { held: true, valueShare: 0.64, trader: 85, investor: 90, quadrant: 'strong' }),
  gradeRow('ETH', { held: true, valueShare: 0.04, trader: 62, investor: 81 }),
  gradeRow('SOL', { trader: 81, investor: 40 }),
  gradeRow('NEW', { trader: 70, investor: null }),
];

describe('quadrant scatter', () => {
  it('plots only rows with both grades, holdings first and sized by share of value', () => {
    const plotted = plottable(ROWS);
    expect(plotted.map((r) => r.symbol)).toEqual(['BTC', 'ETH', 'SOL']);
    const [held, others] = scatterData(plotted).datasets;
    expect(held!.data.map((p) => [p.row.symbol, p.x, p.y])).toEqual([
      ['BTC', 90, 85],
      ['ETH', 81, 62],
    ]);
    expect(held!.pointRadius).toEqual([4 + 0.8 * 26, 4 + 0.2 * 26]);
    expect(others!.data.map((p) => p.row.symbol)).toEqual(['SOL']);
    expect(others!.pointRadius).toBe(4);
  });

  it('says grades, share and quadrant in the tooltip', () => {
    const [held, others] = scatterData(plottable(ROWS)).datasets;
    expect(scatterTooltip(held!.data[0]!)).toBe('BTC: Trader 85, Investor 90, 64.0% of value (Strong)');
    expect(scatterTooltip(others!.data[0]!)).toBe('SOL: Trader 81, Investor 40 (Fragile, lagging)');
  });

  it('selects the token under a click', () => {
    const selected: string[] = [];
    const options = scatterOptions((s) => selected.push(s));
    const data = scatterData(plottable(ROWS));
    const chart = { data } as unknown as Chart;
    const click = options.onClick as (e: unknown, els: { datasetIndex: number; index: number }[], c: Chart) => void;
    click(null, [{ datasetIndex: 1, index: 0 }], chart);
    click(null, [], chart);
    click(null, [{ datasetIndex: 0, index: 1 }], chart);
    expect(selected).toEqual(['SOL', 'ETH']);
  });
});

describe('token detail', () => {
  const detail = {
    symbol: 'BTC',
    closes: [
      [1, 100],
      [2, 110],
    ],
    history: [
      { t: 1, trader: null, investor: 70 },
      { t: 2, trader: 65, investor: 72 },
    ],
  } as unknown as GradeDetail;

  it('draws the closes as one line', () => {
    const ds = priceData(detail).datasets[0]!;
    expect(ds.label).toBe('BTC close');
    expect(ds.data).toEqual([
      { x: 1, y: 100 },
      { x: 2, y: 110 },
    ]);
  });

  it('draws each grade over time, leaving out the weeks it is missing', () => {
    const [trader, investor] = historyData(detail).datasets;
    expect(trader!.data).toEqual([{ x: 2, y: 65 }]);
    expect(investor!.data).toEqual([
      { x: 1, y: 70 },
      { x: 2, y: 72 },
    ]);
    expect(historyOptions().scales?.['y']).toMatchObject({ min: 0, max: 100 });
  });
});

/** A chart whose scales map a grade straight to pixels (y grows down) and whose context records. */
function fakeChart(datasets: unknown[] = []) {
  const calls: { op: string; args: unknown[] }[] = [];
  const ctx = new Proxy(
    {},
    {
      get:
        (_t, op: string) =>
        (...args: unknown[]) =>
          calls.push({ op, args }),
      set: () => true,
    },
  );
  const scale = (flip: boolean) => ({ getPixelForValue: (v: number) => (flip ? 100 - v : v) });
  const chart = {
    ctx,
    chartArea: { left: 0, right: 100, top: 0, bottom: 100 },
    scales: { x: scale(false), y: scale(true) },
    data: { datasets },
    getDatasetMeta: (i: number) => ({
      hidden: false,
      data: (datasets[i] as { data: PlottedPoint[] }).data.map((p) => ({ x: p.x, y: 100 - p.y })),
    }),
  };
  return { chart, calls };
}

type Hook = (chart: unknown, args: unknown, options: unknown) => void;

describe('canvas plugins', () => {
  it('shades the four quadrants at the 60 and 80 thresholds', () => {
    const { chart, calls } = fakeChart();
    (quadrantPlugin.beforeDatasetsDraw as Hook)(chart, {}, {});
    const rects = calls.filter((c) => c.op === 'fillRect').map((c) => c.args);
    expect(rects).toEqual([
      [80, 0, 20, 20],
      [0, 0, 60, 20],
      [80, 40, 20, 60],
      [0, 40, 60, 60],
    ]);
    const labels = calls.filter((c) => c.op === 'fillText').map((c) => c.args[0]);
    expect(labels).toEqual(REGIONS.flatMap((r) => r.lines));
  });

  it('labels each plotted dot with its symbol', () => {
    const datasets = scatterData(plottable(ROWS)).datasets;
    const { chart, calls } = fakeChart(datasets);
    (quadrantPlugin.afterDatasetsDraw as Hook)(chart, {}, {});
    expect(calls.filter((c) => c.op === 'fillText').map((c) => c.args[0])).toEqual(['BTC', 'ETH', 'SOL']);
  });

  it('draws the guide lines of the grade history at 80 and 60', () => {
    const { chart, calls } = fakeChart();
    (gradeGuidesPlugin.beforeDatasetsDraw as Hook)(chart, {}, {});
    expect(calls.filter((c) => c.op === 'fillText').map((c) => [c.args[0], c.args[2]])).toEqual([
      ['80 strong', 16],
      ['60 weak', 36],
    ]);
  });
});
