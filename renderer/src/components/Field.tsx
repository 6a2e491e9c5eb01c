/**
 * The app's labelled form controls, one set for every form.
 *
 * `Field` is a label, its control, then the control's error (an alert, id `<id>-error`) or else its
 * hint (id `<id>-hint`). The controls of the set (`TextInput` and `OptionSelect` here, `UnitNumberInput`
 * and `SuggestInput` in their own files) take `aria-invalid` and `aria-describedby` from the Field they
 * sit in, so an error or hint is announced with its control; any other control may sit in a Field too.
 * `SelectField` and `SecretField` are a Field holding one control, `CheckboxField` a checkbox with its
 * label after it, and `SubmitForm` a form whose fields the caller validates. Used by every view's forms.
 */
import { createContext, useContext, useMemo, type InputHTMLAttributes, type ReactNode } from 'react';

/** What the control in a Field carries: whether its value is refused, and which text describes it. */
interface FieldAria {
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

const FieldAriaContext = createContext<FieldAria>({});

/** The aria attributes of the control in the nearest Field (none outside a Field). */
export function useFieldAria(): FieldAria {
  return useContext(FieldAriaContext);
}

/** How a Field looks and what it says; a control of the set takes its part as children. */
export interface FieldFrame {
  /** The control's id. */
  id: string;
  label: ReactNode;
  /** Shown under the control while there is no error. */
  hint?: ReactNode;
  /** Why the value is refused; shown instead of the hint. */
  error?: string | null;
  /** Label text in small grey type, for compact forms. */
  quiet?: boolean;
  /** Label text beside the control rather than above it. */
  inline?: boolean;
  /** More classes for the field's box (a layout of the view's own). */
  className?: string;
}

export function Field(props: FieldFrame & { children: ReactNode }) {
  const { id, error, hint } = props;
  const hasHint = Boolean(hint);
  const aria = useMemo<FieldAria>(() => {
    if (error) return { 'aria-invalid': true, 'aria-describedby': `${id}-error` };
    return hasHint ? { 'aria-describedby': `${id}-hint` } : {};
  }, [id, error, hasHint]);
  const className = ['field', props.inline && 'inline', error && 'has-error', props.className]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={className}>
      <label htmlFor={id} className={props.quiet ? 'small muted' : undefined}>
        {props.label}
      </label>
      <FieldAriaContext.Provider value={aria}>{props.children}</FieldAriaContext.Provider>
      {error ? (
        <span className="error-text small" id={`${id}-error`} role="alert">
          {error}
        </span>
      ) : hasHint ? (
        <span className="muted small" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
    </div>
  );
}

/**
 * A text input (any input attribute, `type` included) that reports its text; described by its Field's
 * error or hint. A number input takes its value as a number, so the browser keeps "1." while it is typed.
 */
export function TextInput(
  props: Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange'> & { onChange: (text: string) => void },
) {
  const { onChange, ...input } = props;
  const aria = useFieldAria();
  return <input {...aria} {...input} type={input.type ?? 'text'} onChange={(e) => onChange(e.target.value)} />;
}

export interface SelectOption<T extends string = string> {
  value: T;
  label: string;
  disabled?: boolean;
}

/** Select options from a list of values, each shown as `label(value)`. */
export function optionsOf<T extends string>(values: readonly T[], label: (value: T) => string): SelectOption<T>[] {
  return values.map((value) => ({ value, label: label(value) }));
}

/** A select over fixed options that reports the chosen value; described by its Field's error or hint. */
export function OptionSelect<T extends string>(props: {
  id: string;
  value: T;
  options: readonly SelectOption<T>[];
  onChange: (value: T) => void;
  disabled?: boolean;
}) {
  const aria = useFieldAria();
  return (
    <select
      id={props.id}
      value={props.value}
      disabled={props.disabled}
      {...aria}
      onChange={(e) => props.onChange(e.target.value as T)}
    >
      {props.options.map((o) => (
        <option key={o.value} value={o.value} disabled={o.disabled}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

/** A Field holding an OptionSelect. */
export function SelectField<T extends string>(
  props: FieldFrame & {
    value: T;
    options: readonly SelectOption<T>[];
    onChange: (value: T) => void;
    disabled?: boolean;
  },
) {
  const { value, options, onChange, disabled, ...frame } = props;
  return (
    <Field {...frame}>
      <OptionSelect id={frame.id} value={value} options={options} onChange={onChange} disabled={disabled} />
    </Field>
  );
}

/** A Field holding a credential input the browser never shows, autocompletes, corrects or spell checks. */
export function SecretField(
  props: FieldFrame & { value: string; onChange: (v: string) => void; required?: boolean; maxLength?: number },
) {
  const { value, onChange, required, maxLength, ...frame } = props;
  return (
    <Field {...frame}>
      <TextInput
        id={frame.id}
        type="password"
        autoComplete="off"
        autoCorrect="off"
        autoCapitalize="off"
        spellCheck={false}
        required={required}
        maxLength={maxLength ?? 1024}
        value={value}
        onChange={onChange}
      />
    </Field>
  );
}

/** A checkbox with its label (children) after it. */
export function CheckboxField(props: {
  id?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
  children: ReactNode;
}) {
  return (
    <label className="field checkbox" htmlFor={props.id}>
      <input
        id={props.id}
        type="checkbox"
        checked={props.checked}
        disabled={props.disabled}
        onChange={(e) => props.onChange(e.target.checked)}
      />
      {props.children}
    </label>
  );
}

/** A form whose submit (button or Enter) calls `onSubmit`, without the browser's own validation. */
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
