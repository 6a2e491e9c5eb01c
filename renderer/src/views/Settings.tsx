import { useEffect, useState, type FormEvent } from 'react';
import { BASE_CURRENCIES, type Settings } from '../../../shared/settings';
import { CatalogSettings } from '../components/CatalogSettings';
import { RuleSettings } from '../components/RuleSettings';
import { errorText } from '../lib/api';
import { useApp } from '../lib/context';

type Draft = Pick<
  Settings,
  | 'baseCurrency'
  | 'dustThreshold'
  | 'syncIntervalMinutes'
  | 'keyRotationDays'
  | 'keyUnusedDays'
  | 'activityRetentionDays'
  | 'desktopNotifications'
> & { largeMinB: number; midMinB: number };

function toDraft(s: Settings): Draft {
  return {
    baseCurrency: s.baseCurrency,
    dustThreshold: s.dustThreshold,
    syncIntervalMinutes: s.syncIntervalMinutes,
    keyRotationDays: s.keyRotationDays,
    keyUnusedDays: s.keyUnusedDays,
    activityRetentionDays: s.activityRetentionDays,
    desktopNotifications: s.desktopNotifications,
    largeMinB: s.tierThresholds.largeMinUsd / 1e9,
    midMinB: s.tierThresholds.midMinUsd / 1e9,
  };
}

function NumberField(props: {
  id: string;
  label: string;
  value: number;
  onChange: (v: number) => void;
  step?: number;
  hint?: string;
}) {
  return (
    <label className="field" htmlFor={props.id}>
      <span>{props.label}</span>
      <input
        id={props.id}
        type="number"
        step={props.step ?? 1}
        value={Number.isFinite(props.value) ? props.value : ''}
        onChange={(e) => props.onChange(e.target.value === '' ? Number.NaN : Number(e.target.value))}
      />
      {props.hint && <small className="muted">{props.hint}</small>}
    </label>
  );
}

export function SettingsView() {
  const { settings, updateSettings, resetSettings, info } = useApp();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  useEffect(() => {
    if (settings) setDraft(toDraft(settings));
  }, [settings]);

  if (!draft) return <p className="muted">Loading settings…</p>;
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft({ ...draft, [k]: v });

  const save = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await updateSettings({
        baseCurrency: draft.baseCurrency,
        dustThreshold: draft.dustThreshold,
        syncIntervalMinutes: draft.syncIntervalMinutes,
        keyRotationDays: draft.keyRotationDays,
        keyUnusedDays: draft.keyUnusedDays,
        activityRetentionDays: draft.activityRetentionDays,
        desktopNotifications: draft.desktopNotifications,
        tierThresholds: { largeMinUsd: draft.largeMinB * 1e9, midMinUsd: draft.midMinB * 1e9 },
      });
      setStatus({ kind: 'ok', text: 'Settings saved.' });
    } catch (err) {
      setStatus({ kind: 'error', text: errorText(err) });
    }
  };

  return (
    <div className="stack">
      <form className="panel form-grid" onSubmit={(e) => void save(e)} aria-label="General settings">
        <h2>General</h2>
        <label className="field" htmlFor="base-currency">
          <span>Base currency</span>
          <select
            id="base-currency"
            value={draft.baseCurrency}
            onChange={(e) => set('baseCurrency', e.target.value as Draft['baseCurrency'])}
          >
            {BASE_CURRENCIES.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        <NumberField
          id="dust"
          label="Hide balances worth less than"
          value={draft.dustThreshold}
          step={0.01}
          onChange={(v) => set('dustThreshold', v)}
          hint="In the base currency. Unpriced assets are always shown."
        />
        <NumberField
          id="large-min"
          label="Large cap from (billion USD)"
          value={draft.largeMinB}
          step={0.1}
          onChange={(v) => set('largeMinB', v)}
        />
        <NumberField
          id="mid-min"
          label="Mid cap from (billion USD)"
          value={draft.midMinB}
          step={0.1}
          onChange={(v) => set('midMinB', v)}
          hint="Below this an asset is a small cap."
        />
        <NumberField
          id="sync-interval"
          label="Sync every (minutes, 0 = off)"
          value={draft.syncIntervalMinutes}
          onChange={(v) => set('syncIntervalMinutes', v)}
        />
        <NumberField
          id="rotation"
          label="Remind me to rotate keys after (days)"
          value={draft.keyRotationDays}
          onChange={(v) => set('keyRotationDays', v)}
        />
        <NumberField
          id="unused"
          label="Flag keys unused for (days)"
          value={draft.keyUnusedDays}
          onChange={(v) => set('keyUnusedDays', v)}
        />
        <NumberField
          id="retention"
          label="Keep the activity log for (days)"
          value={draft.activityRetentionDays}
          onChange={(v) => set('activityRetentionDays', v)}
        />
        <label className="field checkbox" htmlFor="notify">
          <input
            id="notify"
            type="checkbox"
            checked={draft.desktopNotifications}
            onChange={(e) => set('desktopNotifications', e.target.checked)}
          />
          <span>Desktop notification for new warnings after a sync</span>
        </label>
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
          {status && (
            <span
              role={status.kind === 'error' ? 'alert' : 'status'}
              className={status.kind === 'error' ? 'error-text' : 'ok-text'}
            >
              {status.text}
            </span>
          )}
        </div>
      </form>
      <RuleSettings />
      <CatalogSettings />
      {info && <p className="muted small">Local data folder: {info.dataDir}</p>}
    </div>
  );
}
