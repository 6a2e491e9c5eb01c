/**
 * Settings of the allocation rules: one card per rule with its switch, its thresholds (shares edited
 * as percentages), the defaults, a per-rule save and reset, and the errors main reports.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { SECTOR_LABELS } from '../../../shared/allocation/classify';
import { SECTORS } from '../../../shared/domain/types';
import type { RuleFieldView, RuleValue, RuleView } from '../../../shared/ipc/channels/allocation';
import { call, errorText } from '../lib/api';
import { useApp } from '../lib/context';
import { useAsync } from '../lib/useApi';
import '../views/diversification.css';

/** sessionStorage key: the rule to scroll to when Settings opens (set by the Warnings view). */
export const FOCUS_RULE_KEY = 'ballast.focusRule';

function trimNumber(n: number, digits = 6): string {
  return String(Number(n.toFixed(digits)));
}

/**
 * A number input in display units: shows `value * scale` and reports `text / scale` (NaN when the
 * text is not a number). Keeps the user's text while typing.
 */
export function UnitNumberInput(props: {
  id?: string;
  value: number;
  onChange: (value: number) => void;
  scale?: number;
  unit?: string;
  min?: number;
  max?: number;
  step?: number;
  label?: string;
  testId?: string;
  invalid?: boolean;
  /** Decimals shown for a value set from outside (the user's own text is kept as typed). */
  digits?: number;
}) {
  const scale = props.scale ?? 1;
  const digits = props.digits ?? 6;
  const [text, setText] = useState(() => (Number.isFinite(props.value) ? trimNumber(props.value * scale, digits) : ''));
  const { value } = props;
  useEffect(() => {
    setText((t) => {
      const shown = t.trim() === '' ? Number.NaN : Number(t) / scale;
      if (Number.isNaN(value) && Number.isNaN(shown)) return t;
      if (Math.abs(shown - value) < 1e-9) return t;
      // Same value at the precision shown: keep the text (no jump while the user edits).
      if (Number.isFinite(value) && trimNumber(value * scale, digits) === t) return t;
      return Number.isFinite(value) ? trimNumber(value * scale, digits) : '';
    });
  }, [value, scale, digits]);
  return (
    <span className="unit-input">
      <input
        id={props.id}
        type="number"
        inputMode="decimal"
        min={props.min}
        max={props.max}
        step={props.step ?? 'any'}
        value={text}
        aria-label={props.label}
        aria-invalid={props.invalid || undefined}
        data-testid={props.testId}
        onChange={(e) => {
          setText(e.target.value);
          props.onChange(e.target.value.trim() === '' ? Number.NaN : Number(e.target.value) / scale);
        }}
      />
      {props.unit && <span className="unit">{props.unit}</span>}
    </span>
  );
}

