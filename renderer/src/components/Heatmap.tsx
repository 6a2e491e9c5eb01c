/**
 * A small accessible heatmap: a table whose cells are coloured from worse (red) to better (green),
 * each with its value as text and a full spoken label ("cadence monthly, fee 10 bps: Sharpe 1.21").
 * Empty cells (a combination that could not run) show a dash and the reason as a tooltip.
 * Used by the Index Lab sweep; styles in Heatmap.css beside it.
 */
import { useMemo } from 'react';
import './Heatmap.css';

export interface HeatmapProps {
  /** Accessible name of the whole grid. */
  title: string;
  xTitle: string;
  yTitle: string;
  xLabels: string[];
  yLabels: string[];
  /** values[y][x]; null for cells without a value. */
  values: Array<Array<number | null>>;
  /** Why a cell has no value, errors[y][x]. */
  errors?: Array<Array<string | undefined>>;
  metricLabel: string;
  format: (v: number) => string;
  /** False when a lower value is better (e.g. drawdown). */
  higherIsBetter: boolean;
  testId?: string;
}

/** Red (worse) to green (better) through amber, dark enough for white text. */
export function heatColor(t: number): string {
  const x = Math.min(1, Math.max(0, t));
  return `hsl(${Math.round(x * 125)}, 60%, ${Math.round(30 + 4 * Math.sin(Math.PI * x))}%)`;
}

export function Heatmap(props: HeatmapProps) {
  const { values, higherIsBetter } = props;
  const { lo, hi, best } = useMemo(() => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const row of values) {
      for (const v of row) {
        if (v === null) continue;
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    return { lo, hi, best: higherIsBetter ? hi : lo };
  }, [values, higherIsBetter]);
  const score = (v: number): number => {
    if (!(hi > lo)) return 0.5;
    const t = (v - lo) / (hi - lo);
    return higherIsBetter ? t : 1 - t;
  };
  const finite = Number.isFinite(lo);

  return (
    <div className="heatmap-wrap" data-testid={props.testId}>
      <table className="heatmap" aria-label={props.title}>
        <thead>
          <tr>
            <th scope="col" className="heatmap-corner">
              <span className="muted small">
                {props.yTitle} ↓ · {props.xTitle} →
              </span>
            </th>
            {props.xLabels.map((x, i) => (
              <th scope="col" key={`${i}:${x}`}>
                {x}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.yLabels.map((y, iy) => (
            <tr key={`${iy}:${y}`}>
              <th scope="row">{y}</th>
              {props.xLabels.map((x, ix) => {
                const v = values[iy]?.[ix] ?? null;
                const err = props.errors?.[iy]?.[ix];
                const where = `${props.yTitle} ${y}, ${props.xTitle} ${x}`;
                if (v === null) {
                  return (
                    <td
                      key={`${ix}:${x}`}
                      className="heatmap-cell empty"
                      title={err ?? 'No value'}
                      aria-label={`${where}: no value${err ? ` (${err})` : ''}`}
                    >
                      –
                    </td>
                  );
                }
                const isBest = v === best;
                return (
                  <td
                    key={`${ix}:${x}`}
                    className={`heatmap-cell${isBest ? ' best' : ''}`}
                    style={{ background: heatColor(score(v)) }}
                    title={`${where}: ${props.metricLabel} ${props.format(v)}`}
                    aria-label={`${where}: ${props.metricLabel} ${props.format(v)}${isBest ? ' (best)' : ''}`}
                  >
                    {props.format(v)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {finite && (
        <div className="heatmap-legend small muted" aria-hidden="true">
          <span>worse {props.format(higherIsBetter ? lo : hi)}</span>
          <span className="heatmap-scale" />
          <span>better {props.format(best)}</span>
        </div>
      )}
    </div>
  );
}
