/**
 * A small line of a series (an asset's price over the last 90 days in the holdings and P&L tables),
 * green when it ended up, red when down; an image named by `label` and the change for screen readers.
 */
import { sparkChange, sparkPoints } from './sparkline';

export function Sparkline(props: { values: readonly number[]; label: string; width?: number; height?: number }) {
  const width = props.width ?? 80;
  const height = props.height ?? 22;
  const points = sparkPoints(props.values, width, height);
  const change = sparkChange(props.values);
  if (!points || change === null) return <span className="muted small">–</span>;
  const name = `${props.label}: ${change >= 0 ? 'up' : 'down'} ${Math.abs(change * 100).toFixed(1)}%`;
  return (
    <svg
      className="sparkline"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={name}
    >
      <title>{name}</title>
      <polyline points={points} fill="none" stroke={change >= 0 ? 'var(--ok)' : 'var(--crit)'} strokeWidth="1.5" />
    </svg>
  );
}
