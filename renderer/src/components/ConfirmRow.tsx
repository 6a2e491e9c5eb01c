/**
 * An inline "Delete X?" question with a Delete and a Cancel button, shown in place of a row's actions
 * before anything is removed. Delete takes the focus so Enter confirms and Tab reaches Cancel.
 * Used by the manual-holdings wallets and holdings.
 */
import type { ReactNode } from 'react';
import './ConfirmRow.css';

export function ConfirmRow(props: {
  /** Accessible name of the group, e.g. "Confirm deleting ADA". */
  label: string;
  /** The question, e.g. "Delete ADA?". */
  children: ReactNode;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <div className="actions confirm-row" role="group" aria-label={props.label}>
      <span>{props.children}</span>
      <button type="button" className="danger" autoFocus disabled={props.busy} onClick={props.onConfirm}>
        Delete
      </button>
      <button type="button" onClick={props.onCancel}>
        Cancel
      </button>
    </div>
  );
}
