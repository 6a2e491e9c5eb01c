/**
 * Fitting a grade's factors on a window of history: the procedure behind the shipped anchors and
 * weights in shared/grades/factors.ts, and behind every walk-forward fold.
 *
 * - Anchors: the 5th, 25th, 50th, 75th and 95th percentiles of the factor's raw values over every
 *   asset and day of the window score 0, 25, 50, 75 and 100 (reversed when lower is better), so a
 *   score says where a value sits in the market's own history.
 * - Weights: each factor's measured strength in the window, negatives set to 0, scaled to sum to 1.
 *   Trader: the mean daily rank IC of the factor (signed so that "better" is higher) against the
 *   next 7 days' log return. Investor: the mean of its rank correlations with lower forward
 *   volatility and with shallower forward drawdowns over the next 90 and 180 days.
 * Forward windows must end inside the fitting window, so nothing after `to` is ever read.
 */
import { DAY_MS } from '../../domain/types';
import type { FactorDefinition, GradeKind } from '../factors';
import { forwardSeries, type Panel } from './panel';
import { meanOf, quantilesOf, rankIC } from './stats';

/** Days, inclusive, as UTC-midnight times in ms. */
export interface Window {
  from: number;
  to: number;
}

export const ANCHOR_QUANTILES = [0.05, 0.25, 0.5, 0.75, 0.95] as const;
export const TRADER_FIT_HORIZON = 7;
export const INVESTOR_FIT_HORIZONS = [90, 180] as const;
/** A day counts only when at least this many assets have a value and an outcome. */
export const MIN_ASSETS_PER_DAY = 8;

export interface FactorStrength {
  id: string;
  /** Mean of the daily measure (see the module comment), signed so that positive supports the factor. */
  strength: number;
  /** Days that had enough assets. */
  days: number;
}

function rawOf(kind: GradeKind, f: number) {
  return (a: Panel['assets'][number]) => (kind === 'trader' ? a.raw.trader[f]! : a.raw.investor[f]!);
}

/** Each factor's strength over the window (see the module comment). */
export function factorStrengths(
  panel: Panel,
  kind: GradeKind,
  defs: readonly FactorDefinition[],
  win: Window,
): FactorStrength[] {
  const horizons = kind === 'trader' ? [TRADER_FIT_HORIZON] : [...INVESTOR_FIT_HORIZONS];
  const maxH = Math.max(...horizons);
  return defs.map((def, f) => {
    const raw = rawOf(kind, f);
    const sign = def.better === 'higher' ? 1 : -1;
    const daily: number[] = [];
    for (const d of panel.days) {
      if (d < win.from || d + maxH * DAY_MS > win.to) continue;
      const parts: number[] = [];
      for (const h of horizons) {
        const x: number[] = [];
        const ret: number[] = [];
        const calm: number[] = [];
        const shallow: number[] = [];
        for (const a of panel.assets) {
          const i = a.at.get(d);
          if (i === undefined) continue;
          const v = raw(a)[i]!;
          const fw = forwardSeries(a, h);
          if (!Number.isFinite(v) || !Number.isFinite(fw.logReturn[i]!)) continue;
          x.push(sign * v);
          ret.push(fw.logReturn[i]!);
          calm.push(-fw.volatility[i]!);
          shallow.push(fw.maxDrawdown[i]!);
        }
        if (x.length < MIN_ASSETS_PER_DAY) continue;
        if (kind === 'trader') parts.push(rankIC(x, ret));
        else parts.push((rankIC(x, calm) + rankIC(x, shallow)) / 2);
      }
      const m = meanOf(parts);
      if (parts.length === horizons.length && Number.isFinite(m)) daily.push(m);
    }
    return { id: def.id, strength: meanOf(daily), days: daily.length };
  });
}

/** Anchors for one factor from its values in the window (see the module comment). */
export function fitAnchors(
  panel: Panel,
  kind: GradeKind,
  def: FactorDefinition,
  f: number,
  win: Window,
): Array<readonly [number, number]> {
  const raw = rawOf(kind, f);
  const values: number[] = [];
  for (const a of panel.assets) {
    const series = raw(a);
    for (let i = 0; i < a.t.length; i++) {
      if (a.t[i]! < win.from || a.t[i]! > win.to) continue;
      const v = series[i]!;
      if (!Number.isFinite(v)) continue;
      if (def.mapping.scale === 'log10') {
        if (v > 0) values.push(Math.log10(v));
      } else values.push(v);
    }
  }
  const qs = quantilesOf(values, ANCHOR_QUANTILES);
  const points: Array<readonly [number, number]> = [];
  ANCHOR_QUANTILES.forEach((_, k) => {
    const x = qs[k]!;
    const score = def.better === 'higher' ? k * 25 : 100 - k * 25;
    // Equal quantiles (a factor with many identical values) keep their first anchor only.
    if (Number.isFinite(x) && (points.length === 0 || x > points[points.length - 1]![0])) points.push([x, score]);
  });
  return points;
}

export interface FittedGrade {
  factors: FactorDefinition[];
  strengths: FactorStrength[];
}

/**
 * The template's factors with anchors and weights fitted on the window. A factor with no positive
 * strength gets weight 0 (it stays listed, so a report can say it was tried).
 */
export function fitGrade(
  panel: Panel,
  kind: GradeKind,
  template: readonly FactorDefinition[],
  win: Window,
): FittedGrade {
  const strengths = factorStrengths(panel, kind, template, win);
  const positive = strengths.map((s) => (Number.isFinite(s.strength) ? Math.max(0, s.strength) : 0));
  const total = positive.reduce((a, b) => a + b, 0);
  const factors = template.map((def, f) => ({
    ...def,
    weight: total > 0 ? positive[f]! / total : 1 / template.length,
    mapping: { scale: def.mapping.scale, points: fitAnchors(panel, kind, def, f, win) },
  }));
  return { factors, strengths };
}
