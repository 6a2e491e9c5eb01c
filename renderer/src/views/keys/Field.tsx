/**
 * Labelled form controls in the app's field style: `Field` puts a label above any control (and a
 * note under it); `SelectField` is a select from value/label pairs; `SecretInput` is a credential
 * field the browser never autocompletes, corrects or spell checks. Used by the key forms and the
 * activity filters.
 */
import type { ReactNode } from 'react';

export function Field(props: { id: string; label: string; children: ReactNode; note?: ReactNode }) {
  return (
    <label className="field" htmlFor={props.id}>
      <span>{props.label}</span>
      {props.children}
      {props.note}
    </label>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

export function SelectField(props: {
  id: string;
  label: string;
  value: string;
  options: readonly SelectOption[];
  onChange: (value: string) => void;
  disabled?: boolean;
  /** Shown under the select (an error, a hint). */
  note?: ReactNode;
}) {
  return (
    <Field id={props.id} label={props.label} note={props.note}>
      <select
        id={props.id}
        value={props.value}
        disabled={props.disabled}
        onChange={(e) => props.onChange(e.target.value)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function SecretInput(props: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  required?: boolean;
  hint?: string;
  maxLength?: number;
}) {
  return (
    <Field id={props.id} label={props.label} note={props.hint && <small className="muted">{props.hint}</small>}>
      <input
        id={props.id}
        type="password"
        autoComplete="off"
        autoCorrect="off"
        autoCapitalize="off"
        spellCheck={false}
        required={props.required}
        maxLength={props.maxLength ?? 1024}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </Field>
  );
}
