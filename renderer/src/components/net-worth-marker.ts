/**
 * The net-worth chart's install marker: where the rebuilt history ends and the snapshots Ballast
 * recorded begin. `markerIndex` finds the point (pure, tested by test/unit/net-worth-marker.test.ts);
 * `installMarker` is a Chart.js plugin drawing a dashed line there with a short label, through the
 * context Chart.js hands over only. Used by NetWorthChart.
 */
import type { Plugin } from 'chart.js';

/** Index of the first point at or after `installedAt`; null when there is none, or it is the first point. */
export function markerIndex(points: readonly { t: number }[], installedAt: number | null | undefined): number | null {
  if (installedAt === null || installedAt === undefined) return null;
  const i = points.findIndex((p) => p.t >= installedAt);
  return i <= 0 ? null : i;
}

export function installMarker(index: number | null, label: string): Plugin<'line'> {
  return {
    id: 'installMarker',
    afterDatasetsDraw(chart) {
      const x = chart.scales['x'];
      if (index === null || !x) return;
      const px = x.getPixelForValue(index);
      const { ctx, chartArea: a } = chart;
      ctx.save();
      ctx.strokeStyle = 'rgba(242, 169, 0, 0.8)';
      ctx.setLineDash([4, 4]);
      ctx.beginPath();
      ctx.moveTo(px, a.top);
      ctx.lineTo(px, a.bottom);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = 'rgba(242, 169, 0, 0.95)';
      ctx.font = '11px system-ui, sans-serif';
      ctx.textAlign = px > (a.left + a.right) / 2 ? 'right' : 'left';
      ctx.fillText(label, px + (ctx.textAlign === 'right' ? -4 : 4), a.top + 12);
      ctx.restore();
    },
  };
}