function formatValue(field: RuleFieldView, v: RuleValue | undefined): string {
  if (v === undefined) return '–';
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  if (Array.isArray(v))
    return v.length ? v.map((s) => (SECTOR_LABELS as Record<string, string>)[s] ?? s).join(', ') : 'none';
  if (field.kind === 'share') return `${trimNumber(v * 100)}%`;
  return `${trimNumber(v)}${field.unit ? ` ${field.unit}` : ''}`;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function RuleCard(props: { rule: RuleView; highlighted: boolean; onSaved: (rules: RuleView[]) => void }) {
  const { rule } = props;
  const { refresh } = useApp();
  const [draft, setDraft] = useState<Record<string, RuleValue>>(rule.settings);
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const idBase = useId();

  useEffect(() => setDraft(rule.settings), [rule.settings]);

  const changed = Object.keys(draft).filter((k) => !same(draft[k], rule.settings[k]));
  const invalidLocal = rule.fields.some((f) => typeof draft[f.key] === 'number' && !Number.isFinite(draft[f.key]));

  const finish = (rules: RuleView[], text: string) => {
    props.onSaved(rules);
    setStatus({ kind: 'ok', text });
    // The key rules' thresholds are also general settings: let the general form show the new value.
    if (rule.linkedSetting) refresh();
  };

  const save = async () => {
    if (invalidLocal) {
      setStatus({ kind: 'error', text: 'Enter a number in every field.' });
      return;
    }
    setBusy(true);
    try {
      const patch = Object.fromEntries(changed.map((k) => [k, draft[k] as RuleValue]));
      finish(await call('rules:update', { ruleId: rule.id, settings: patch }), 'Saved.');
    } catch (err) {
      setStatus({ kind: 'error', text: errorText(err) });
    } finally {
      setBusy(false);
    }
  };

  const reset = async () => {
    setBusy(true);
    try {
      finish(await call('rules:reset', { ruleId: rule.id }), 'Defaults restored.');
    } catch (err) {
      setStatus({ kind: 'error', text: errorText(err) });
    } finally {
      setBusy(false);
    }
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
      <label className="field checkbox">
        <input
          type="checkbox"
          checked={enabled}
          onChange={(e) => {
            setDraft({ ...draft, enabled: e.target.checked });
            setStatus(null);
          }}
        />
        <span>Enabled</span>
      </label>
      {rule.fields.length > 0 && (
        <div className="rule-fields">
          {rule.fields.map((f) => {
            const id = `${idBase}-${f.key}`;
            const value = draft[f.key];
            const def = `default ${formatValue(f, rule.defaults[f.key])}`;
            if (f.kind === 'boolean') {
              return (
                <label key={f.key} className="field checkbox" htmlFor={id}>
                  <input
                    id={id}
                    type="checkbox"
                    checked={value === true}
                    disabled={!enabled}
                    onChange={(e) => setDraft({ ...draft, [f.key]: e.target.checked })}
                  />
                  <span>
                    {f.label} <small className="muted">({def})</small>
                  </span>
                </label>
              );
            }
            if (f.kind === 'sectors') {
              const list = Array.isArray(value) ? value : [];
              return (
                <fieldset key={f.key} className="sector-picks" disabled={!enabled}>
                  <legend className="small">
                    {f.label} <span className="muted">({def})</span>
                  </legend>
                  {SECTORS.map((s) => (
                    <label key={s} className="chip">
                      <input
                        type="checkbox"
                        checked={list.includes(s)}
                        onChange={(e) =>
                          setDraft({
                            ...draft,
                            [f.key]: e.target.checked ? [...list, s] : list.filter((x) => x !== s),
                          })
                        }
                      />
                      {SECTOR_LABELS[s]}
                    </label>
                  ))}
                </fieldset>
              );
            }
            return (
              <label key={f.key} className="field" htmlFor={id}>
                <span>{f.label}</span>
                <UnitNumberInput
                  id={id}
                  value={typeof value === 'number' ? value : Number.NaN}
                  scale={f.kind === 'share' ? 100 : 1}
                  unit={f.unit}
                  min={f.min}
                  max={f.max}
                  step={f.step}
                  invalid={typeof value === 'number' && !Number.isFinite(value)}
                  onChange={(v) => {
                    setDraft({ ...draft, [f.key]: v });
                    setStatus(null);
                  }}
                />
                <small className="muted">{def}</small>
              </label>
            );
          })}
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
        <button type="button" className="primary" disabled={busy || changed.length === 0} onClick={() => void save()}>
          Apply
        </button>
        <button
          type="button"
          disabled={busy || (!rule.customised && rule.issues.length === 0 && changed.length === 0)}
          onClick={() => void reset()}
        >
          Reset to defaults
        </button>
        {status && (
          <span
            role={status.kind === 'error' ? 'alert' : 'status'}
            className={status.kind === 'error' ? 'error-text small' : 'ok-text small'}
          >
            {status.text}
          </span>
        )}
      </div>
    </fieldset>
  );
}

const CATEGORY_TITLES: Record<RuleView['category'], string> = {
  allocation: 'Allocation',
  keys: 'API keys',
  sync: 'Sync',
};

export function RuleSettings() {
  const loaded = useAsync(() => call('allocation:get').then((v) => v.rules), []);
  const [rules, setRules] = useState<RuleView[] | null>(null);
  const [focus] = useState<string | null>(() => sessionStorage.getItem(FOCUS_RULE_KEY));
  const [resetAll, setResetAll] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
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

  const groups = useMemo(() => {
    const out = new Map<RuleView['category'], RuleView[]>();
    for (const r of rules ?? []) out.set(r.category, [...(out.get(r.category) ?? []), r]);
    return [...out];
  }, [rules]);

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
