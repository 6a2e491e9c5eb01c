/**
 * Chart.js plugins of the Grades view, drawn on the chart's canvas: the four labelled quadrants
 * and symbol labels of the scatter, and the dashed 60/80 guide lines of the grade history.
 *
 * Draws only through the context Chart.js hands over; nothing else of the DOM. Used by
 * QuadrantChart and DetailCharts; tested with a recording context by
 * test/unit/grades-view-chart-config.test.ts.
 */
import type { Plugin } from 'chart.js';
import { GRADE_STRONG, GRADE_WEAK } from '../../../../shared/grades';
import type { PlottedPoint } from './chart-config';

const LABEL_FONT = '11px system-ui, sans-serif';
const OK_LINE = 'rgba(63, 185, 80, 0.6)';
const CRIT_LINE = 'rgba(248, 81, 73, 0.6)';

export interface QuadrantRegion {
  /** Investor Grade range, left to right. */
  x: [number, number];
  /** Trader Grade range, bottom to top. */
  y: [number, number];
  color: string;
  lines: string[];
}

/** The four labelled quadrants: x = Investor Grade, y = Trader Grade. */
export const REGIONS: readonly QuadrantRegion[] = [
  {
    x: [GRADE_STRONG, 100],
    y: [GRADE_STRONG, 100],
    color: 'rgba(63, 185, 80, 0.14)',
    lines: ['Strong:', 'both high'],
  },
  {
    x: [0, GRADE_WEAK],
    y: [GRADE_STRONG, 100],
    color: 'rgba(210, 153, 34, 0.13)',
    lines: ['Momentum,', 'but fragile'],
  },
  {
    x: [GRADE_STRONG, 100],
    y: [0, GRADE_WEAK],
    color: 'rgba(88, 166, 255, 0.12)',
    lines: ['Resilient,', 'but lagging'],
  },
  { x: [0, GRADE_WEAK], y: [0, GRADE_WEAK], color: 'rgba(248, 81, 73, 0.09)', lines: ['Fragile', 'and lagging'] },
];

export const quadrantPlugin: Plugin<'scatter'> = {
  id: 'gradeQuadrants',
  beforeDatasetsDraw(chart) {
    const { ctx, chartArea: a, scales } = chart;
    const x = scales['x'];
    const y = scales['y'];
    if (!x || !y) return;
    ctx.save();
    for (const r of REGIONS) {
      const left = x.getPixelForValue(r.x[0]);
      const right = x.getPixelForValue(r.x[1]);
      const top = y.getPixelForValue(r.y[1]);
      const bottom = y.getPixelForValue(r.y[0]);
      ctx.fillStyle = r.color;
      ctx.fillRect(left, top, right - left, bottom - top);
      ctx.fillStyle = 'rgba(230, 237, 243, 0.55)';
      ctx.font = LABEL_FONT;
      ctx.textAlign = r.x[0] === 0 ? 'left' : 'right';
      const tx = r.x[0] === 0 ? left + 6 : right - 6;
      const ty0 = r.y[1] === 100 ? top + 14 : bottom - 6 - 13 * (r.lines.length - 1);
      r.lines.forEach((line, i) => ctx.fillText(line, tx, ty0 + i * 13));
    }
    ctx.setLineDash([5, 4]);
    ctx.lineWidth = 1;
    for (const [v, c] of [
      [GRADE_WEAK, CRIT_LINE],
      [GRADE_STRONG, OK_LINE],
    ] as const) {
      ctx.strokeStyle = c;
      const px = x.getPixelForValue(v);
      const py = y.getPixelForValue(v);
      ctx.beginPath();
      ctx.moveTo(px, a.top);
      ctx.lineTo(px, a.bottom);
      ctx.moveTo(a.left, py);
      ctx.lineTo(a.right, py);
      ctx.stroke();
    }
    ctx.restore();
  },
  afterDatasetsDraw(chart) {
    // Symbol labels next to the points.
    const { ctx } = chart;
    ctx.save();
    ctx.font = LABEL_FONT;
    ctx.textAlign = 'left';
    chart.data.datasets.forEach((ds, di) => {
      const meta = chart.getDatasetMeta(di);
      if (meta.hidden) return;
      ctx.fillStyle = di === 0 ? '#e6edf3' : 'rgba(139, 148, 158, 0.9)';
      (ds.data as unknown as PlottedPoint[]).forEach((p, i) => {
        const el = meta.data[i] as unknown as { x: number; y: number; options?: { radius?: number } } | undefined;
        if (!el) return;
        ctx.fillText(p.row.symbol, el.x + (el.options?.radius ?? 4) + 3, el.y + 4);
      });
    });
    ctx.restore();
  },
};

/** Draws a horizontal guide at the strong and weak grades on a 0-100 y axis. */
export const gradeGuidesPlugin: Plugin<'line'> = {
  id: 'gradeGuides',
  beforeDatasetsDraw(chart) {
    const { ctx, chartArea: a, scales } = chart;
    const y = scales['y'];
    if (!y) return;
    ctx.save();
    ctx.setLineDash([5, 4]);
    ctx.lineWidth = 1;
    ctx.font = LABEL_FONT;
    for (const [v, label, c] of [
      [GRADE_STRONG, `${GRADE_STRONG} strong`, '#3fb950'],
      [GRADE_WEAK, `${GRADE_WEAK} weak`, '#f85149'],
    ] as const) {
      const py = y.getPixelForValue(v);
      ctx.strokeStyle = c;
      ctx.globalAlpha = 0.7;
      ctx.beginPath();
      ctx.moveTo(a.left, py);
      ctx.lineTo(a.right, py);
      ctx.stroke();
      ctx.globalAlpha = 1;
      ctx.fillStyle = c;
      ctx.textAlign = 'right';
      ctx.fillText(label, a.right - 4, py - 4);
    }
    ctx.restore();
  },
};
