/**
 * Builder controls bound to one field of the form by name: a labelled text field that shows that
 * field's error, a labelled select over the field's FIELD_CHOICES, and a checkbox. Every fieldset of
 * the builder gets the form, its errors and `update` as FieldsetProps. Called by the *Fieldset.tsx
 * files.
 */
import type { ReactNode } from 'react';
import { CheckboxField, Field, optionsOf, SelectField, TextInput } from '../../components/Field';
import {
  FIELD_CHOICES,
  type BuilderForm,
  type ChoiceFieldKey,
  type FieldErrors,
  type FlagFieldKey,
  type TextFieldKey,
} from './builder-form';

export interface FieldsetProps {
  form: BuilderForm;
  /** The errors of the last validation (cleared on the next edit). */
  errors: FieldErrors;
  update: (patch: Partial<BuilderForm>) => void;
}

/** A Field holding a TextInput for `name` (a decimal keypad unless told otherwise). */
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
  return (
    <Field id={props.id} label={props.label} error={errors[props.name]} hint={props.hint}>
      <TextInput
        id={props.id}
        type={props.type}
        inputMode={props.inputMode ?? 'decimal'}
        placeholder={props.placeholder}
        value={form[props.name]}
        onChange={(v) => update({ [props.name]: v })}
      />
    </Field>
  );
}

/** A checkbox for `name`, its label after it. */
export function BuilderCheck(props: { bind: FieldsetProps; name: FlagFieldKey; children: ReactNode }) {
  const { form, update } = props.bind;
  return (
    <CheckboxField checked={form[props.name]} onChange={(v) => update({ [props.name]: v })}>
      {props.children}
    </CheckboxField>
  );
}

/** A SelectField over the choices of `name`; `onChange` replaces the plain update. */
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
    <SelectField
      id={props.id}
      label={props.label}
      hint={props.hint}
      value={form[props.name]}
      options={optionsOf(options, (o) => labels[o])}
      onChange={(v) => (props.onChange ? props.onChange(v) : update({ [props.name]: v }))}
    />
  );
}
