/**
 * The builder's named specs, kept in main: save the builder's spec under a name (replacing one of the
 * same name), load one back into the builder, or delete it. A stored spec that no longer validates
 * is listed as unreadable and says why when loaded. Called by Builder.tsx.
 */
import { useState } from 'react';
import type { IndexSpec } from '../../../../shared/indexlab';
import type { SavedIndexSpec } from '../../../../shared/ipc/channels/indexlab';
import { call, errorText } from '../../lib/api';
import type { BuilderMessage } from './BuilderMessage';

export function SavedSpecs(props: {
  saved: SavedIndexSpec[];
  onSaved: (list: SavedIndexSpec[]) => void;
  /** The builder's name, shown as the placeholder of "Save as". */
  formName: string;
  /** Validates the builder (showing its errors); the spec, or null when it is invalid. */
  validate: () => IndexSpec | null;
  /** The name used when neither "Save as" nor the spec has one. */
  describe: (spec: IndexSpec) => string;
  onLoad: (spec: IndexSpec) => void;
  onMessage: (message: BuilderMessage | null) => void;
}) {
  const [saveName, setSaveName] = useState('');
  const [chosen, setChosen] = useState('');
  const { onMessage } = props;

  const onSave = async () => {
    onMessage(null);
    const spec = props.validate();
    if (!spec) return;
    const name = (saveName.trim() || spec.name?.trim() || props.describe(spec)).slice(0, 100);
    try {
      props.onSaved(await call('indexlab:saveSpec', { name, spec }));
      setChosen(name);
      onMessage({ kind: 'ok', text: `Saved as "${name}".` });
    } catch (err) {
      onMessage({ kind: 'error', text: `Could not save the spec: ${errorText(err)}` });
    }
  };

  const onLoad = () => {
    const entry = props.saved.find((s) => s.name === chosen);
    if (!entry) return;
    if (!entry.spec) {
      onMessage({ kind: 'error', text: `"${entry.name}" can no longer be read:`, details: entry.errors ?? [] });
      return;
    }
    props.onLoad(entry.spec);
    setSaveName(entry.name);
    onMessage({ kind: 'ok', text: `Loaded "${entry.name}".` });
  };

  const onDelete = async () => {
    if (!chosen) return;
    try {
      props.onSaved(await call('indexlab:deleteSpec', { name: chosen }));
      onMessage({ kind: 'ok', text: `Deleted "${chosen}".` });
      setChosen('');
    } catch (err) {
      onMessage({ kind: 'error', text: `Could not delete: ${errorText(err)}` });
    }
  };

  return (
    <div className="il-saved row" data-testid="saved-specs">
      <label htmlFor="il-save-name" className="small muted">
        Save as
      </label>
      <input
        id="il-save-name"
        value={saveName}
        placeholder={props.formName || 'spec name'}
        maxLength={100}
        onChange={(e) => setSaveName(e.target.value)}
      />
      <button type="button" onClick={() => void onSave()}>
        Save spec
      </button>
      <label htmlFor="il-saved" className="small muted">
        Saved
      </label>
      <select
        id="il-saved"
        value={chosen}
        onChange={(e) => setChosen(e.target.value)}
        disabled={props.saved.length === 0}
      >
        <option value="">{props.saved.length ? 'Choose a saved spec…' : 'No saved specs yet'}</option>
        {props.saved.map((s) => (
          <option key={s.name} value={s.name}>
            {s.name}
            {s.spec ? '' : ' (unreadable)'}
          </option>
        ))}
      </select>
      <button type="button" onClick={onLoad} disabled={!chosen}>
        Load
      </button>
      <button type="button" className="danger" onClick={() => void onDelete()} disabled={!chosen}>
        Delete
      </button>
    </div>
  );
}
