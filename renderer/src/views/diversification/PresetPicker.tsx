/** The target presets (Conservative, Balanced, Growth) and "Your current mix", as buttons that fill the draft. */
import { TARGET_PRESETS, type TargetPreset } from '../../../../shared/allocation/targets';
import { presetMix } from './target-draft';

export function PresetPicker(props: {
  active: TargetPreset['id'] | undefined;
  onPreset: (p: TargetPreset) => void;
  onCurrentMix: () => void;
}) {
  return (
    <div className="preset-row" role="group" aria-label="Presets">
      {TARGET_PRESETS.map((p) => (
        <button
          key={p.id}
          type="button"
          className={`preset${props.active === p.id ? ' active' : ''}`}
          aria-pressed={props.active === p.id}
          onClick={() => props.onPreset(p)}
        >
          <strong>{p.name}</strong>
          <span className="muted small">{presetMix(p)}</span>
          <span className="small">{p.description}</span>
        </button>
      ))}
      <button type="button" className="preset" onClick={props.onCurrentMix}>
        <strong>Your current mix</strong>
        <span className="small">Start from today&apos;s weights and adjust them.</span>
      </button>
    </div>
  );
}
