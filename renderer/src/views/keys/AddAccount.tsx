/**
 * Adding an exchange account: pick a featured exchange (or load every other one), name it, paste a
 * read-only key. Main checks the key with the exchange before storing it: a key that can withdraw
 * is refused, one that can trade needs the explicit "add it anyway". The credential inputs are
 * cleared as soon as the request is sent, and given back when the exchange rejects the key (one wrong
 * character is fixed in place). A new key is synced at once (FirstSync shows how it goes).
 * `onAdded` lets KeysView reload.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import type { AccountView } from '../../../../shared/ipc/channels/accounts';
import type { ExchangeChoice } from '../../../../shared/ipc/channels/exchanges';
import { Field, SecretField, SelectField } from '../../components/Field';
import { call, errorText } from '../../lib/api';
import { verdict } from './account-text';
import { accountLabel, credentials, keepsTyped } from './key-submit';
import { FirstSync } from './FirstSync';
import { KeyGuidance } from './KeyGuidance';
import { SubmitFeedback, useKeySubmit } from './SubmitFeedback';

/** The exchange picker's "Other exchange…" choice. */
const OTHER = '__other';

const choices = (exchanges: readonly ExchangeChoice[]) => exchanges.map((e) => ({ value: e.id, label: e.name }));

export function AddAccount(props: { featured: ExchangeChoice[]; onAdded: () => void }) {
  const id = useId();
  const [exchangeId, setExchangeId] = useState('binance');
  const [otherMode, setOtherMode] = useState(false);
  const [all, setAll] = useState<ExchangeChoice[] | null>(null);
  const [allError, setAllError] = useState<string | null>(null);
  const [label, setLabel] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [secret, setSecret] = useState('');
  const [password, setPassword] = useState('');
  const [added, setAdded] = useState<AccountView | null>(null);
  const [syncRunId, setSyncRunId] = useState<string | null>(null);

  const chosen: ExchangeChoice | undefined =
    props.featured.find((e) => e.id === exchangeId) ?? all?.find((e) => e.id === exchangeId);
  // What was typed, while its request runs: given back to the fields when the key is refused for a typo.
  const sent = useRef<{ apiKey: string; secret: string; password: string } | null>(null);
  const flow = useKeySubmit(
    (creds, acceptTrade) =>
      call('accounts:add', {
        exchange: exchangeId,
        label: accountLabel(label, chosen?.name ?? exchangeId),
        ...creds,
        acceptTrade,
      }),
    (f) => {
      const typed = sent.current;
      sent.current = null;
      if (!typed || !keepsTyped(f)) return;
      setApiKey(typed.apiKey);
      setSecret(typed.secret);
      setPassword(typed.password);
    },
  );

  const loadAll = () => {
    setOtherMode(true);
    setExchangeId('');
    if (all) return;
    setAllError(null);
    call('exchanges:all').then(setAll, (err: unknown) => setAllError(errorText(err)));
  };

  const pick = (value: string) => {
    flow.cancel();
    setAdded(null);
    if (value === OTHER) loadAll();
    else {
      setOtherMode(false);
      setExchangeId(value);
    }
  };

  const finish = (a: AccountView | null) => {
    if (!a) return;
    setAdded(a);
    setLabel('');
    props.onAdded();
    // The new key's balances are fetched at once; the progress shows below the form.
    setSyncRunId(null);
    call('sync:now', {}).then(
      (run) => setSyncRunId(run.runId),
      () => undefined,
    );
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!chosen) return;
    setAdded(null);
    const creds = credentials({ apiKey, secret, password }, chosen.requiresPassword);
    sent.current = { apiKey, secret, password };
    // Cleared as soon as they are sent (and given back only if the exchange rejects them).
    setApiKey('');
    setSecret('');
    setPassword('');
    void flow.submit(creds).then(finish);
  };

  const others = (all ?? []).filter((e) => !e.featured);

  return (
    <section
      id="add-account"
      tabIndex={-1}
      className="grid-2 add-account"
      aria-labelledby={`${id}-title`}
      data-testid="add-account"
    >
      <form className="panel form-grid" onSubmit={submit} aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`}>Add exchange account</h2>
        <SelectField
          id={`${id}-exchange`}
          label="Exchange"
          value={otherMode ? OTHER : exchangeId}
          options={[...choices(props.featured), { value: OTHER, label: 'Other exchange…' }]}
          onChange={pick}
        />
        {otherMode && (
          <SelectField
            id={`${id}-other`}
            label="Other exchange"
            value={exchangeId}
            disabled={!all}
            options={[
              { value: '', label: all ? `Choose one of ${others.length} exchanges…` : 'Loading the exchange list…' },
              ...choices(others),
            ]}
            onChange={(value) => {
              flow.cancel();
              setExchangeId(value);
            }}
            error={allError}
          />
        )}
        <Field id={`${id}-label`} label="Name">
          <input
            id={`${id}-label`}
            value={label}
            maxLength={60}
            placeholder={chosen ? `e.g. ${chosen.name} main` : 'e.g. Main account'}
            onChange={(e) => setLabel(e.target.value)}
          />
        </Field>
        <SecretField id={`${id}-key`} label="API key" value={apiKey} onChange={setApiKey} required />
        <SecretField id={`${id}-secret`} label="Secret" value={secret} onChange={setSecret} required maxLength={8192} />
        {chosen?.requiresPassword && (
          <SecretField
            id={`${id}-pass`}
            label="Passphrase"
            value={password}
            onChange={setPassword}
            required
            hint={`The passphrase you set when creating the key on ${chosen.name}.`}
          />
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={flow.state.kind === 'busy' || !chosen}>
            Verify and add
          </button>
          <span className="muted small">Ballast checks the key with the exchange before storing it.</span>
        </div>
        <div className="form-feedback">
          <SubmitFeedback
            state={flow.state}
            busyText={`Verifying the key with ${chosen?.name ?? 'the exchange'}…`}
            acceptLabel="I understand, add it anyway"
            onAccept={() => void flow.accept().then(finish)}
            onCancel={flow.cancel}
          />
          {added && flow.state.kind === 'done' && (
            <p className="ok-text" role="status" data-testid="key-added">
              Added “{added.label}”: {verdict(added)}. The key is in the system keychain.
            </p>
          )}
          {added && syncRunId && <FirstSync runId={syncRunId} />}
        </div>
      </form>
      <KeyGuidance chosen={chosen} />
    </section>
  );
}
