/**
 * Settings of the allocation rules: one card per rule (RuleCard), grouped by category, a "Reset all
 * rules", and the scroll to the rule a Warnings link asked for (the `rule` navigation parameter).
 * Edits are part of the Settings form (use-settings-form.ts) and saved with its Save.
 */
import { useEffect, useMemo, useRef } from 'react';
import { StatusText } from '../../components/StatusText';
import { useNavigation } from '../../lib/navigation';
import { RuleCard } from './RuleCard';
import { CATEGORY_TITLES, groupRules } from './rule-view';
import type { SettingsForm } from './use-settings-form';
import './settings.css';

export function RuleSettings({ form }: { form: SettingsForm }) {
  const { params } = useNavigation();
  const focus = params.rule ?? null;
  const scrolled = useRef<string | null>(null);
  const { rules } = form;

  useEffect(() => {
    if (!rules || !focus || scrolled.current === focus) return;
    scrolled.current = focus;
    const el = document.getElementById(`rule-${focus}`);
    if (el) {
      el.scrollIntoView({ block: 'center' });
      el.querySelector<HTMLInputElement>('input')?.focus({ preventScroll: true });
    } else {
      document.getElementById('rule-settings')?.scrollIntoView({ block: 'start' });
    }
  }, [rules, focus]);

  const groups = useMemo(() => groupRules(rules ?? []), [rules]);

  if (form.rulesError && !rules) {
    return (
      <section className="panel">
        <h2>Warning rules</h2>
        <p role="alert" className="error-text">
          The rules could not be loaded: {form.rulesError}
        </p>
        <button type="button" onClick={form.reloadRules}>
          Try again
        </button>
      </section>
    );
  }
  if (!rules) return <p className="muted">Loading rules…</p>;

  return (
    <section
      id="rule-settings"
      tabIndex={-1}
      className="panel rule-settings"
      aria-labelledby="rule-settings-title"
      data-testid="rule-settings"
    >
      <div className="toolbar">
        <h2 id="rule-settings-title">Warning rules</h2>
        <div className="actions">
          <StatusText status={form.status.all} as="span" small />
          <button type="button" onClick={() => void form.resetAllRules()}>
            Reset all rules
          </button>
        </div>
      </div>
      <p className="muted small">
        Each rule checks your portfolio, keys or syncs and shows a warning when a threshold is crossed. Shares are
        percentages of the priced portfolio value; a value exactly at a threshold does not trigger. Changes are saved
        with the Save button at the bottom.
      </p>
      {groups.map(([category, list]) => (
        <div key={category} className="stack">
          <h3>{CATEGORY_TITLES[category]}</h3>
          <div className="rule-grid">
            {list.map((r) => (
              <RuleCard key={r.id} rule={r} highlighted={r.id === focus} form={form} />
            ))}
          </div>
        </div>
      ))}
    </section>
  );
}
