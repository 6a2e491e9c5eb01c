/**
 * Settings: the general form (base currency, dust, tier thresholds, sync, key reminders, activity log,
 * notifications), the warning rules, the asset catalog, and where the local data lives.
 *
 * One save model for the whole view (use-settings-form.ts): edits are kept until Save (or Discard) in
 * the bar at the bottom, which says how many are unsaved; leaving Settings with unsaved edits asks
 * first. The resets and the catalog overrides are actions that apply at once. Registered in
 * views/registry.ts.
 */
import { BASE_CURRENCIES } from '../../../../shared/settings';
import { CheckboxField, Field } from '../../components/Field';
import { NumberField } from '../../components/NumberField';
import { StatusText } from '../../components/StatusText';
import { useApp } from '../../lib/context';
import { CatalogSettings } from './CatalogSettings';
import { RuleSettings } from './RuleSettings';
import { unsavedText } from './settings-edits';
import { NUMBER_FIELDS, type Draft } from './settings-form';
import { useSettingsForm } from './use-settings-form';

export function SettingsView() {
  const { info } = useApp();
  const form = useSettingsForm();
  const draft = form.general;
  if (!draft) return <p className="muted">Loading settings…</p>;
  const set = form.setGeneral;

  return (
    <div className="stack settings-view">
      <form
        className="panel form-grid"
        aria-label="General settings"
        onSubmit={(e) => {
          e.preventDefault();
          void form.save();
        }}
      >
        <h2>General</h2>
        <Field id="base-currency" label="Base currency">
          <select
            id="base-currency"
            value={draft.baseCurrency}
            onChange={(e) => set('baseCurrency', e.target.value as Draft['baseCurrency'])}
          >
            {BASE_CURRENCIES.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </Field>
        {NUMBER_FIELDS.map((f) => (
          <NumberField key={f.key} field={f} value={draft[f.key]} onChange={(v) => set(f.key, v)} />
        ))}
        <CheckboxField
          id="notify"
          checked={draft.desktopNotifications}
          onChange={(v) => set('desktopNotifications', v)}
        >
          <span>Desktop notification for new warnings after a sync</span>
        </CheckboxField>
        <div className="actions">
          <button type="button" onClick={() => void form.restoreGeneral()}>
            Restore defaults
          </button>
          <StatusText status={form.status.general} as="span" />
        </div>
        {/* Enter in a field saves, like the Save button below. */}
        <button type="submit" hidden tabIndex={-1} />
      </form>
      <RuleSettings form={form} />
      <CatalogSettings />
      {info && <p className="muted small">Local data folder: {info.dataDir}</p>}
      <div className={`save-bar${form.unsaved > 0 ? ' dirty' : ''}`} role="region" aria-label="Save settings">
        <span className={form.unsaved > 0 ? 'warn-text' : 'muted'} data-testid="unsaved-count">
          {unsavedText(form.unsaved)}
        </span>
        <div className="actions">
          <button type="button" disabled={form.busy || form.unsaved === 0} onClick={form.discard}>
            Discard
          </button>
          <button
            type="button"
            className="primary"
            disabled={form.busy || form.unsaved === 0}
            onClick={() => void form.save()}
          >
            Save
          </button>
        </div>
      </div>
    </div>
  );
}
