/**
 * A labelled number input with an optional hint below. An empty or unreadable entry is reported as NaN
 * so the form can refuse it; the saved value is checked again by main. Used by the general settings.
 */
import { Field } from './Field';

export function NumberField(props: {
  id: string;
  label: string;
  value: number;
  onChange: (v: number) => void;
  step?: number;
  hint?: string;
}) {
  return (
    <Field id={props.id} label={props.label} hint={props.hint}>
      <input
        id={props.id}
        type="number"
        step={props.step ?? 1}
        value={Number.isFinite(props.value) ? props.value : ''}
        onChange={(e) => props.onChange(e.target.value === '' ? Number.NaN : Number(e.target.value))}
      />
    </Field>
  );
}
