/** Renaming an account (`accounts:rename`), inline in its card. Opened from AccountCard. */
import { useId, useState, type FormEvent } from 'react';
import type { AccountView } from '../../../../shared/ipc/channels/accounts';
import { Field } from '../../components/Field';
import { SubmitCancel } from '../../components/SubmitCancel';
import { call, errorText } from '../../lib/api';

export function RenameForm(props: { account: AccountView; onDone: (a: AccountView) => void; onCancel: () => void }) {
  const id = useId();
  const [label, setLabel] = useState(props.account.label);
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    call('accounts:rename', { id: props.account.id, label }).then(props.onDone, (err: unknown) =>
      setError(errorText(err)),
    );
  };
  return (
    <form className="row rename-form" onSubmit={submit}>
      <Field id={`${id}-label`} label="New name">
        <input
          id={`${id}-label`}
          value={label}
          maxLength={60}
          autoFocus
          required
          onChange={(e) => setLabel(e.target.value)}
        />
      </Field>
      <SubmitCancel submitLabel="Save" onCancel={props.onCancel} />
      {error && (
        <span role="alert" className="error-text">
          {error}
        </span>
      )}
    </form>
  );
}
