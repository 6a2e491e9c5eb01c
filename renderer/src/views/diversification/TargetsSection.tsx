/**
 * Targets: pick a preset or today's mix, edit the weights, save or clear them through main; then the
 * drift from the draft and the rebalance plan toward it (both preview unsaved drafts).
 */
import { useEffect, useMemo, useState } from 'react';
import { drift, validateTargetSet, type TargetSet } from '../../../../shared/allocation/targets';
import type { AllocationView } from '../../../../shared/ipc/channels/allocation';
import { StatusText, type StatusNote } from '../../components/StatusText';
import { call, errorText } from '../../lib/api';
import { DriftPanel } from './DriftPanel';
import { PlanPanel } from './PlanPanel';
import { PresetPicker } from './PresetPicker';
import { activePreset, fromCurrent, sameTargets } from './target-draft';
import { TargetEditor } from './TargetEditor';

export function TargetsSection(props: { view: AllocationView; onSaved: (v: AllocationView) => void }) {
  const { view } = props;
  const b = view.breakdown;
  const [draft, setDraft] = useState<TargetSet | null>(view.targets);
  const [status, setStatus] = useState<StatusNote | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => setDraft(view.targets), [view.targets]);

  const validation = draft ? validateTargetSet(draft) : null;
  const valid = validation?.ok ? validation.value : null;
  const dirty = !sameTargets(draft, view.targets);
  const band = valid?.band ?? view.band;
  const rows = useMemo(
    () => (valid ? drift(b, { ...valid, band: valid.band ?? view.band }) : null),
    [valid, b, view.band],
  );
  const edit = (t: TargetSet) => {
    setDraft(t);
    setStatus(null);
  };

  const save = async (targets: TargetSet | null) => {
    setBusy(true);
    try {
      props.onSaved(await call('allocation:setTargets', { targets }));
      setStatus({ kind: 'ok', text: targets ? 'Targets saved. Drift warnings now use them.' : 'Targets cleared.' });
    } catch (err) {
      setStatus({ kind: 'error', text: errorText(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="stack" aria-labelledby="targets-title" data-testid="targets">
      <div className="panel stack">
        <div className="toolbar">
          <h2 id="targets-title">Targets</h2>
          {view.targets ? (
            <span className="tag info">saved: by {view.targets.dimension}</span>
          ) : (
            <span className="muted small">No targets saved yet</span>
          )}
        </div>
        <p className="muted small">
          Start from a preset or from your current mix, adjust the weights, and save. Presets are tier mixes built from
          ranges commonly given in retail crypto guidance: starting points, not advice.
        </p>
        <PresetPicker
          active={activePreset(draft)}
          onPreset={(p) => edit(structuredClone(p.targetSet))}
          onCurrentMix={() => edit(fromCurrent(draft?.dimension ?? 'tier', b))}
        />
        {draft && (
          <div className="grid-2">
            <TargetEditor draft={draft} b={b} onChange={edit} />
            <div className="stack">
              {validation && !validation.ok && (
                <ul role="alert" className="error-text small" data-testid="target-errors">
                  {validation.errors.map((e) => (
                    <li key={e}>{e}</li>
                  ))}
                </ul>
              )}
              <div className="actions">
                <button
                  type="button"
                  className="primary"
                  disabled={busy || !valid || !dirty}
                  onClick={() => valid && void save(valid)}
                >
                  Save targets
                </button>
                {dirty && view.targets && (
                  <button type="button" disabled={busy} onClick={() => setDraft(view.targets)}>
                    Discard changes
                  </button>
                )}
                {view.targets && (
                  <button type="button" className="danger" disabled={busy} onClick={() => void save(null)}>
                    Clear targets
                  </button>
                )}
              </div>
              {dirty && valid && (
                <p className="muted small">
                  Unsaved: drift and plan below preview these targets; warnings use saved ones.
                </p>
              )}
              <StatusText status={status} />
            </div>
          </div>
        )}
      </div>
      {rows && valid && <DriftPanel rows={rows} band={band} />}
      {valid && <PlanPanel targets={valid} base={b.base} />}
    </section>
  );
}
