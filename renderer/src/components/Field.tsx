/**
 * A labelled form field: the label text above its control (passed as children) and an optional hint
 * below, all inside one <label> so a click on the text focuses the control. Used by the settings
 * forms, the Diversification targets and plan, and the manual-holdings forms.
 */
import type { ReactNode } from 'react';

export function Field(props: {
  /** The control's id. */
  id: string;
  label: ReactNode;
  children: ReactNode;
  hint?: ReactNode;
  /** Label text in small grey type, for compact forms. */
  quiet?: boolean;
  /** Label text beside the control rather than above it. */
  inline?: boolean;
}) {
  return (
    <label className={props.inline ? 'field inline' : 'field'} htmlFor={props.id}>
      <span className={props.quiet ? 'small muted' : undefined}>{props.label}</span>
      {props.children}
      {props.hint && <small className="muted">{props.hint}</small>}
    </label>
  );
}
