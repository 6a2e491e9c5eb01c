/**
 * One rule's card in Settings: its switch and settings (RuleField), the defaults, Apply (only the
 * changed settings) and Reset, and what main answered.
 */
import { useEffect, useId, useState } from 'react';
import type { RuleValue, RuleView } from '../../../../shared/ipc/channels/rules';
import { CheckboxField } from '../../components/Field';
import { StatusText, type StatusNote } from '../../components/StatusText';
import { call, errorText } from '../../lib/api';
import { useApp } from '../../lib/context';
import { RuleField } from './RuleField';
import { canReset, changedKeys, formatValue, hasUnreadableNumber, rulePatch } from './rule-view';

export function RuleCard(props: { rule: RuleView; highlighted: boolean; onSaved: (rules: RuleView[]) => void }) {
  const { rule } = props;
  const { refresh } = useApp();
  const [draft, setDraft] = useState<Record<string, RuleValue>>(rule.settings);
  const [status, setStatus] = useState<StatusNote | null>(null);
  const [busy, setBusy] = useState(false);
  const idBase = useId();

  useEffect(() => setDraft(rule.settings), [rule.settings]);

  const changed = changedKeys(draft, rule.settings);

  /** Sends one request; its answer replaces every rule and `done` is said on success. */
  const send = async (request: () => Promise<RuleView[]>, done: string) => {
    setBusy(true);
    try {
      props.onSaved(await request());
      setStatus({ kind: 'ok', text: done });
      // The key rules' thresholds are also general settings: let the general form show the new value.
      if (rule.linkedSetting) refresh();
    } catch (err) {
      setStatus({ kind: 'error', text: errorText(err) });
    } finally {
      setBusy(false);
    }
  };

  const save = () => {
    if (hasUnreadableNumber(rule, draft)) {
      setStatus({ kind: 'error', text: 'Enter a number in every field.' });
      return;
    }
    void send(() => call('rules:update', { ruleId: rule.id, settings: rulePatch(draft, rule.settings) }), 'Saved.');
  };

  const enabled = draft['enabled'] !== false;
  return (
    <fieldset
      id={`rule-${rule.id}`}
      className={`rule-card${props.highlighted ? ' highlighted' : ''}${enabled ? '' : ' disabled'}`}
      data-testid={`rule-${rule.id}`}
    >
      <legend>
        {rule.title}
        {rule.customised && <span className="tag info legend-tag">customised</span>}
      </legend>
      <p className="muted small rule-desc">{rule.description}</p>
      <CheckboxField
        checked={enabled}
        onChange={(v) => {
          setDraft({ ...draft, enabled: v });
          setStatus(null);
        }}
      >
        <span>Enabled</span>
      </CheckboxField>
      {rule.fields.length > 0 && (
        <div className="rule-fields">
          {rule.fields.map((f) => (
            <RuleField
              key={f.key}
              field={f}
              id={`${idBase}-${f.key}`}
              value={draft[f.key]}
              def={`default ${formatValue(f, rule.defaults[f.key])}`}
              enabled={enabled}
              onChange={(v, typed) => {
                setDraft({ ...draft, [f.key]: v });
                if (typed) setStatus(null);
              }}
            />
          ))}
        </div>
      )}
      {rule.linkedSetting && (
        <p className="muted small">Also shown in the general settings above: both always hold the same value.</p>
      )}
      {rule.issues.length > 0 && (
        <p role="alert" className="error-text small">
          The stored settings are not valid, so the rule runs with its defaults: {rule.issues.join('; ')}
        </p>
      )}
      <div className="actions">
        <button type="button" className="primary" disabled={busy || changed.length === 0} onClick={save}>
          Apply
        </button>
        <button
          type="button"
          disabled={busy || !canReset(rule, changed.length)}
          onClick={() => void send(() => call('rules:reset', { ruleId: rule.id }), 'Defaults restored.')}
        >
          Reset to defaults
        </button>
        <StatusText status={status} as="span" small />
      </div>
    </fieldset>
  );
}
