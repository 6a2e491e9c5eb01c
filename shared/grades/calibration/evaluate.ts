/**
 * How a grade did on a window of history: on every day, rank the graded assets by grade and compare
 * with what happened next.
 *
 * - IC: the daily Spearman correlation between grade and forward log return across assets; its
 *   mean, a Newey-West t-statistic with horizon - 1 lags (forward windows of neighbouring days
 *   overlap), the number of days and the share of days with a positive IC, and monthly means.
 * - Buckets (weak < 60, neutral 60-80, strong >= 80, as in the app): forward log return and excess
 *   return (minus that day's mean over the graded assets), mean and median over asset-days; for
 *   the Investor Grade also the median forward volatility and worst fall, and the share of
 *   asset-days followed by a collapse (-80%) within a year.
 * Only days with at least MIN_ASSETS_PER_DAY graded assets count. Grades read only data up to
 * their day (shared/grades has no look-ahead); outcomes read the days after it.
 */
import { GRADE_STRONG, GRADE_WEAK, type FactorDefinition, type GradeKind } from '../factors';
import { compileFactors, gradeFromRaw } from '../grades';
import { MIN_ASSETS_PER_DAY, type Window } from './fit';
import { collapseSeries, forwardSeries, type Panel, type PanelAsset } from './panel';
import { meanOf, medianOf, neweyWestT, rankIC } from './stats';

export const TRADER_HORIZONS = [7, 30] as const;
export const INVESTOR_HORIZONS = [90, 180] as const;
export const BANDS = ['weak', 'neutral', 'strong'] as const;
export type Band = (typeof BANDS)[number];

export interface BucketStats {
  /** Asset-days in the bucket. */
  n: number;
  meanReturn: number;
  medianReturn: number;
  meanExcess: number;
  medianExcess: number;
  /** Investor only: median annualised forward volatility. */
  medianVolatility?: number;
  /** Investor only: median and mean forward worst fall (<= 0). */
  medianMaxDrawdown?: number;
  meanMaxDrawdown?: number;
  /** Investor only: share of asset-days (with a known next year) followed by a -80% collapse. */
  collapseRate?: number;
  /** Investor only: asset-days whose next year is known. */
  collapseN?: number;
}

export interface HorizonReport {
  horizon: number;
  ic: { mean: number; t: number; days: number; positiveShare: number };
  /** Mean daily IC per calendar month (YYYY-MM), for a chart of IC over time. */
  icByMonth: Array<{ month: string; ic: number; days: number }>;
  buckets: Record<Band, BucketStats>;
}

export interface GradeReport {
  kind: GradeKind;
  window: { from: string; to: string };
  /** Assets with at least one graded day in the window. */
  assets: number;
  horizons: HorizonReport[];
}

const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

export function bandOf(grade: number): Band {
  return grade >= GRADE_STRONG ? 'strong' : grade >= GRADE_WEAK ? 'neutral' : 'weak';
}

/** Every asset's daily grade under `defs` (NaN where it has no grade). */
export function gradeSeriesOf(panel: Panel, kind: GradeKind, defs: readonly FactorDefinition[]): Float64Array[] {
  const compiled = compileFactors(defs);
  const buf = new Float64Array(defs.length);
  return panel.assets.map((a) => {
    const raw = kind === 'trader' ? a.raw.trader : a.raw.investor;
    const out = new Float64Array(a.t.length);
    for (let i = 0; i < out.length; i++) {
      for (let f = 0; f < defs.length; f++) buf[f] = raw[f]![i]!;
      out[i] = gradeFromRaw(compiled, buf);
    }
    return out;
  });
}

interface Collected {
  returns: number[];
  excess: number[];
  volatility: number[];
  maxDrawdown: number[];
  collapses: number;
  collapseN: number;
}

function bucketStats(c: Collected, risk: boolean): BucketStats {
  const out: BucketStats = {
    n: c.returns.length,
    meanReturn: meanOf(c.returns),
    medianReturn: medianOf(c.returns),
    meanExcess: meanOf(c.excess),
    medianExcess: medianOf(c.excess),
  };
  if (risk) {
    out.medianVolatility = medianOf(c.volatility);
    out.medianMaxDrawdown = medianOf(c.maxDrawdown);
    out.meanMaxDrawdown = meanOf(c.maxDrawdown);
    out.collapseRate = c.collapseN > 0 ? c.collapses / c.collapseN : Number.NaN;
    out.collapseN = c.collapseN;
  }
  return out;
}

/** Days measured between two yields of the step-wise evaluation. */
const DAYS_PER_STEP = 64;

