/**
 * The question asked when the user leaves a view with unsaved edits (lib/navigation.tsx): save and
 * leave, leave without saving, or stay. "Stay" has the focus, so Enter or Escape loses nothing.
 */
import { useEffect, useId, useRef } from 'react';
import { useNavigation } from '../lib/navigation';
import './ConfirmDialog.css';

export function LeaveDialog() {
  const { pending, answer } = useNavigation();
  const ref = useRef<HTMLDialogElement>(null);
  const stay = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (pending && !d.open) {
      d.showModal();
      stay.current?.focus();
    }
    if (!pending && d.open) d.close();
  }, [pending]);
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={titleId}
      data-testid="leave-dialog"
      onClose={() => pending && answer('stay')}
    >
      <h2 id={titleId}>Unsaved changes</h2>
      <p>{pending?.guard.what}</p>
      <div className="actions">
        <button type="button" ref={stay} onClick={() => answer('stay')}>
          Stay
        </button>
        <button type="button" onClick={() => answer('discard')}>
          Discard changes
        </button>
        <button type="button" className="primary" onClick={() => answer('save')}>
          Save and leave
        </button>
      </div>
    </dialog>
  );
}
