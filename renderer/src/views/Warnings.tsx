/** Every finding of the allocation, key and sync rules, grouped by severity, with the why and the figures. */
import { useState } from 'react';
import { SEVERITIES, type Finding, type Severity } from '../../../shared/allocation/rules/types';
import { SeverityTag } from '../components/WarningsPanel';
import { useNavigation } from '../lib/navigation';
import { call } from '../lib/api';
import { useLive } from '../lib/useApi';
import { dateTime, money, pct } from '../lib/format';
import '../components/findings.css';

const GROUP_TITLES: Record<Severity, string> = { critical: 'Critical', warning: 'Warnings', info: 'Notes' };
const ENGINE_RULE_ID = 'rule-engine';

const SHARE_KEYS = new Set(['share', 'actual', 'target', 'lower', 'upper', 'band']);
const FLAG_KEYS = new Set(['canTrade', 'canWithdraw', 'tradeAccepted']);

/** "maxShare" -> "Max share". */
function humanise(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function formatFigure(key: string, value: number, base: string): string {
  if (key === 'drift') return `${value >= 0 ? '+' : '−'}${Math.abs(value * 100).toFixed(1)} pts`;
  if (SHARE_KEYS.has(key) || /Share$/.test(key)) return pct(value);
  if (/[vV]alue$/.test(key) || key === 'total') return money(value, base);
  if (/At$/.test(key)) return dateTime(value);
  if (FLAG_KEYS.has(key)) return value ? 'yes' : 'no';
  if (/Days$/.test(key)) return `${value} days`;
  if (/Hours$/.test(key)) return `${value} hours`;
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

/** The rule a finding belongs to (engine findings name the rule in their subject). */
function tunableRule(f: Finding): string | null {
  if (f.ruleId === ENGINE_RULE_ID) return f.subject ?? null;
  return f.ruleId;
}

function FindingItem(props: { finding: Finding; base: string; known: Set<string> }) {
  const f = props.finding;
  const [open, setOpen] = useState(false);
  const id = `finding-${f.ruleId}-${f.subject ?? ''}`.replace(/[^A-Za-z0-9_-]/g, '_');
  const rule = tunableRule(f);
  const figures = Object.entries(f.numbers);
  const { navigate } = useNavigation();
  return (
    <li className={`finding ${f.severity}`} data-testid="finding" data-rule={f.ruleId} data-subject={f.subject ?? ''}>
      <div className="finding-head">
        <SeverityTag severity={f.severity} />
        <strong className="finding-title">{f.title}</strong>
      </div>
      <p className="finding-message">{f.message}</p>
      <div className="actions">
        <button type="button" className="link" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
          {open ? 'Hide details' : 'Why it matters and the figures'}
        </button>
        {rule && props.known.has(rule) && (
          <button type="button" className="link" onClick={() => navigate('settings', { rule })}>
            Tune this rule in Settings
          </button>
        )}
      </div>
      {open && (
        <div id={id} className="finding-details">
          <p>{f.why}</p>
          {figures.length > 0 && (
            <dl className="figures">
              {figures.map(([k, v]) => (
                <div key={k}>
                  <dt>{humanise(k)}</dt>
                  <dd>{formatFigure(k, v, props.base)}</dd>
                </div>
              ))}
            </dl>
          )}
          <p className="muted small">
            Rule: <code>{f.ruleId}</code>
            {f.subject ? (
              <>
                {' '}
                · subject <code>{f.subject}</code>
              </>
            ) : null}
          </p>
        </div>
      )}
    </li>
  );
}

export function WarningsView() {
  const { data, error, loading, reload } = useLive(() => call('allocation:get'), []);
  const { navigate } = useNavigation();

  if (error && !data) {
    return (
      <div className="stack">
        <p role="alert" className="error-text">
          The warnings could not be checked: {error}
        </p>
        <div>
          <button type="button" onClick={reload}>
            Try again
          </button>
        </div>
      </div>
    );
  }
  if (!data) return <p className="muted">Checking your portfolio…</p>;

  const known = new Set(data.rules.map((r) => r.id));
  const base = data.breakdown.base;
  const groups = SEVERITIES.map((s) => [s, data.findings.filter((f) => f.severity === s)] as const);

  return (
    <div className="stack" data-testid="warnings-view">
      <div className="toolbar">
        <p className="muted">
          {data.findings.length === 0
            ? 'No findings.'
            : `${data.findings.length} finding${data.findings.length === 1 ? '' : 's'} from ${known.size} rules.`}{' '}
          Thresholds can be changed in Settings; each finding says why it matters.
        </p>
        <div className="actions">
          <button type="button" onClick={reload} disabled={loading}>
            {loading ? 'Checking…' : 'Check again'}
          </button>
          <button type="button" onClick={() => navigate('settings', { section: 'rule-settings' })}>
            Rule settings
          </button>
        </div>
      </div>
      {data.findings.length === 0 && (
        <div className="panel">
          <p className="ok-text">Your portfolio is within every rule.</p>
          <p className="muted small">Rules that are switched off in Settings are not checked.</p>
        </div>
      )}
      {groups.map(([severity, list]) =>
        list.length === 0 ? null : (
          <section
            key={severity}
            className="panel"
            aria-labelledby={`group-${severity}`}
            data-testid={`group-${severity}`}
          >
            <h2 id={`group-${severity}`}>
              {GROUP_TITLES[severity]} <span className="muted">({list.length})</span>
            </h2>
            <ul className="finding-list">
              {list.map((f) => (
                <FindingItem key={`${f.ruleId}:${f.subject ?? ''}`} finding={f} base={base} known={known} />
              ))}
            </ul>
          </section>
        ),
      )}
    </div>
  );
}
