/**
 * One axis of the sweep form: which parameter, and the values to try (typed as a list, with the
 * parameter's example filled in when it changes). The same markup serves columns (x) and rows (y);
 * it reads and writes its half of the sweep form in the lab store. Called by Sweep.tsx.
 */
import { OptionSelect } from './Field';
import { setLab } from './lab-store';
import { AXIS_KEYS, SWEEP_PARAMS, type AxisKey, type SweepForm } from './sweep-axes';
import { useLab } from './use-lab';

const AXES = {
  x: { legend: 'Columns (x)', id: 'il-sx', param: 'xParam', values: 'xValues' },
  y: { legend: 'Rows (y)', id: 'il-sy', param: 'yParam', values: 'yValues' },
} as const;

export function SweepAxisFieldset({ axis, error }: { axis: 'x' | 'y'; error: string | undefined }) {
  const a = AXES[axis];
  const sf = useLab().sweepForm;
  const setSf = (patch: Partial<SweepForm>) => setLab((s) => ({ sweepForm: { ...s.sweepForm, ...patch } }));
  const valuesId = `${a.id}v`;
  return (
    <fieldset className="il-group">
      <legend>{a.legend}</legend>
      <div className="il-pair">
        <div className="field">
          <label htmlFor={a.id}>Parameter</label>
          <OptionSelect
            id={a.id}
            value={sf[a.param]}
            options={AXIS_KEYS}
            label={(k) => SWEEP_PARAMS[k].label}
            onChange={(k: AxisKey) => setSf({ [a.param]: k, [a.values]: SWEEP_PARAMS[k].example })}
          />
        </div>
        <div className="field">
          <label htmlFor={valuesId}>Values</label>
          <input
            id={valuesId}
            value={sf[a.values]}
            aria-invalid={error ? true : undefined}
            onChange={(e) => setSf({ [a.values]: e.target.value })}
          />
          {error && (
            <span className="error-text small" role="alert">
              {error}
            </span>
          )}
        </div>
      </div>
    </fieldset>
  );
}
