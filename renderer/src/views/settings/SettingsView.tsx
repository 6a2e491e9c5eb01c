/**
 * Settings: the general form (base currency, dust, tier thresholds, sync, key reminders, activity log,
 * notifications), then the warning rules and the asset catalog, and where the local data lives.
 * Registered in views/registry.ts.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { BASE_CURRENCIES } from '../../../../shared/settings';
import { CheckboxField, Field } from '../../components/Field';
import { NumberField } from '../../components/NumberField';
import { StatusText, type StatusNote } from '../../components/StatusText';
import { errorText } from '../../lib/api';
import { useApp } from '../../lib/context';
import { CatalogSettings } from './CatalogSettings';
import { RuleSettings } from './RuleSettings';
import { NUMBER_FIELDS, toDraft, toPatch, type Draft } from './settings-form';

export function SettingsView() {
  const { settings, updateSettings, resetSettings, info } = useApp();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [status, setStatus] = useState<StatusNote | null>(null);

  useEffect(() => {
    if (settings) setDraft(toDraft(settings));
  }, [settings]);

  if (!draft) return <p className="muted">Loading settings…</p>;
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft({ ...draft, [k]: v });

  const save = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await updateSettings(toPatch(draft));
      setStatus({ kind: 'ok', text: 'Settings saved.' });
    } catch (err) {
      setStatus({ kind: 'error', text: errorText(err) });
    }
  };

  return (
    <div className="stack">
      <form className="panel form-grid" onSubmit={(e) => void save(e)} aria-label="General settings">
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
          <button type="submit" className="primary">
            Save
          </button>
          <button
            type="button"
            onClick={() =>
              void resetSettings().then(
                () => setStatus({ kind: 'ok', text: 'Defaults restored.' }),
                (err: unknown) => setStatus({ kind: 'error', text: errorText(err) }),
              )
            }
          >
            Restore defaults
          </button>
          <StatusText status={status} as="span" />
        </div>
      </form>
      <RuleSettings />
      <CatalogSettings />
      {info && <p className="muted small">Local data folder: {info.dataDir}</p>}
    </div>
  );
}
