/**
 * "Actual vs target": one row per group with its share, target, tolerated range, drift, a bar that
 * draws the range, target and current share, and whether it is over, under or in range.
 */
import type { DriftRow } from '../../../../shared/allocation/targets';
import { TableHead, num, type Column } from '../../components/TableHead';
import { pct } from '../../lib/format';
import { driftDisplayRows, driftVerdict } from './drift-display';

export function DriftPanel(props: { rows: DriftRow[]; band: number }) {
  const verdict = driftVerdict(props.rows);
  return (
    <section className="panel" aria-labelledby="drift-title" data-testid="drift">
      <div className="toolbar">
        <h2 id="drift-title">Actual vs target</h2>
        <span className={`tag ${verdict.tag}`}>{verdict.text}</span>
      </div>
      <DriftTable rows={props.rows} />
      <p className="muted small">
        The shaded bar is the tolerated range (the target ± {pct(props.band)} unless the preset gives its own range),
        the thin line the target and the dot where you are now.
      </p>
    </section>
  );
}

const DRIFT_COLUMNS: Column[] = [
  'Group',
  num('Actual'),
  num('Target'),
  num('Range'),
  num('Drift'),
  { label: 'Actual vs range', className: 'drift-col' },
  'Status',
];

function DriftTable({ rows }: { rows: DriftRow[] }) {
  return (
    <table className="table drift-table" data-testid="drift-table">
      <TableHead columns={DRIFT_COLUMNS} />
      <tbody>
        {driftDisplayRows(rows).map((r) => (
          <tr key={r.key} className={r.outside ? 'out-of-band' : undefined}>
            <td>{r.label}</td>
            <td className="num">{r.actual}</td>
            <td className="num">{r.target}</td>
            <td className="num">{r.range}</td>
            <td className="num">{r.drift}</td>
            <td className="drift-col" aria-hidden="true">
              <span className="drift-track">
                <span className="drift-band" style={{ left: r.bar.bandLeft, width: r.bar.bandWidth }} />
                <span className="drift-target" style={{ left: r.bar.target }} />
                <span className={`drift-actual${r.outside ? ' out' : ''}`} style={{ left: r.bar.actual }} />
              </span>
            </td>
            <td>
              <span className={`tag ${r.status.tag}`}>{r.status.text}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
