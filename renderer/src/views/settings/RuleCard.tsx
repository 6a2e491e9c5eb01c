/**
 * One rule's card in Settings: its switch and settings (RuleField) as edited, the defaults, an
 * "unsaved" mark while edited, Reset (applies at once) and the outcome of the last save.
 */
import { useId } from 'react';
import type { RuleView } from '../../../../shared/ipc/channels/rules';
import { CheckboxField } from '../../components/Field';
import { StatusText } from '../../components/StatusText';
import { RuleField } from './RuleField';
import { canReset, changedKeys, formatValue } from './rule-view';
import { shownRule } from './settings-edits';
import type { SettingsForm } from './use-settings-form';

export function RuleCard(props: { rule: RuleView; highlighted: boolean; form: SettingsForm }) {
  const { rule, form } = props;
  const idBase = useId();
  const draft = shownRule(form.edits, rule);
  const changed = changedKeys(draft, rule.settings);
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
        {changed.length > 0 && <span className="tag warn legend-tag">unsaved</span>}
      </legend>
      <p className="muted small rule-desc">{rule.description}</p>
      <CheckboxField checked={enabled} onChange={(v) => form.setRule(rule.id, 'enabled', v)}>
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
              onChange={(v) => form.setRule(rule.id, f.key, v)}
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
        <button
          type="button"
          disabled={form.busy || !canReset(rule, changed.length)}
          onClick={() => void form.resetRule(rule.id)}
        >
          Reset to defaults
        </button>
        <StatusText status={form.status.rules[rule.id] ?? null} as="span" small />
      </div>
    </fieldset>
  );
}
