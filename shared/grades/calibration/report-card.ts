/**
 * The "How have the grades done?" report card: the calibration measurement (evaluateGrade) run on
 * one price history, the user's own, with a plain-language reading of each grade that says only
 * what the numbers show and how much history they rest on. Pure and step-wise, so the main process
 * can compute it without blocking (electron/services/grades).
 */
import type { PriceHistory } from '../../domain/types';
import { FACTORS, type GradeKind } from '../factors';
import { evaluateGradeSteps, fullWindow, type GradeReport, type HorizonReport } from './evaluate';
import { buildPanelSteps } from './panel';

/** Below these, the card says there is too little history to read anything into the numbers. */
export const REPORT_MIN_DAYS = 120;
export const REPORT_MIN_ASSETS = 8;

export interface GradeReportCard {
  /** First and last day measured. */
  window: { from: string; to: string };
  /** Assets that had a grade on at least one measured day. */
  assets: { trader: number; investor: number };
  trader: HorizonReport[];
  investor: HorizonReport[];
  /** One paragraph per grade, built from the numbers above. */
  readings: { trader: string; investor: string };
  /** False when either grade rests on too few days or assets for its numbers to mean much. */
  enough: boolean;
}

const pct = (x: number | undefined, digits = 1) =>
  x === undefined || !Number.isFinite(x) ? 'n/a' : `${(x * 100).toFixed(digits)}%`;
const signedPct = (x: number, digits = 1) => `${x > 0 ? '+' : ''}${(x * 100).toFixed(digits)}%`;
const signed = (x: number, digits = 2) => `${x > 0 ? '+' : ''}${x.toFixed(digits)}`;

function tooLittle(h: HorizonReport | undefined, assets: number): boolean {
  return !h || h.ic.days < REPORT_MIN_DAYS || assets < REPORT_MIN_ASSETS;
}

/** What the Trader Grade's 7-day numbers say, and no more. */
export function traderReading(r: GradeReport): string {
  const h = r.horizons.find((x) => x.horizon === 7);
  if (!h || tooLittle(h, r.assets)) {
    return `Too little history to measure the Trader Grade here (${h?.ic.days ?? 0} days with at least ${REPORT_MIN_ASSETS} graded tokens are needed for ${REPORT_MIN_DAYS}; ${r.assets} tokens).`;
  }
  const { mean, t, days } = h.ic;
  const spread = h.buckets.strong.meanExcess - h.buckets.weak.meanExcess;
  const stats = `mean rank IC ${signed(mean, 3)}, t = ${t.toFixed(1)}, over ${days} days and ${r.assets} tokens`;
  const gap =
    h.buckets.strong.n > 0 && h.buckets.weak.n > 0 ? ` Strong minus weak: ${signedPct(spread)} a week on average.` : '';
  if (mean > 0 && t >= 2) {
    return `On this history, a higher Trader Grade went with a higher return over the next week (${stats}).${gap} A small tilt across many tokens, not a forecast for one.`;
  }
  if (mean > 0) {
    return `On this history, the Trader Grade was slightly ahead of chance but not reliably (${stats}).${gap} Treat it as a trend gauge, not an edge.`;
  }
  return `On this history, the Trader Grade showed no edge (${stats}).${gap} Treat it as a trend gauge only.`;
}

function compare(strong: number | undefined, weak: number | undefined, lowerIsBetter: boolean) {
  if (strong === undefined || weak === undefined || !Number.isFinite(strong) || !Number.isFinite(weak)) return null;
  return lowerIsBetter ? strong < weak : strong > weak;
}

/** What the Investor Grade's 90-day numbers say, and no more. */
export function investorReading(r: GradeReport): string {
  const h = r.horizons.find((x) => x.horizon === 90);
  if (!h || tooLittle(h, r.assets) || h.buckets.strong.n === 0 || h.buckets.weak.n === 0) {
    return `Too little history to compare strong and weak Investor Grades here (${h?.ic.days ?? 0} days, ${r.assets} tokens; strong ${h?.buckets.strong.n ?? 0} and weak ${h?.buckets.weak.n ?? 0} token-days).`;
  }
  const { strong, weak } = h.buckets;
  const parts: string[] = [];
  const calmer = compare(strong.medianVolatility, weak.medianVolatility, true);
  parts.push(
    `${calmer ? 'lower' : 'higher'} volatility (median ${pct(strong.medianVolatility, 0)} vs ${pct(weak.medianVolatility, 0)})`,
  );
  const shallower = compare(strong.medianMaxDrawdown, weak.medianMaxDrawdown, false);
  parts.push(
    `${shallower ? 'shallower' : 'deeper'} worst falls (median ${pct(strong.medianMaxDrawdown, 0)} vs ${pct(weak.medianMaxDrawdown, 0)})`,
  );
  if ((strong.collapseN ?? 0) > 0 && (weak.collapseN ?? 0) > 0) {
    const fewer = compare(strong.collapseRate, weak.collapseRate, true);
    parts.push(
      `${fewer ? 'fewer' : strong.collapseRate === weak.collapseRate ? 'as many' : 'more'} collapses of -80% within a year (${pct(strong.collapseRate)} vs ${pct(weak.collapseRate)})`,
    );
  }
  const ret = strong.meanExcess - weak.meanExcess;
  return `On this history, strong Investor Grades were followed over 90 days by ${parts.join(', ')} than weak ones. Their return relative to other tokens was ${signedPct(ret)} (strong minus weak): a steadier ride, not a promise of more return.`;
}

/** The report card of one price history, step by step (see evaluateGradeSteps). */
export function* gradeReportCardSteps(
  history: PriceHistory,
  include: (symbol: string) => boolean,
): Generator<void, GradeReportCard> {
  const panel = yield* buildPanelSteps(history, include);
  const win = fullWindow(panel);
  const reports = {} as Record<GradeKind, GradeReport>;
  for (const kind of ['trader', 'investor'] as const) {
    reports[kind] = yield* evaluateGradeSteps(panel, kind, FACTORS[kind], win);
  }
  const enough =
    !tooLittle(reports.trader.horizons[0], reports.trader.assets) &&
    !tooLittle(reports.investor.horizons[0], reports.investor.assets);
  return {
    window: reports.trader.window,
    assets: { trader: reports.trader.assets, investor: reports.investor.assets },
    trader: reports.trader.horizons,
    investor: reports.investor.horizons,
    readings: { trader: traderReading(reports.trader), investor: investorReading(reports.investor) },
    enough,
  };
}
