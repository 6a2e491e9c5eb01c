/**
 * A grade as a coloured pill (strong, neutral, weak) or, without one, why it is missing; and a
 * quadrant's label as a tag. Used by the grades table, the token detail and its cards.
 */
import type { GradeBand, GradeQuadrant } from '../../../../shared/grades';
import { BAND_LABELS, missingGradeText, QUADRANT_LABELS, QUADRANT_TAGS } from './grade-labels';

export function GradePill(props: { grade: number | null; band: GradeBand; haveDays: number; needDays: number }) {
  if (props.grade === null) {
    return (
      <span className="grade-missing" title={`Needs ${props.needDays} days of price history`}>
        <span className="grade-pill none">{missingGradeText(props.haveDays)}</span>
        {props.haveDays > 0 && (
          <span className="muted small">
            {' '}
            {props.haveDays}/{props.needDays} days
          </span>
        )}
      </span>
    );
  }
  return (
    <span className={`grade-pill ${props.band}`} title={BAND_LABELS[props.band]}>
      {Math.round(props.grade)}
      <span className="visually-hidden"> ({BAND_LABELS[props.band]})</span>
    </span>
  );
}

export function QuadrantTag({ quadrant }: { quadrant: GradeQuadrant }) {
  return <span className={`tag ${QUADRANT_TAGS[quadrant]}`}>{QUADRANT_LABELS[quadrant]}</span>;
}
