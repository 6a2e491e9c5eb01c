/**
 * One figure card, as shown in a `.cards` row: a label, the value (with a class of its own, such as
 * `ok-text` for a gain) and an optional line under it. Used by the Dashboard and its change cards,
 * the Diversification view, the Grades token detail and the Index Lab results.
 */
import type { ReactNode } from 'react';

export function StatCard(props: {
  label: string;
  value: ReactNode;
  /** The line under the value; none when undefined. */
  hint?: ReactNode;
  /** Classes added to the value's. */
  valueClass?: string;
  testId?: string;
}) {
  return (
    <div className="card" data-testid={props.testId}>
      <div className="card-label">{props.label}</div>
      <div className={props.valueClass ? `card-value ${props.valueClass}` : 'card-value'}>{props.value}</div>
      {props.hint !== undefined && <div className="muted small">{props.hint}</div>}
    </div>
  );
}
