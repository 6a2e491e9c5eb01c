/**
 * One grade (Trader or Investor) of a token's detail as a summary card: the grade as a pill, or why
 * it is missing, and a note under it. Used by GradeDetail.
 */
import { gradeBand, type GradeResult } from '../../../../shared/grades';
import { StatCard } from '../../components/StatCard';
import { GradePill } from './GradePill';

export function GradeCard(props: { label: string; note: string; result: GradeResult; haveDays: number }) {
  const r = props.result;
  const needDays = r.grade === null ? r.needDays : 0;
  return (
    <StatCard
      label={props.label}
      hint={props.note}
      value={<GradePill grade={r.grade} band={gradeBand(r.grade)} haveDays={props.haveDays} needDays={needDays} />}
    />
  );
}
