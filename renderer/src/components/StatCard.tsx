/**
 * One figure card (label, value, optional hint below) as shown in a `.cards` row on the Dashboard
 * and the Diversification view.
 */
import type { ReactNode } from 'react';

export function StatCard(props: { label: string; value: ReactNode; hint?: ReactNode; testId?: string }) {
  return (
    <div className="card" data-testid={props.testId}>
      <div className="card-label">{props.label}</div>
      <div className="card-value">{props.value}</div>
      {props.hint !== undefined && <div className="muted small">{props.hint}</div>}
    </div>
  );
}
