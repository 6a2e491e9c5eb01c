/**
 * The calibration harness as one pure function: for each price history given, fit both grades on
 * the history up to `fitTo`, measure the shipped grades (and the freshly fitted ones) before and
 * after it, measure each factor on its own, and walk forward year by year (fit on every year
 * before, measure on the next). cli/grades-calibrate.ts reads the CSVs and prints or writes the
 * result; the app's report card (electron/services) uses `evaluateGrade` on the user's own history.
 */
import type { PriceHistory } from '../../domain/types';
import { FACTORS, type FactorDefinition, type GradeKind } from '../factors';
import { evaluateGrade, fullWindow, yearWindow, type GradeReport } from './evaluate';
import { factorStrengths, fitGrade, type FactorStrength, type Window } from './fit';
import { buildPanel, type Panel } from './panel';

export interface CalibrationSet {
  /** A short name for tables ("main", "close-only"). */
  name: string;
  history: PriceHistory;
}

export interface CalibrationOptions {
  /** Last day (UTC ms) of the fitting period; measured "out of sample" from the next day. */
  fitTo: number;
  /** Assets to leave out (stablecoins: their grades mean nothing). */
  exclude?: (symbol: string) => boolean;
  /** Yearly walk-forward folds (the slowest part). Default true. */
  walkForward?: boolean;
}

export interface FactorRow {
  id: string;
  label: string;
  /** Shipped weight. */
  weight: number;
  fit: FactorStrength;
  test: FactorStrength;
}

export interface WalkForwardFold {
  /** The measured year; fitted on every day before 1 January of it. */
  year: number;
  traderIc7: number;
  traderT7: number;
  /** Investor Grade at 90 days, strong vs weak bucket. */
  investor: {
    weakVolatility: number;
    strongVolatility: number;
    weakMaxDrawdown: number;
    strongMaxDrawdown: number;
    weakCollapse: number;
    strongCollapse: number;
    strongN: number;
    weakN: number;
  };
}

export interface SetResult {
  name: string;
  assets: number;
  window: { from: string; to: string };
  shipped: Record<GradeKind, { fit: GradeReport; test: GradeReport }>;
  /** The grades as fitted on this set up to fitTo (before rounding), measured after it. */
  refit: Record<GradeKind, { factors: FactorDefinition[]; test: GradeReport }>;
  factors: Record<GradeKind, FactorRow[]>;
  walkForward: WalkForwardFold[];
}

export interface CalibrationResult {
  fitTo: string;
  sets: SetResult[];
}

const KINDS: GradeKind[] = ['trader', 'investor'];
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

function walkForward(panel: Panel, win: Window): WalkForwardFold[] {
  const first = new Date(win.from).getUTCFullYear();
  const last = new Date(win.to).getUTCFullYear();
  const folds: WalkForwardFold[] = [];
  // At least two full years to fit on before the first measured year.
  for (let year = first + 2; year <= last; year++) {
    const fit: Window = { from: win.from, to: Date.UTC(year - 1, 11, 31) };
    const measure = yearWindow(year);
    const trader = evaluateGrade(panel, 'trader', fitGrade(panel, 'trader', FACTORS.trader, fit).factors, measure);
    const investor = evaluateGrade(
      panel,
      'investor',
      fitGrade(panel, 'investor', FACTORS.investor, fit).factors,
      measure,
    );
    const t7 = trader.horizons[0]!;
    const i90 = investor.horizons[0]!.buckets;
    if (!Number.isFinite(t7.ic.mean) && i90.strong.n === 0) continue;
    folds.push({
      year,
      traderIc7: t7.ic.mean,
      traderT7: t7.ic.t,
      investor: {
        weakVolatility: i90.weak.medianVolatility ?? Number.NaN,
        strongVolatility: i90.strong.medianVolatility ?? Number.NaN,
        weakMaxDrawdown: i90.weak.medianMaxDrawdown ?? Number.NaN,
        strongMaxDrawdown: i90.strong.medianMaxDrawdown ?? Number.NaN,
        weakCollapse: i90.weak.collapseRate ?? Number.NaN,
        strongCollapse: i90.strong.collapseRate ?? Number.NaN,
        weakN: i90.weak.n,
        strongN: i90.strong.n,
      },
    });
  }
  return folds;
}

function runSet(set: CalibrationSet, opts: CalibrationOptions): SetResult {
  const exclude = opts.exclude ?? (() => false);
  const panel = buildPanel(set.history, (s) => !exclude(s));
  const all = fullWindow(panel);
  const fitWin: Window = { from: all.from, to: Math.min(all.to, opts.fitTo) };
  const testWin: Window = { from: opts.fitTo + 1, to: all.to };
  const shipped = {} as SetResult['shipped'];
  const refit = {} as SetResult['refit'];
  const factors = {} as SetResult['factors'];
  for (const kind of KINDS) {
    const defs = FACTORS[kind];
    shipped[kind] = { fit: evaluateGrade(panel, kind, defs, fitWin), test: evaluateGrade(panel, kind, defs, testWin) };
    const fitted = fitGrade(panel, kind, defs, fitWin);
    refit[kind] = { factors: fitted.factors, test: evaluateGrade(panel, kind, fitted.factors, testWin) };
    const test = factorStrengths(panel, kind, defs, testWin);
    factors[kind] = defs.map((d, f) => ({
      id: d.id,
      label: d.label,
      weight: d.weight,
      fit: fitted.strengths[f]!,
      test: test[f]!,
    }));
  }
  return {
    name: set.name,
    assets: panel.assets.length,
    window: { from: isoDay(all.from), to: isoDay(all.to) },
    shipped,
    refit,
    factors,
    walkForward: opts.walkForward === false ? [] : walkForward(panel, all),
  };
}

export function runCalibration(sets: readonly CalibrationSet[], opts: CalibrationOptions): CalibrationResult {
  return { fitTo: isoDay(opts.fitTo), sets: sets.map((s) => runSet(s, opts)) };
}
