/** A compact list of the most severe findings, for the Dashboard, with a way to the Warnings view. */
import type { Finding } from '../../../shared/allocation/rules/types';
import { call } from '../lib/api';
import { plural } from '../lib/format';
import { useLive } from '../lib/useApi';
import { useNavigation } from '../lib/navigation';
import './findings.css';

/** How many findings the panel shows. */
export const PANEL_FINDINGS = 5;

export function SeverityTag({ severity }: { severity: Finding['severity'] }) {
  return <span className={`tag ${severity}`}>{severity}</span>;
}

export function WarningsPanel() {
  const { data, error } = useLive(() => call('allocation:findings'), []);
  const { navigate } = useNavigation();
  const findings = data?.findings ?? [];
  const counts = { critical: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity] += 1;

  return (
    <section className="panel warnings-panel" aria-labelledby="warnings-panel-title" data-testid="warnings-panel">
      <div className="toolbar">
        <h2 id="warnings-panel-title">Warnings</h2>
        {findings.length > 0 && (
          <span className="muted small">
            {counts.critical} critical · {plural(counts.warning, 'warning')} · {plural(counts.info, 'note')}
          </span>
        )}
      </div>
      {error && (
        <p role="alert" className="error-text">
          Warnings could not be checked: {error}
        </p>
      )}
      {!data && !error && <p className="muted">Checking your portfolio…</p>}
      {data && findings.length === 0 && <p className="ok-text">No warnings: your portfolio is within every rule.</p>}
      {findings.length > 0 && (
        <ul className="finding-list compact">
          {findings.slice(0, PANEL_FINDINGS).map((f) => (
            <li key={`${f.ruleId}:${f.subject ?? ''}`}>
              <SeverityTag severity={f.severity} /> <strong>{f.title}</strong>
              <div className="muted small">{f.message}</div>
            </li>
          ))}
        </ul>
      )}
      {data && (
        <button type="button" className="link" onClick={() => navigate('warnings')}>
          {findings.length > PANEL_FINDINGS ? `See all ${findings.length} findings` : 'Open Warnings'}
        </button>
      )}
    </section>
  );
}
