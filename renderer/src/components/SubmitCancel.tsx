/**
 * The submit and Cancel buttons that end a small form, both disabled while it is busy. Used by the
 * key forms (rotate, rename) and the Grades view's target split editor.
 */
export function SubmitCancel(props: { submitLabel: string; busy?: boolean; onCancel: () => void }) {
  return (
    <>
      <button type="submit" className="primary" disabled={props.busy}>
        {props.submitLabel}
      </button>
      <button type="button" onClick={props.onCancel} disabled={props.busy}>
        Cancel
      </button>
    </>
  );
}
