/**
 * A sparkline's drawing: the polyline points of a series scaled into a box, and whether it ended up or
 * down. Pure (no DOM), tested by test/unit/sparkline.test.ts; drawn by Sparkline.tsx.
 */

/** "x,y x,y ..." for an SVG polyline of `values` in a `width` x `height` box (y grows downwards). */
export function sparkPoints(values: readonly number[], width: number, height: number, pad = 1): string {
  const v = values.filter((x) => Number.isFinite(x));
  if (v.length < 2) return '';
  const lo = Math.min(...v);
  const hi = Math.max(...v);
  const span = hi - lo || 1;
  const step = (width - 2 * pad) / (v.length - 1);
  return v
    .map((x, i) => `${(pad + i * step).toFixed(1)},${(pad + (height - 2 * pad) * (1 - (x - lo) / span)).toFixed(1)}`)
    .join(' ');
}

/** The change from the first value to the last, as a share (null without two values). */
export function sparkChange(values: readonly number[]): number | null {
  const v = values.filter((x) => Number.isFinite(x));
  if (v.length < 2 || v[0] === 0) return null;
  return v[v.length - 1]! / v[0]! - 1;
}
