/**
 * A labelled number input with an optional hint below, described by a field spec. An empty or
 * unreadable entry is reported as NaN so the form can refuse it; the saved value is checked again by
 * main. Used by the general settings (views/settings/settings-form.ts lists their specs).
 */
import { Field, TextInput } from './Field';

/** What a number field shows: its id, label, step (1 unless given) and hint. */
export interface NumberFieldSpec {
  id: string;
  label: string;
  step?: number;
  hint?: string;
}

export function NumberField({
  field,
  value,
  onChange,
}: {
  field: NumberFieldSpec;
  value: number;
  onChange: (v: number) => void;
}) {
  return (
    <Field id={field.id} label={field.label} hint={field.hint}>
      <TextInput
        id={field.id}
        type="number"
        step={field.step ?? 1}
        value={Number.isFinite(value) ? value : ''}
        onChange={(text) => onChange(text === '' ? Number.NaN : Number(text))}
      />
    </Field>
  );
}
