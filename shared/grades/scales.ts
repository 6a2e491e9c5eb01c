/**
 * Scoring and wording of factor scales: a raw value through a factor's piecewise-linear mapping to
 * a 0-100 score, and raw values and anchors formatted for display ("+12.0%", "$1.1B", "-25% -> 0").
 * Used by the grade engine (shared/grades/grades.ts), the docs generator and the UI.
 */
import type { FactorDefinition, FactorMapping, RawUnit } from './factors';

/** Score a raw value with a factor mapping: piecewise-linear, clamped to the end anchors. */
export function scoreWithMapping(mapping: FactorMapping, raw: number): number {
  const pts = mapping.points;
  const x = mapping.scale === 'log10' ? (raw > 0 ? Math.log10(raw) : -Infinity) : raw;
  const firstPt = pts[0];
  const lastPt = pts[pts.length - 1];
  if (!firstPt || !lastPt) return 50;
  if (!(x > firstPt[0])) return firstPt[1]; // also catches NaN and -Infinity
  if (x >= lastPt[0]) return lastPt[1];
  for (let p = 1; p < pts.length; p++) {
    const b = pts[p]!;
    if (x <= b[0]) {
      const a = pts[p - 1]!;
      return a[1] + ((x - a[0]) / (b[0] - a[0])) * (b[1] - a[1]);
    }
  }
  return lastPt[1];
}

function fmtUsd(x: number): string {
  const a = Math.abs(x);
  if (a >= 1e12) return `$${(x / 1e12).toFixed(2)}T`;
  if (a >= 1e9) return `$${(x / 1e9).toFixed(2)}B`;
  if (a >= 1e6) return `$${(x / 1e6).toFixed(2)}M`;
  if (a >= 1e3) return `$${(x / 1e3).toFixed(1)}k`;
  return `$${x.toFixed(0)}`;
}

/** Format a raw value (or a mapping anchor, already converted back from log scale) for display. */
export function formatRaw(unit: RawUnit, x: number): string {
  switch (unit) {
    case 'change':
      return `${x > 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
    case 'share':
      return `${(x * 100).toFixed(1)}%`;
    case 'index':
      return x.toFixed(1);
    case 'number':
      return x.toFixed(2);
    case 'usd':
      return fmtUsd(x);
    case 'days':
      return `${Math.round(x)} days`;
  }
}

function fmtAnchor(def: FactorDefinition, x: number): string {
  const v = def.mapping.scale === 'log10' ? 10 ** x : x;
  if (def.unit === 'change' || def.unit === 'share') {
    return def.unit === 'change' ? `${v > 0 ? '+' : ''}${Math.round(v * 100)}%` : `${Math.round(v * 100)}%`;
  }
  if (def.unit === 'index' || def.unit === 'days') return String(Math.round(v));
  // Anchors are round numbers: no trailing zeros ("$1M", "-1", not "$1.00M", "-1.00").
  return formatRaw(def.unit, v).replace(/(\.\d*?[1-9])0+(?=[kMBT]?$)|\.0+(?=[kMBT]?$)/, '$1');
}

/** A one-line description of a factor's scale, e.g. "-25% -> 0, 0% -> 50, +25% -> 100". */
export function describeMapping(def: FactorDefinition): string {
  return def.mapping.points.map(([x, s]) => `${fmtAnchor(def, x)} -> ${s}`).join(', ');
}
