/**
 * The summary cards of a token's detail: `SummaryCard` is a label, a value and a note; `GradeCard`
 * shows one grade (Trader or Investor) that way, or why it is missing. Used by GradeDetail.
 */
import type { ReactNode } from 'react';
import { gradeBand, type GradeResult } from '../../../../shared/grades';
import { GradePill } from './GradePill';

export function SummaryCard(props: { label: string; value: ReactNode; note: ReactNode }) {
  return (
    <div className="card">
      <div className="card-label">{props.label}</div>
      <div className="card-value">{props.value}</div>
      <div className="muted small">{props.note}</div>
    </div>
  );
}

export function GradeCard(props: { label: string; note: string; result: GradeResult; haveDays: number }) {
  const r = props.result;
  const needDays = r.grade === null ? r.needDays : 0;
  return (
    <SummaryCard
      label={props.label}
      note={props.note}
      value={<GradePill grade={r.grade} band={gradeBand(r.grade)} haveDays={props.haveDays} needDays={needDays} />}
    />
  );
}
