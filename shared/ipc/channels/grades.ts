/**
 * IPC channels of the grades feature (see shared/ipc/contract.ts): the Trader and Investor grades
 * of every asset with price history, the portfolio's split by grade profile, and one asset's
 * factor breakdown with its price and grade history. The engine is shared/grades (docs/GRADES.md).
 */
import { z } from 'zod';
import { channel, NoArgs } from '../define';
import type { FactorDefinition } from '../../grades/factors';
import type { GradePoint, GradeResult } from '../../grades/grades';
import type { GradeBand, GradeQuadrant, GradeSplit, QuadrantReading } from '../../grades/quadrant';
import type { GradeReportCard } from '../../grades/calibration/report-card';

/** Why an asset has no grade (or only one of them). */
export type GradeGap =
  /** Held, but there is no price history for it at all. */
  | 'no-history'
  /** Some history, but less than a grade needs (see haveDays and GradesList.minDays). */
  | 'insufficient-history';

/** One asset in the grades table. */
export interface GradeRow {
  symbol: string;
  name: string;
  /** True when the portfolio holds a positive value of it. */
  held: boolean;
  /** Value held in the base currency (held assets only). */
  value?: number;
  /** Share of the portfolio's priced value (held assets only). */
  valueShare?: number;
  stablecoin: boolean;
  trader: number | null;
  investor: number | null;
  traderBand: GradeBand;
  investorBand: GradeBand;
  quadrant: GradeQuadrant;
  reading: string;
  /** Daily candles up to the graded day (0 without history). */
  haveDays: number;
  /** Set when at least one grade is missing. */
  reason?: GradeGap;
}

/** A factor as the "how it works" panel lists it: the engine's definition plus its scale in words. */
export interface FactorInfo extends FactorDefinition {
  /** The score anchors in words, e.g. "-25% -> 0, 0% -> 50, +25% -> 100". */
  scale: string;
}

export interface GradesList {
  /** True when the price history is the bundled sample. */
  sample: boolean;
  /** Day graded (the latest candle, UTC midnight ms), or null when there is no history at all. */
  asOf: number | null;
  /** Base currency of `value` and the split. */
  base: string;
  /** Every asset with price history, plus held assets without any. */
  rows: GradeRow[];
  /** The portfolio's value by grade profile against the user's target split (settings.gradeSplit). */
  split: GradeSplit;
  factors: { trader: FactorInfo[]; investor: FactorInfo[] };
  thresholds: { strong: number; weak: number };
  minDays: { trader: number; investor: number };
}

export interface GradeDetail {
  symbol: string;
  name: string;
  held: boolean;
  valueShare?: number;
  stablecoin: boolean;
  /** Market cap used by the size factor (USD), or null when unknown. */
  marketCapUsd: number | null;
  asOf: number;
  haveDays: number;
  /** Both grades with their per-factor breakdown (or why there is none). */
  trader: GradeResult;
  investor: GradeResult;
  quadrant: QuadrantReading;
  /** Both grades weekly, oldest first, ending on the graded day. */
  history: GradePoint[];
  /** Daily closes as [t, close], oldest first. */
  closes: [number, number][];
}

/** "How have the grades done?": the calibration measurement on the price history on this computer. */
export interface GradesReportView extends GradeReportCard {
  /** True when it was measured on the generated sample (the numbers then say nothing about markets). */
  sample: boolean;
  computedAt: number;
}

export const gradesChannels = {
  /** Grades of every asset with history, the portfolio split and the factor definitions. */
  'grades:list': channel<GradesList>()(NoArgs),
  /** One asset's grades with factor breakdown, weekly grade history and closes. */
  'grades:detail': channel<GradeDetail>()(z.strictObject({ symbol: z.string().trim().min(1).max(40) })),
  /** How the grades related to what followed on the price history in use (computed on demand, cached). */
  'grades:report': channel<GradesReportView>()(NoArgs),
};
