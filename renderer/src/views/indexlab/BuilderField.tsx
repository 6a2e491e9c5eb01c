/**
 * Builder controls bound to one field of the form by name: a labelled text field that shows that
 * field's error, a labelled select over the field's FIELD_CHOICES, and a checkbox. Every fieldset of
 * the builder gets the form, its errors and `update` as FieldsetProps. Called by the *Fieldset.tsx
 * files.
 */
import type { ReactNode } from 'react';
import {
  FIELD_CHOICES,
  type BuilderForm,
  type ChoiceFieldKey,
  type FieldErrors,
  type FlagFieldKey,
  type TextFieldKey,
} from './builder-form';
import { Field, OptionSelect, TextInput } from './Field';

export interface FieldsetProps {
  form: BuilderForm;
  /** The errors of the last validation (cleared on the next edit). */
  errors: FieldErrors;
  update: (patch: Partial<BuilderForm>) => void;
}

/** A Field holding a TextInput for `name`. */
export function BuilderText(props: {
  bind: FieldsetProps;
  name: TextFieldKey;
  id: string;
  label: string;
  hint?: ReactNode;
  inputMode?: 'decimal' | 'numeric' | 'text';
  placeholder?: string;
  type?: string;
}) {
  const { form, errors, update } = props.bind;
  const error = errors[props.name];
  return (
    <Field id={props.id} label={props.label} error={error} hint={props.hint}>
      <TextInput
        id={props.id}
        type={props.type}
        inputMode={props.inputMode}
        placeholder={props.placeholder}
        value={form[props.name]}
        onChange={(v) => update({ [props.name]: v })}
        error={error}
      />
    </Field>
  );
}

/** A checkbox for `name`, its label after it. */
export function BuilderCheck(props: { bind: FieldsetProps; name: FlagFieldKey; children: ReactNode }) {
  const { form, update } = props.bind;
  return (
    <label className="field checkbox">
      <input type="checkbox" checked={form[props.name]} onChange={(e) => update({ [props.name]: e.target.checked })} />
      {props.children}
    </label>
  );
}

/** A Field holding a select over the choices of `name`; `onChange` replaces the plain update. */
export function BuilderSelect<K extends ChoiceFieldKey>(props: {
  bind: FieldsetProps;
  name: K;
  id: string;
  label: string;
  hint?: ReactNode;
  onChange?: (value: BuilderForm[K]) => void;
}) {
  const { form, update } = props.bind;
  const { options, labels } = FIELD_CHOICES[props.name];
  return (
    <Field id={props.id} label={props.label} hint={props.hint}>
      <OptionSelect
        id={props.id}
        value={form[props.name]}
        options={options}
        label={(o) => labels[o]}
        onChange={(v) => (props.onChange ? props.onChange(v) : update({ [props.name]: v }))}
      />
    </Field>
  );
}
