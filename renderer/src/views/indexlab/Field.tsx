/**
 * Small form controls of the Index Lab: a form that submits without a page load and without the
 * browser's own validation, a labelled field that shows its error (announced) or else its hint, a
 * text input wired to that error, a select over a fixed list of values, and a list of error lines.
 * Generic: nothing here knows about index specs. Called by the builder, the sweep and "my portfolio".
 */
import type { ReactNode } from 'react';

/** A form whose submit (button or Enter) calls `onSubmit`; fields are validated by the caller. */
export function SubmitForm(props: { className?: string; onSubmit: () => void; children: ReactNode }) {
  return (
    <form
      className={props.className}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      {props.children}
    </form>
  );
}

/** A label, the control, then the error (role="alert", id `<id>-error`) or the hint. */
export function Field(props: {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className={`field${props.error ? ' has-error' : ''}`}>
      <label htmlFor={props.id}>{props.label}</label>
      {props.children}
      {props.error ? (
        <span className="error-text small" id={`${props.id}-error`} role="alert">
          {props.error}
        </span>
      ) : props.hint ? (
        <span className="muted small">{props.hint}</span>
      ) : null}
    </div>
  );
}

/** A text input (a decimal keypad unless told otherwise), described by its Field's error. */
export function TextInput(props: {
  id: string;
  value: string;
  onChange: (v: string) => void;
  error?: string | undefined;
  inputMode?: 'decimal' | 'numeric' | 'text';
  placeholder?: string | undefined;
  type?: string | undefined;
}) {
  return (
    <input
      id={props.id}
      type={props.type ?? 'text'}
      inputMode={props.inputMode ?? 'decimal'}
      value={props.value}
      placeholder={props.placeholder}
      aria-invalid={props.error ? true : undefined}
      aria-describedby={props.error ? `${props.id}-error` : undefined}
      onChange={(e) => props.onChange(e.target.value)}
    />
  );
}

/** A select whose options are `options`, each shown as `label(option)`. */
export function OptionSelect<T extends string>(props: {
  id: string;
  value: T;
  options: readonly T[];
  label: (option: T) => string;
  onChange: (option: T) => void;
}) {
  return (
    <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value as T)}>
      {props.options.map((o) => (
        <option key={o} value={o}>
          {props.label(o)}
        </option>
      ))}
    </select>
  );
}

/** Error lines ("path: reason") as a list. */
export function ErrorList({ items }: { items: string[] }) {
  return (
    <ul className="il-errors">
      {items.map((d) => (
        <li key={d}>{d}</li>
      ))}
    </ul>
  );
}
