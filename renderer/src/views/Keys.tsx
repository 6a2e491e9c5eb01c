/**
 * Keys & Activity: the user's exchange accounts and their read-only API keys (add, rename,
 * disable, rotate, re-verify, revoke), and the local activity log (daily call volume, filterable
 * entries, chain verification).
 *
 * Credentials typed here are sent to main once and never shown again: the inputs are password
 * fields without autocomplete, cleared as soon as the request is sent. Only for the explicit
 * "add it anyway" retry of a trading key are they kept in memory, until that retry or a cancel.
 */
import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Bar } from 'react-chartjs-2';
import type {
  AccountView,
  ActivityKindFilter,
  ActivityRow,
  DailyActivity,
  ExchangeChoice,
} from '../../../shared/ipc/channels/accounts';
import { ApiError, call, errorText } from '../lib/api';
import { ago, dateTime, plural } from '../lib/format';
import { useAsync } from '../lib/useApi';
import './keys.css';

// ---------------------------------------------------------------------------------------------
// Helpers

interface Credentials {
  apiKey: string;
  secret: string;
  password?: string;
}

type SubmitState =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'needs-accept'; message: string }
  | { kind: 'error'; code: string; message: string }
  | { kind: 'done'; message: string };

const ERROR_HEADLINES: Record<string, string> = {
  'key-withdraw-enabled': 'This key can withdraw funds, so it was refused.',
  auth: 'The exchange rejected this key.',
  'keychain-unavailable': 'The system keychain is not available.',
  'key-duplicate': 'This key is already added.',
  'key-unchanged': 'This is the key already in use.',
  'bad-request': 'Some fields are not valid.',
};

function failure(err: unknown): { code: string; message: string } {
  if (err instanceof ApiError) return { code: err.code, message: errorText(err) };
  return { code: 'internal', message: errorText(err) };
}

/** The permission chip of a key: read-only is fine, trade and unverified stand out. */
function PermissionChip({ account }: { account: AccountView }) {
  const p = account.permission;
  if (account.status === 'revoked') {
    return <span className="tag key-chip revoked">Revoked</span>;
  }
  if (!p) return <span className="tag warn key-chip">Unverified</span>;
  if (p.status === 'withdraw' || p.canWithdraw) {
    return (
      <span className="tag crit key-chip strong" title="This key can withdraw funds">
        ⛔ Withdraw enabled
      </span>
    );
  }
  if (p.status === 'trade' || p.canTrade) {
    return (
      <span className="tag crit key-chip strong" title="This key can place orders">
        ⚠ Can trade{account.tradeAccepted ? ' (accepted)' : ''}
      </span>
    );
  }
  if (p.status === 'unverified') {
    return (
      <span className="tag warn key-chip" title="The exchange did not confirm what this key may do">
        ? Unverified
      </span>
    );
  }
  return (
    <span className="tag ok key-chip" title="The exchange confirmed this key can only read">
      ✓ Read-only
    </span>
  );
}

function SecretInput(props: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  required?: boolean;
  hint?: string;
  maxLength?: number;
}) {
  return (
    <label className="field" htmlFor={props.id}>
      <span>{props.label}</span>
      <input
        id={props.id}
        type="password"
        autoComplete="off"
        autoCorrect="off"
        autoCapitalize="off"
        spellCheck={false}
        required={props.required}
        maxLength={props.maxLength ?? 1024}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.hint && <small className="muted">{props.hint}</small>}
    </label>
  );
}

/** Progress, trade-acceptance prompt, errors and success of an add/rotate request. */
function SubmitFeedback(props: {
  state: SubmitState;
  busyText: string;
  acceptLabel: string;
  onAccept: () => void;
  onCancel: () => void;
}) {
  const s = props.state;
  if (s.kind === 'busy') {
    return (
      <div className="row key-progress" role="status" data-testid="key-progress">
        <progress aria-label={props.busyText} />
        <span>{props.busyText}</span>
      </div>
    );
  }
  if (s.kind === 'needs-accept') {
    return (
      <div className="trade-warning" role="alert" data-testid="trade-warning">
        <strong>⚠ This key can place orders.</strong>
        <p>{s.message}</p>
        <p className="small">
          Ballast never places orders, but anyone who obtains this key could. Prefer creating a read-only key on the
          exchange.
        </p>
        <div className="actions">
          <button type="button" className="danger" onClick={props.onAccept}>
            {props.acceptLabel}
          </button>
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
        </div>
      </div>
    );
  }
  if (s.kind === 'error') {
    return (
      <div className="banner error key-error" role="alert" data-testid="key-error" data-code={s.code}>
        {ERROR_HEADLINES[s.code] && <strong>{ERROR_HEADLINES[s.code]} </strong>}
        {s.message}
      </div>
    );
  }
  if (s.kind === 'done' && s.message) {
    return (
      <p className="ok-text" role="status">
        {s.message}
      </p>
    );
  }
  return null;
}

