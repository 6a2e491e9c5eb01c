/**
 * Settings of the allocation rules: one card per rule (RuleCard), grouped by category, a "Reset all
 * rules", and the scroll to the rule the Warnings view asked for (FOCUS_RULE_KEY).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { RuleView } from '../../../../shared/ipc/channels/rules';
import type { StatusNote } from '../../components/StatusText';
import { call, errorText } from '../../lib/api';
import { useApp } from '../../lib/context';
import { useAsync } from '../../lib/useApi';
import { RuleCard } from './RuleCard';
import { CATEGORY_TITLES, FOCUS_RULE_KEY, groupRules } from './rule-view';
import './settings.css';

export function RuleSettings() {
  const loaded = useAsync(() => call('allocation:get').then((v) => v.rules), []);
  const [rules, setRules] = useState<RuleView[] | null>(null);
  const [focus] = useState<string | null>(() => sessionStorage.getItem(FOCUS_RULE_KEY));
  const [resetAll, setResetAll] = useState<StatusNote | null>(null);
  const { refresh } = useApp();
  const scrolled = useRef(false);

  useEffect(() => {
    if (loaded.data) setRules(loaded.data);
  }, [loaded.data]);

  useEffect(() => {
    if (!rules || !focus || scrolled.current) return;
    scrolled.current = true;
    sessionStorage.removeItem(FOCUS_RULE_KEY);
    const el = document.getElementById(`rule-${focus}`);
    if (el) {
      el.scrollIntoView({ block: 'center' });
      el.querySelector<HTMLInputElement>('input')?.focus({ preventScroll: true });
    } else {
      document.getElementById('rule-settings-title')?.scrollIntoView({ block: 'start' });
    }
  }, [rules, focus]);

  const groups = useMemo(() => groupRules(rules ?? []), [rules]);

  if (loaded.error && !rules) {
    return (
      <section className="panel">
        <h2>Warning rules</h2>
        <p role="alert" className="error-text">
          The rules could not be loaded: {loaded.error}
        </p>
        <button type="button" onClick={loaded.reload}>
          Try again
        </button>
      </section>
    );
  }
  if (!rules) return <p className="muted">Loading rules…</p>;

  return (
    <section className="panel rule-settings" aria-labelledby="rule-settings-title" data-testid="rule-settings">
      <div className="toolbar">
        <h2 id="rule-settings-title">Warning rules</h2>
        <div className="actions">
          {resetAll && (
            <span role={resetAll.kind === 'error' ? 'alert' : 'status'} className="small">
              {resetAll.text}
            </span>
          )}
          <button
            type="button"
            onClick={() =>
              void call('rules:reset', {}).then(
                (r) => {
                  setRules(r);
                  refresh();
                  setResetAll({ kind: 'ok', text: 'All rules restored to their defaults.' });
                },
                (err: unknown) => setResetAll({ kind: 'error', text: errorText(err) }),
              )
            }
          >
            Reset all rules
          </button>
        </div>
      </div>
      <p className="muted small">
        Each rule checks your portfolio, keys or syncs and shows a warning when a threshold is crossed. Shares are
        percentages of the priced portfolio value; a value exactly at a threshold does not trigger.
      </p>
      {groups.map(([category, list]) => (
        <div key={category} className="stack">
          <h3>{CATEGORY_TITLES[category]}</h3>
          <div className="rule-grid">
            {list.map((r) => (
              <RuleCard key={r.id} rule={r} highlighted={r.id === focus} onSaved={setRules} />
            ))}
          </div>
        </div>
      ))}
    </section>
  );
}
