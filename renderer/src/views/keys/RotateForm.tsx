/**
 * Rotating an account's key: the new key, secret and (where the exchange may use one) passphrase,
 * checked by main like a new key before it replaces the old one in the keychain. Opened from
 * AccountCard.
 */
import { useId, useState, type FormEvent } from 'react';
import type { AccountView } from '../../../../shared/ipc/channels/accounts';
import { SecretField } from '../../components/Field';
import { SubmitCancel } from '../../components/SubmitCancel';
import { call } from '../../lib/api';
import { passphraseLabel } from './account-text';
import { credentials } from './key-submit';
import { SubmitFeedback, useKeySubmit } from './SubmitFeedback';

export function RotateForm(props: {
  account: AccountView;
  /** Whether the exchange needs a passphrase; null when unknown. */
  requiresPassword: boolean | null;
  onDone: (a: AccountView) => void;
  onCancel: () => void;
}) {
  const { account } = props;
  const id = useId();
  const [apiKey, setApiKey] = useState('');
  const [secret, setSecret] = useState('');
  const [password, setPassword] = useState('');
  const flow = useKeySubmit((creds, acceptTrade) => call('accounts:rotate', { id: account.id, ...creds, acceptTrade }));

  const finish = (a: AccountView | null) => {
    if (a) props.onDone(a);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const creds = credentials({ apiKey, secret, password }, true);
    setApiKey('');
    setSecret('');
    setPassword('');
    void flow.submit(creds).then(finish);
  };

  return (
    <form className="rotate-form" onSubmit={submit} aria-label={`Rotate the key of ${account.label}`}>
      <p className="small muted">
        Create a new read-only key on {account.exchangeName}, paste it here, then delete the old key (…
        {account.fingerprint}) on the exchange. The account keeps its history.
      </p>
      <div className="form-grid">
        <SecretField id={`${id}-key`} label="New API key" value={apiKey} onChange={setApiKey} required />
        <SecretField id={`${id}-secret`} label="Secret" value={secret} onChange={setSecret} required maxLength={8192} />
        {props.requiresPassword !== false && (
          <SecretField
            id={`${id}-pass`}
            label={passphraseLabel(props.requiresPassword)}
            value={password}
            onChange={setPassword}
            required={props.requiresPassword === true}
          />
        )}
      </div>
      <div className="actions">
        <SubmitCancel submitLabel="Rotate key" busy={flow.state.kind === 'busy'} onCancel={props.onCancel} />
      </div>
      <SubmitFeedback
        state={flow.state}
        busyText={`Checking the new key with ${account.exchangeName}…`}
        acceptLabel="I understand, use it anyway"
        onAccept={() => void flow.accept().then(finish)}
        onCancel={flow.cancel}
      />
    </form>
  );
}