function verdict(a: AccountView): string {
  const p = a.permission?.status;
  if (p === 'read-only') return 'verified read-only';
  if (p === 'trade') return 'can place orders (accepted)';
  return 'permissions could not be verified: make sure it is read-only';
}

/**
 * Submit credentials with the trade-acceptance flow: the inputs are cleared right away; on
 * 'key-trade-needs-acceptance' the credentials are held in memory for the explicit retry only.
 */
function useKeySubmit(send: (creds: Credentials, acceptTrade: boolean) => Promise<AccountView>) {
  const [state, setState] = useState<SubmitState>({ kind: 'idle' });
  const pending = useRef<Credentials | null>(null);

  const run = async (creds: Credentials, acceptTrade: boolean): Promise<AccountView | null> => {
    pending.current = null;
    setState({ kind: 'busy' });
    try {
      const account = await send(creds, acceptTrade);
      setState({ kind: 'done', message: '' });
      return account;
    } catch (err) {
      const f = failure(err);
      if (f.code === 'key-trade-needs-acceptance' && !acceptTrade) {
        pending.current = creds;
        setState({ kind: 'needs-accept', message: f.message });
      } else {
        setState({ kind: 'error', ...f });
      }
      return null;
    }
  };

  return {
    state,
    setState,
    submit: (creds: Credentials) => run(creds, false),
    accept: () => (pending.current ? run(pending.current, true) : Promise.resolve(null)),
    cancel: () => {
      pending.current = null;
      setState({ kind: 'idle' });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Revoke confirmation

function ConfirmDialog(props: {
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
      // The safe choice has the focus: Enter or Escape keeps the key.
      cancelRef.current?.focus();
    }
    if (!props.open && d.open) d.close();
  }, [props.open]);
  return (
    <dialog ref={ref} className="keys-dialog" aria-labelledby={titleId} onClose={props.onClose}>
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

// ---------------------------------------------------------------------------------------------
// One account

function RotateForm(props: {
  account: AccountView;
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
    const creds: Credentials = { apiKey, secret, ...(password.trim() ? { password } : {}) };
    setApiKey('');
    setSecret('');
    setPassword('');
    void flow.submit(creds).then(finish);
  };
  const busy = flow.state.kind === 'busy';

  return (
    <form className="rotate-form" onSubmit={submit} aria-label={`Rotate the key of ${account.label}`}>
      <p className="small muted">
        Create a new read-only key on {account.exchangeName}, paste it here, then delete the old key (…
        {account.fingerprint}) on the exchange. The account keeps its history.
      </p>
      <div className="form-grid">
        <SecretInput id={`${id}-key`} label="New API key" value={apiKey} onChange={setApiKey} required />
        <SecretInput id={`${id}-secret`} label="Secret" value={secret} onChange={setSecret} required maxLength={8192} />
        {props.requiresPassword !== false && (
          <SecretInput
            id={`${id}-pass`}
            label={props.requiresPassword ? 'Passphrase' : 'Passphrase (if the exchange gave you one)'}
            value={password}
            onChange={setPassword}
            required={props.requiresPassword === true}
          />
        )}
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          Rotate key
        </button>
        <button type="button" onClick={props.onCancel} disabled={busy}>
          Cancel
        </button>
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

function RenameForm(props: { account: AccountView; onDone: (a: AccountView) => void; onCancel: () => void }) {
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
      <label className="field" htmlFor={`${id}-label`}>
        <span>New name</span>
        <input
          id={`${id}-label`}
          value={label}
          maxLength={60}
          autoFocus
          required
          onChange={(e) => setLabel(e.target.value)}
        />
      </label>
      <button type="submit" className="primary">
        Save
      </button>
      <button type="button" onClick={props.onCancel}>
        Cancel
      </button>
      {error && (
        <span role="alert" className="error-text">
          {error}
        </span>
      )}
    </form>
  );
}

function AccountCard(props: {
  account: AccountView;
  now: number;
  requiresPassword: boolean | null;
  onChanged: () => void;
}) {
  const a = props.account;
  const [mode, setMode] = useState<'rename' | 'rotate' | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [confirmRevoke, setConfirmRevoke] = useState(false);
  const revoked = a.status === 'revoked';

  const act = async (what: string, fn: () => Promise<AccountView>, done: (r: AccountView) => string) => {
    setBusy(what);
    setMessage(null);
    try {
      const r = await fn();
      setMessage({ kind: 'ok', text: done(r) });
      props.onChanged();
    } catch (err) {
      setMessage({ kind: 'error', text: errorText(err) });
      props.onChanged();
    } finally {
      setBusy(null);
    }
  };

  const toggle = (next: 'rename' | 'rotate') => {
    setMessage(null);
    setMode(mode === next ? null : next);
  };

  const finished = (text: string) => (r: AccountView) => {
    setMode(null);
    setMessage({ kind: 'ok', text: text.replace('{label}', r.label) });
    props.onChanged();
  };

  return (
    <li className={`key-card panel status-${a.status}`} data-testid="key-card" data-account={a.id}>
      <div className="key-head">
        <div>
          <h3 className="key-label">{a.label}</h3>
          <div className="muted small">
            {a.exchangeName} · key <span className="mono">…{a.fingerprint}</span>
          </div>
        </div>
        <div className="key-chips" data-testid="key-status">
          <PermissionChip account={a} />
          {a.status === 'disabled' && <span className="tag info key-chip">Disabled</span>}
          {!revoked && a.rotationDue && <span className="tag warn key-chip">Rotation due</span>}
        </div>
      </div>

      <dl className="key-meta">
        <div>
          <dt>Key age</dt>
          <dd>
            {plural(a.keyAgeDays, 'day')}
            {!revoked && (
              <span className={a.rotationDue ? 'warn-text' : 'muted'}>
                {' '}
                ·{' '}
                {a.rotationDue
                  ? `rotation due (every ${a.rotationDays} days)`
                  : `rotate in ${plural(a.rotationDays - a.keyAgeDays, 'day')}`}
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>Last used</dt>
          <dd title={dateTime(a.lastUsedAt)}>{ago(a.lastUsedAt, props.now)}</dd>
        </div>
        <div>
          <dt>Last verified</dt>
          <dd title={dateTime(a.lastVerifiedAt)}>{ago(a.lastVerifiedAt, props.now)}</dd>
        </div>
        <div>
          <dt>Added</dt>
          <dd title={dateTime(a.createdAt)}>
            {ago(a.createdAt, props.now)}
            {a.rotatedAt !== null && <span className="muted"> · rotated {ago(a.rotatedAt, props.now)}</span>}
          </dd>
        </div>
      </dl>

      {a.hints.length > 0 && (
        <ul className="key-hints" aria-label={`Advice for ${a.label}`}>
          {a.hints.map((h) => (
            <li key={h.code} className={`hint ${h.level}`} data-code={h.code}>
              {h.text}
            </li>
          ))}
        </ul>
      )}

      <div className="actions key-actions">
        <button type="button" onClick={() => toggle('rename')} aria-expanded={mode === 'rename'}>
          Rename
        </button>
        {!revoked && (
          <>
            <button
              type="button"
              disabled={busy !== null}
              onClick={() =>
                void act(
                  'enable',
                  () => call('accounts:setEnabled', { id: a.id, enabled: a.status !== 'active' }),
                  (r) => (r.status === 'active' ? 'Enabled: this account is synced again.' : 'Disabled: not synced.'),
                )
              }
            >
              {a.status === 'active' ? 'Disable' : 'Enable'}
            </button>
            <button type="button" onClick={() => toggle('rotate')} aria-expanded={mode === 'rotate'}>
              Rotate key
            </button>
            <button
              type="button"
              disabled={busy !== null}
              onClick={() =>
                void act(
                  'reverify',
                  () => call('accounts:reverify', { id: a.id }),
                  (r) => `Checked with ${r.exchangeName}: ${verdict(r)}.`,
                )
              }
            >
              {busy === 'reverify' ? 'Checking…' : 'Re-verify'}
            </button>
            <button type="button" className="danger" disabled={busy !== null} onClick={() => setConfirmRevoke(true)}>
              Revoke…
            </button>
          </>
        )}
        {busy === 'reverify' && <progress aria-label={`Checking the key with ${a.exchangeName}`} />}
        {message && (
          <span
            role={message.kind === 'error' ? 'alert' : 'status'}
            className={message.kind === 'error' ? 'error-text' : 'ok-text'}
            data-testid="key-message"
          >
            {message.text}
          </span>
        )}
      </div>

      {mode === 'rename' && (
        <RenameForm account={a} onDone={finished('Renamed to “{label}”.')} onCancel={() => setMode(null)} />
      )}
      {mode === 'rotate' && (
        <RotateForm
          account={a}
          requiresPassword={props.requiresPassword}
          onDone={finished('Key rotated; the new key is in the system keychain.')}
          onCancel={() => setMode(null)}
        />
      )}

      <ConfirmDialog
        open={confirmRevoke}
        title={`Revoke the key of “${a.label}”?`}
        confirmLabel="Revoke key"
        onClose={() => setConfirmRevoke(false)}
        onConfirm={() => {
          setConfirmRevoke(false);
          void act(
            'revoke',
            () => call('accounts:revoke', { id: a.id }),
            () => 'Revoked: the key was removed from the system keychain.',
          );
        }}
      >
        <p>
          Ballast deletes the key (…{a.fingerprint}) from the system keychain and stops syncing this account. Its
          activity history stays.
        </p>
        <p className="muted small">Also delete the key on {a.exchangeName}, so that it cannot be used anywhere.</p>
      </ConfirmDialog>
    </li>
  );
}

// ---------------------------------------------------------------------------------------------
// Adding an account

const OTHER = '__other';

function AddAccount(props: { featured: ExchangeChoice[]; onAdded: () => void }) {
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

  const chosen: ExchangeChoice | undefined =
    props.featured.find((e) => e.id === exchangeId) ?? all?.find((e) => e.id === exchangeId);
  const flow = useKeySubmit((creds, acceptTrade) =>
    call('accounts:add', {
      exchange: exchangeId,
      label: label.trim() || (chosen?.name ?? exchangeId),
      ...creds,
      acceptTrade,
    }),
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
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!chosen) return;
    setAdded(null);
    const creds: Credentials = {
      apiKey,
      secret,
      ...(chosen.requiresPassword && password.trim() ? { password } : {}),
    };
    // Cleared as soon as they are sent: the secret is never shown again.
    setApiKey('');
    setSecret('');
    setPassword('');
    void flow.submit(creds).then(finish);
  };

  const busy = flow.state.kind === 'busy';
  const others = (all ?? []).filter((e) => !e.featured);

  return (
    <section className="grid-2 add-account" aria-labelledby={`${id}-title`} data-testid="add-account">
      <form className="panel form-grid" onSubmit={submit} aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`}>Add exchange account</h2>
        <label className="field" htmlFor={`${id}-exchange`}>
          <span>Exchange</span>
          <select id={`${id}-exchange`} value={otherMode ? OTHER : exchangeId} onChange={(e) => pick(e.target.value)}>
            {props.featured.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
            <option value={OTHER}>Other exchange…</option>
          </select>
        </label>
        {otherMode && (
          <label className="field" htmlFor={`${id}-other`}>
            <span>Other exchange</span>
            <select
              id={`${id}-other`}
              value={exchangeId}
              disabled={!all}
              onChange={(e) => {
                flow.cancel();
                setExchangeId(e.target.value);
              }}
            >
              <option value="">
                {all ? `Choose one of ${others.length} exchanges…` : 'Loading the exchange list…'}
              </option>
              {others.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.name}
                </option>
              ))}
            </select>
            {allError && (
              <small role="alert" className="error-text">
                {allError}
              </small>
            )}
          </label>
        )}
        <label className="field" htmlFor={`${id}-label`}>
          <span>Name</span>
          <input
            id={`${id}-label`}
            value={label}
            maxLength={60}
            placeholder={chosen ? `e.g. ${chosen.name} main` : 'e.g. Main account'}
            onChange={(e) => setLabel(e.target.value)}
          />
        </label>
        <SecretInput id={`${id}-key`} label="API key" value={apiKey} onChange={setApiKey} required />
        <SecretInput id={`${id}-secret`} label="Secret" value={secret} onChange={setSecret} required maxLength={8192} />
        {chosen?.requiresPassword && (
          <SecretInput
            id={`${id}-pass`}
            label="Passphrase"
            value={password}
            onChange={setPassword}
            required
            hint={`The passphrase you set when creating the key on ${chosen.name}.`}
          />
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || !chosen}>
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
        </div>
      </form>
      <aside className="panel key-guidance" aria-label="How to create a read-only key" data-testid="key-guidance">
        {chosen ? (
          <>
            <h2>Create a read-only key on {chosen.name}</h2>
            <p>{chosen.guidance}</p>
            {chosen.hasPermissionCheck ? (
              <p className="muted small">
                Ballast asks {chosen.name} what the key may do before storing it: keys that can withdraw are refused,
                keys that can trade need your explicit agreement.
              </p>
            ) : (
              <p className="warn-text small">
                {chosen.name} does not tell apps what a key may do, so Ballast cannot check it. Make sure the key is
                read-only.
              </p>
            )}
          </>
        ) : (
          <p className="muted">Choose an exchange to see how to create a read-only key for it.</p>
        )}
        <p className="muted small">
          The key, secret and passphrase go straight to your system keychain. Ballast never shows them again and never
          writes them to a file.
        </p>
      </aside>
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// Activity

const PAGE_SIZE = 25;
const CHART_DAYS = 30;

const KIND_LABELS: Record<string, string> = {
  'api-call': 'API call',
  'key-added': 'Key added',
  'key-verified': 'Key verified',
  'key-rotated': 'Key rotated',
  'key-revoked': 'Key revoked',
  'key-renamed': 'Renamed',
  'key-refused': 'Key refused',
  'account-disabled': 'Disabled',
  'account-enabled': 'Enabled',
  'permission-flagged': 'Permission flagged',
};

const KIND_FILTERS: { value: ActivityKindFilter | ''; label: string }[] = [
  { value: '', label: 'Everything' },
  { value: 'api-call', label: 'API calls' },
  { value: 'lifecycle', label: 'Key & account events' },
  ...Object.entries(KIND_LABELS)
    .filter(([k]) => k !== 'api-call')
    .map(([k, label]) => ({ value: k as ActivityKindFilter, label: `— ${label}` })),
];

function words(key: string): string {
  return key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function detailText(r: ActivityRow): string {
  return Object.entries(r.detail)
    .map(([k, v]) => `${words(k)}: ${String(v)}`)
    .join(' · ');
}

function ChainStatusView({ version }: { version: number }) {
  const chain = useAsync(() => call('activity:verify'), [version]);
  const c = chain.data;
  return (
    <div className="row chain-status" data-testid="chain-status">
      {chain.error ? (
        <span role="alert" className="error-text">
          {chain.error}
        </span>
      ) : !c ? (
        <span className="muted">Checking the log…</span>
      ) : c.ok ? (
        <span role="status">
          <span className="tag ok">✓ Log intact</span>{' '}
          <span className="muted small">
            {c.entries} {c.entries === 1 ? 'entry' : 'entries'} checked; each is chained to the one before.
          </span>
        </span>
      ) : (
        <span role="alert">
          <span className="tag crit">⚠ Log altered at entry {c.brokenAt}</span>{' '}
          <span className="small">{c.reason}</span>
        </span>
      )}
      <button type="button" onClick={chain.reload} disabled={chain.loading}>
        {chain.loading ? 'Checking…' : 'Check again'}
      </button>
    </div>
  );
}

function ActivityChart({ days }: { days: DailyActivity[] }) {
  const calls = days.reduce((s, d) => s + d.calls, 0);
  const errors = days.reduce((s, d) => s + d.errors, 0);
  const data = useMemo(
    () => ({
      labels: days.map((d) => d.date.slice(5)),
      datasets: [
        { label: 'Calls', data: days.map((d) => d.calls), backgroundColor: '#58a6ff' },
        { label: 'Errors', data: days.map((d) => d.errors), backgroundColor: '#f85149' },
      ],
    }),
    [days],
  );
  return (
    <div
      className="chart-box activity-chart"
      role="img"
      aria-label={`Exchange API calls per day, last ${CHART_DAYS} days: ${calls} calls, ${errors} errors`}
      data-testid="activity-chart"
    >
      {calls === 0 && <p className="chart-empty muted">No exchange API calls in the last {CHART_DAYS} days.</p>}
      <Bar
        data={data}
        options={{
          responsive: true,
          maintainAspectRatio: false,
          plugins: { legend: { position: 'top', align: 'end' } },
          scales: { y: { beginAtZero: true, ticks: { precision: 0 } }, x: { grid: { display: false } } },
        }}
      />
    </div>
  );
}

function Activity(props: { accounts: AccountView[]; version: number }) {
  const id = useId();
  const [accountId, setAccountId] = useState('');
  const [kind, setKind] = useState<ActivityKindFilter | ''>('');
  const [errorsOnly, setErrorsOnly] = useState(false);
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(0);

  const daily = useAsync(
    () => call('activity:daily', { days: CHART_DAYS, ...(accountId ? { accountId } : {}) }),
    [accountId, props.version],
  );
  const rows = useAsync(
    () =>
      call('activity:query', {
        ...(accountId ? { accountId } : {}),
        ...(kind ? { kind } : {}),
        ...(errorsOnly ? { errorsOnly } : {}),
        ...(search.trim() ? { search: search.trim() } : {}),
        limit: PAGE_SIZE,
        offset: page * PAGE_SIZE,
      }),
    [accountId, kind, errorsOnly, search, page, props.version],
  );

  const labels = useMemo(() => new Map(props.accounts.map((a) => [a.id, a.label])), [props.accounts]);
  const filter =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(0);
    };
  const total = rows.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const from = total === 0 ? 0 : page * PAGE_SIZE + 1;
  const to = Math.min(total, (page + 1) * PAGE_SIZE);

  const accountText = (r: ActivityRow) => {
    if (r.accountId) return labels.get(r.accountId) ?? 'Removed account';
    return r.kind === 'api-call' ? 'Key check' : '—';
  };

  return (
    <section className="panel activity" aria-labelledby={`${id}-title`} data-testid="activity">
      <div className="toolbar">
        <h2 id={`${id}-title`}>Activity</h2>
        <ChainStatusView version={props.version} />
      </div>
      <p className="muted small">
        Every call Ballast makes to an exchange and every change to your keys, kept on this computer only. Calls made
        while checking a new key show as “Key check”.
      </p>

      {daily.error ? (
        <p role="alert" className="error-text">
          {daily.error}
        </p>
      ) : daily.data ? (
        <ActivityChart days={daily.data} />
      ) : (
        <p className="muted">Loading…</p>
      )}

      <div className="row activity-filters" role="group" aria-label="Filter the activity">
        <label className="field" htmlFor={`${id}-account`}>
          <span>Account</span>
          <select id={`${id}-account`} value={accountId} onChange={(e) => filter(setAccountId)(e.target.value)}>
            <option value="">All accounts</option>
            {props.accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.label} ({a.exchangeName})
              </option>
            ))}
          </select>
        </label>
        <label className="field" htmlFor={`${id}-kind`}>
          <span>Kind</span>
          <select
            id={`${id}-kind`}
            value={kind}
            onChange={(e) => filter(setKind)(e.target.value as ActivityKindFilter | '')}
          >
            {KIND_FILTERS.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field" htmlFor={`${id}-search`}>
          <span>Endpoint contains</span>
          <input
            id={`${id}-search`}
            type="search"
            value={search}
            maxLength={200}
            placeholder="e.g. balance"
            onChange={(e) => filter(setSearch)(e.target.value)}
          />
        </label>
        <label className="field checkbox" htmlFor={`${id}-errors`}>
          <input
            id={`${id}-errors`}
            type="checkbox"
            checked={errorsOnly}
            onChange={(e) => filter(setErrorsOnly)(e.target.checked)}
          />
          <span>Errors only</span>
        </label>
      </div>

      {rows.error && (
        <p role="alert" className="error-text">
          {rows.error}
        </p>
      )}
      <table className="table activity-table" data-testid="activity-table" aria-busy={rows.loading}>
        <thead>
          <tr>
            <th>Time</th>
            <th>Account</th>
            <th>Event</th>
            <th>Endpoint / details</th>
            <th className="num">Status</th>
            <th className="num">Duration</th>
            <th>Result</th>
          </tr>
        </thead>
        <tbody>
          {(rows.data?.entries ?? []).length === 0 ? (
            <tr>
              <td colSpan={7} className="muted">
                {rows.loading
                  ? 'Loading…'
                  : accountId || kind || errorsOnly || search
                    ? 'No activity matches these filters.'
                    : 'No activity yet. Add an exchange account to see its calls here.'}
              </td>
            </tr>
          ) : (
            rows.data!.entries.map((r) => (
              <tr key={r.seq} data-kind={r.kind}>
                <td className="nowrap">{dateTime(r.at)}</td>
                <td>
                  {accountText(r)}
                  {r.exchange && <div className="muted small">{r.exchange}</div>}
                </td>
                <td>{KIND_LABELS[r.kind] ?? r.kind}</td>
                <td className="activity-detail">
                  {r.endpoint ? (
                    <span className="mono">
                      {r.method} {r.endpoint}
                    </span>
                  ) : (
                    <span className="small">{detailText(r)}</span>
                  )}
                  {r.redacted > 0 && <span className="tag info small"> {r.redacted} value(s) redacted</span>}
                </td>
                <td className="num">{r.status ?? ''}</td>
                <td className="num">{r.durationMs !== null ? `${Math.round(r.durationMs)} ms` : ''}</td>
                <td>
                  {r.ok === true && <span className="tag ok">OK</span>}
                  {r.ok === false && <span className="tag crit">{r.errorClass ?? 'Failed'}</span>}
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      <div className="row pager" role="navigation" aria-label="Activity pages">
        <button type="button" disabled={page === 0} onClick={() => setPage((p) => Math.max(0, p - 1))}>
          ← Newer
        </button>
        <span className="muted" data-testid="activity-range">
          {total === 0 ? 'No entries' : `${from}–${to} of ${total}`}
        </span>
        <button type="button" disabled={page + 1 >= pages} onClick={() => setPage((p) => p + 1)}>
          Older →
        </button>
      </div>
    </section>
  );
}

// ---------------------------------------------------------------------------------------------

export function KeysView() {
  const [version, setVersion] = useState(0);
  const bump = () => setVersion((v) => v + 1);
  const accounts = useAsync(() => call('accounts:list'), [version]);
  const featured = useAsync(() => call('exchanges:featured'), []);
  const keychain = useAsync(() => call('keychain:status'), []);
  const now = Date.now();

  const list = accounts.data ?? [];
  const requiresPassword = (exchange: string): boolean | null =>
    featured.data?.find((e) => e.id === exchange)?.requiresPassword ?? null;
  const live = list.filter((a) => a.status !== 'revoked').length;

  return (
    <div className="stack keys-view">
      {keychain.data && !keychain.data.ok && (
        <div className="banner error" role="alert" data-testid="keychain-status">
          <strong>The system keychain is not available.</strong> {keychain.data.message}{' '}
          <button type="button" className="link" onClick={keychain.reload}>
            Check again
          </button>
        </div>
      )}

      <section className="panel" aria-labelledby="keys-title">
        <div className="toolbar">
          <h2 id="keys-title">Exchange keys</h2>
          <span className="muted small">
            {[
              list.length === 0
                ? ''
                : `${plural(live, 'active key')}${list.length > live ? `, ${list.length - live} revoked` : ''}`,
              keychain.data?.ok ? keychain.data.message : '',
            ]
              .filter(Boolean)
              .join(' · ')}
          </span>
        </div>
        {accounts.error && (
          <p role="alert" className="error-text">
            {accounts.error}
          </p>
        )}
        {accounts.data === undefined && !accounts.error ? (
          <p className="muted">Loading accounts…</p>
        ) : list.length === 0 ? (
          <div className="keys-empty" data-testid="keys-empty">
            <p>
              <strong>No exchange accounts yet.</strong> Add one below with a <em>read-only</em> API key: Ballast only
              reads balances and never places orders.
            </p>
          </div>
        ) : (
          <ul className="key-list" data-testid="key-list">
            {list.map((a) => (
              <AccountCard
                key={a.id}
                account={a}
                now={now}
                requiresPassword={requiresPassword(a.exchange)}
                onChanged={bump}
              />
            ))}
          </ul>
        )}
      </section>

      {featured.error ? (
        <p role="alert" className="error-text">
          {featured.error}
        </p>
      ) : featured.data ? (
        <AddAccount featured={featured.data} onAdded={bump} />
      ) : null}

      <Activity accounts={list} version={version} />
    </div>
  );
}
