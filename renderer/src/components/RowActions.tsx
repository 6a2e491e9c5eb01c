/**
 * The two buttons a listed item offers when it is not being edited: one that edits it (Edit, Rename)
 * and a red one that asks to delete it (the question itself is a ConfirmRow). Used by the manual
 * wallets and holdings.
 */

interface Action {
  text: string;
  /** Accessible name, naming the item: "Delete wallet Ledger". */
  label: string;
  onClick: () => void;
}

export function RowActions(props: { edit: Action; remove: Action }) {
  return (
    <div className="actions">
      <button type="button" onClick={props.edit.onClick} aria-label={props.edit.label}>
        {props.edit.text}
      </button>
      <button type="button" className="danger" onClick={props.remove.onClick} aria-label={props.remove.label}>
        {props.remove.text}
      </button>
    </div>
  );
}
