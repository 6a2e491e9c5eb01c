/**
 * The target split editor: the high-Trader-Grade share as a slider and a whole percentage (the
 * Investor side takes the rest), saved to the settings' `gradeSplit`. Opened by SplitCard.
 */
import { useId, useState, type FormEvent } from 'react';
import type { GradeSplitTarget } from '../../../../shared/grades';
import { ErrorText } from '../../components/ErrorText';
import { SubmitCancel } from '../../components/SubmitCancel';
import { errorText } from '../../lib/api';
import { useApp } from '../../lib/context';
import { parseTraderPercent, SPLIT_INPUT_ERROR, targetFromPercent, traderPercent } from './split';

export function SplitEditor(props: { target: GradeSplitTarget; onSaved: () => void; onCancel: () => void }) {
  const { updateSettings } = useApp();
  const [traderText, setTraderText] = useState(() => traderPercent(props.target));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const inputId = useId();
  const traderPct = parseTraderPercent(traderText);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (traderPct === null) {
      setError(SPLIT_INPUT_ERROR);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await updateSettings({ gradeSplit: targetFromPercent(traderPct) });
      props.onSaved();
    } catch (err) {
      setError(errorText(err));
      setSaving(false);
    }
  };

  return (
    <form className="split-editor" noValidate onSubmit={(e) => void save(e)} aria-label="Target split">
      <label htmlFor={inputId}>High Trader Grade share</label>
      <span className="row">
        <input
          id={inputId}
          type="range"
          min={0}
          max={100}
          step={5}
          value={traderPct ?? 0}
          aria-label="High Trader Grade share slider"
          onChange={(e) => setTraderText(e.target.value)}
        />
        <input
          type="number"
          className="pct-input"
          min={0}
          max={100}
          step={1}
          value={traderText}
          aria-label="High Trader Grade share (%)"
          aria-invalid={traderPct === null || undefined}
          data-testid="split-trader-input"
          onChange={(e) => setTraderText(e.target.value)}
        />
        %
      </span>
      <span className="muted small" data-testid="split-investor-preview">
        High Investor Grade share: {traderPct !== null ? `${100 - traderPct}%` : '–'}
      </span>
      <ErrorText error={error} className="error-text small" />
      <span className="actions">
        <SubmitCancel submitLabel={saving ? 'Saving…' : 'Save target'} busy={saving} onCancel={props.onCancel} />
      </span>
    </form>
  );
}