function* evaluateHorizon(
  panel: Panel,
  grades: Float64Array[],
  h: number,
  risk: boolean,
  win: Window,
  graded: Set<PanelAsset>,
): Generator<void, HorizonReport> {
  const ics: number[] = [];
  const months = new Map<string, number[]>();
  const empty = (): Collected => ({
    returns: [],
    excess: [],
    volatility: [],
    maxDrawdown: [],
    collapses: 0,
    collapseN: 0,
  });
  const collected: Record<Band, Collected> = { weak: empty(), neutral: empty(), strong: empty() };
  let sinceYield = 0;
  for (const d of panel.days) {
    if (d < win.from || d > win.to) continue;
    if (++sinceYield === DAYS_PER_STEP) {
      sinceYield = 0;
      yield;
    }
    const g: number[] = [];
    const r: number[] = [];
    const who: Array<[PanelAsset, number]> = [];
    panel.assets.forEach((a, k) => {
      const i = a.at.get(d);
      if (i === undefined) return;
      const grade = grades[k]![i]!;
      const ret = forwardSeries(a, h).logReturn[i]!;
      if (!Number.isFinite(grade) || !Number.isFinite(ret)) return;
      g.push(grade);
      r.push(ret);
      who.push([a, i]);
    });
    if (g.length < MIN_ASSETS_PER_DAY) continue;
    const ic = rankIC(g, r);
    if (Number.isFinite(ic)) {
      ics.push(ic);
      const month = isoDay(d).slice(0, 7);
      const list = months.get(month) ?? [];
      list.push(ic);
      months.set(month, list);
    }
    const dayMean = meanOf(r);
    who.forEach(([a, i], k) => {
      graded.add(a);
      const b = collected[bandOf(g[k]!)];
      b.returns.push(r[k]!);
      b.excess.push(r[k]! - dayMean);
      if (!risk) return;
      const fw = forwardSeries(a, h);
      b.volatility.push(fw.volatility[i]!);
      b.maxDrawdown.push(fw.maxDrawdown[i]!);
      const col = collapseSeries(a)[i]!;
      if (col >= 0) {
        b.collapseN++;
        b.collapses += col;
      }
    });
  }
  return {
    horizon: h,
    ic: {
      mean: meanOf(ics),
      t: neweyWestT(ics, h - 1),
      days: ics.length,
      positiveShare: ics.length > 0 ? ics.filter((x) => x > 0).length / ics.length : Number.NaN,
    },
    icByMonth: [...months].map(([month, xs]) => ({ month, ic: meanOf(xs), days: xs.length })),
    buckets: {
      weak: bucketStats(collected.weak, risk),
      neutral: bucketStats(collected.neutral, risk),
      strong: bucketStats(collected.strong, risk),
    },
  };
}

/**
 * The grade under `defs` measured on the window, step by step: the generator pauses every few dozen
 * days so a caller on a busy thread (the main process) can let other work run in between.
 */
export function* evaluateGradeSteps(
  panel: Panel,
  kind: GradeKind,
  defs: readonly FactorDefinition[],
  win: Window,
): Generator<void, GradeReport> {
  const grades = gradeSeriesOf(panel, kind, defs);
  yield;
  const graded = new Set<PanelAsset>();
  const horizons: HorizonReport[] = [];
  for (const h of kind === 'trader' ? TRADER_HORIZONS : INVESTOR_HORIZONS) {
    // Outcomes first, one asset per step (they are memoised on the asset for the loop below).
    for (const a of panel.assets) {
      forwardSeries(a, h);
      if (kind === 'investor') collapseSeries(a);
      yield;
    }
    horizons.push(yield* evaluateHorizon(panel, grades, h, kind === 'investor', win, graded));
  }
  const days = panel.days.filter((d) => d >= win.from && d <= win.to);
  return {
    kind,
    window: { from: isoDay(days[0] ?? win.from), to: isoDay(days[days.length - 1] ?? win.to) },
    assets: graded.size,
    horizons,
  };
}

/** The grade under `defs` measured on the window (see the module comment). */
export function evaluateGrade(
  panel: Panel,
  kind: GradeKind,
  defs: readonly FactorDefinition[],
  win: Window,
): GradeReport {
  return drain(evaluateGradeSteps(panel, kind, defs, win));
}

/** Runs a step-wise computation to its end without pausing. */
export function drain<T>(steps: Generator<void, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** The first and last day of a panel, as a window. */
export function fullWindow(panel: Panel): Window {
  return { from: panel.days[0] ?? 0, to: panel.days[panel.days.length - 1] ?? 0 };
}

/** 1 January of `year`, and 31 December, as UTC days. */
export function yearWindow(year: number): Window {
  return { from: Date.UTC(year, 0, 1), to: Date.UTC(year, 11, 31) };
}
