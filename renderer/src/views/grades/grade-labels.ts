/**
 * Words and classes for grades in the Grades view: band and quadrant labels, the tag class of a
 * quadrant, a factor's measured value and the width of its score bar.
 *
 * Pure (no React, no DOM); the thresholds and bands themselves come from shared/grades. Used by the
 * view's components and chart config; tested by test/unit/grades-view-labels.test.ts.
 */
import { FACTORS, formatRaw, type GradeBand, type GradeQuadrant, type RawUnit } from '../../../../shared/grades';

export const QUADRANT_LABELS: Readonly<Record<GradeQuadrant, string>> = {
  strong: 'Strong',
  'short-term': 'Momentum, fragile',
  'wait-for-entry': 'Resilient, lagging',
  speculative: 'Fragile, lagging',
  neutral: 'Neutral',
  ungraded: 'Ungraded',
};

/** The `tag` class of each quadrant's label ('' is the plain tag). */
export const QUADRANT_TAGS: Readonly<Record<GradeQuadrant, string>> = {
  strong: 'ok',
  'short-term': 'warn',
  'wait-for-entry': 'info',
  speculative: 'crit',
  neutral: '',
  ungraded: '',
};

export const BAND_LABELS: Readonly<Record<GradeBand, string>> = {
  strong: 'strong',
  neutral: 'neutral',
  weak: 'weak',
  ungraded: 'not graded',
};

/** The engine writes scales as "a -> b"; show a real arrow. */
export function arrows(text: string): string {
  return text.replace(/ -> /g, ' → ');
}

/** What a missing grade says: "no history" when there is none at all. */
export function missingGradeText(haveDays: number): string {
  return haveDays === 0 ? 'no history' : 'insufficient history';
}

function unitOf(factorId: string): RawUnit {
  return [...FACTORS.trader, ...FACTORS.investor].find((f) => f.id === factorId)?.unit ?? 'number';
}

/** A factor's measured value in the factor's unit ("+12.0%", "$1.20B"...), or "no data". */
export function factorValue(factorId: string, raw: number | null): string {
  return raw === null ? 'no data' : formatRaw(unitOf(factorId), raw);
}

/** CSS width of a 0-100 score bar, clamped to the bar. */
export function scoreWidth(score: number): string {
  return `${Math.max(0, Math.min(100, score))}%`;
}
