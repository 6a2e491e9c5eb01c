/**
 * A modal confirmation (native `<dialog>`): a title, what will happen, and Cancel before the
 * dangerous action. Cancel has the focus, so Enter or Escape keeps things as they are. Used to
 * confirm revoking a key.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import './ConfirmDialog.css';

export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  confirmLabel: string;
  children: ReactNode;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (props.open && !d.open) {
      d.showModal();
      // The safe choice has the focus: Enter or Escape changes nothing.
      cancelRef.current?.focus();
    }
    if (!props.open && d.open) d.close();
  }, [props.open]);
  return (
    <dialog ref={ref} className="confirm-dialog" aria-labelledby={titleId} onClose={props.onClose}>
      <h2 id={titleId}>{props.title}</h2>
      {props.children}
      <div className="actions">
        <button type="button" ref={cancelRef} onClick={props.onClose}>
          Cancel
        </button>
        <button type="button" className="danger" onClick={props.onConfirm}>
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
