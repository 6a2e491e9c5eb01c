/**
 * One axis of the sweep form: which parameter, and the values to try (typed as a list, with the
 * parameter's example filled in when it changes). The same markup serves columns (x) and rows (y);
 * it reads and writes its half of the sweep form in the lab store. Called by Sweep.tsx.
 */
import { Field, optionsOf, SelectField, TextInput } from '../../components/Field';
import { setLab } from './lab-store';
import { AXIS_KEYS, SWEEP_PARAMS, type AxisKey, type SweepForm } from './sweep-axes';
import { useLab } from './use-lab';

const AXES = {
  x: { legend: 'Columns (x)', id: 'il-sx', param: 'xParam', values: 'xValues' },
  y: { legend: 'Rows (y)', id: 'il-sy', param: 'yParam', values: 'yValues' },
} as const;

const PARAM_OPTIONS = optionsOf(AXIS_KEYS, (k) => SWEEP_PARAMS[k].label);

export function SweepAxisFieldset({ axis, error }: { axis: 'x' | 'y'; error: string | undefined }) {
  const a = AXES[axis];
  const sf = useLab().sweepForm;
  const setSf = (patch: Partial<SweepForm>) => setLab((s) => ({ sweepForm: { ...s.sweepForm, ...patch } }));
  const valuesId = `${a.id}v`;
  return (
    <fieldset className="il-group">
      <legend>{a.legend}</legend>
      <div className="il-pair">
        <SelectField
          id={a.id}
          label="Parameter"
          value={sf[a.param]}
          options={PARAM_OPTIONS}
          onChange={(k: AxisKey) => setSf({ [a.param]: k, [a.values]: SWEEP_PARAMS[k].example })}
        />
        <Field id={valuesId} label="Values" error={error}>
          <TextInput id={valuesId} value={sf[a.values]} onChange={(v) => setSf({ [a.values]: v })} />
        </Field>
      </div>
    </fieldset>
  );
}
