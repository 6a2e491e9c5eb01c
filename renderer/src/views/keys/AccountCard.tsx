/**
 * One exchange account in the key list: its permission and rotation state, key age and last use,
 * hygiene hints, what its sync needs from the user (a paused exchange, an empty balance to confirm:
 * SyncAttention), the actions on it (rename, enable/disable, rotate, re-verify, revoke after a
 * confirmation; once revoked, remove it from the list, its activity staying in the log), then its
 * account history (`history`, the HistoryPanel KeysView builds). Every change calls `onChanged` so
 * KeysView reloads the list and the activity.
 */
import { useState, type ReactNode } from 'react';
import type { AccountView } from '../../../../shared/ipc/channels/accounts';
import type { AccountSyncStatus, ExchangePause } from '../../../../shared/ipc/channels/sync';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { SyncAttention } from '../../components/SyncAttention';
import { call, errorText } from '../../lib/api';
import { ago, dateTime, plural } from '../../lib/format';
import { enabledText, rotationText, verdict } from './account-text';
import { PermissionChip } from './PermissionChip';
import { RenameForm } from './RenameForm';
import { RotateForm } from './RotateForm';

function MetaItem(props: { term: string; title?: string; children: ReactNode }) {
  return (
    <div>
      <dt>{props.term}</dt>
      <dd title={props.title}>{props.children}</dd>
    </div>
  );
}

export function AccountCard(props: {
  account: AccountView;
  now: number;
  requiresPassword: boolean | null;
  sync?: AccountSyncStatus | undefined;
  pause?: ExchangePause | undefined;
  onChanged: () => void;
  /** The account's history panel, shown under its actions. */
  history?: ReactNode;
}) {
  const a = props.account;
  const [mode, setMode] = useState<'rename' | 'rotate' | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [confirmRevoke, setConfirmRevoke] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const revoked = a.status === 'revoked';
  const since = (t: number | null) => ago(t, props.now);

  const act = async (what: string, fn: () => Promise<AccountView>, done: (r: AccountView) => string) => {
    setBusy(what);
    setMessage(null);
    try {
      const r = await fn();
      setMessage({ kind: 'ok', text: done(r) });
    } catch (err) {
      setMessage({ kind: 'error', text: errorText(err) });
    } finally {
      props.onChanged();
      setBusy(null);
    }
  };

  const toggle = (next: 'rename' | 'rotate') => {
    setMessage(null);
    setMode(mode === next ? null : next);
  };

  const setEnabled = () =>
    act('enable', () => call('accounts:setEnabled', { id: a.id, enabled: a.status !== 'active' }), enabledText);
  const reverify = () =>
    act(
      'reverify',
      () => call('accounts:reverify', { id: a.id }),
      (r) => `Checked with ${r.exchangeName}: ${verdict(r)}.`,
    );
  const revoke = () =>
    act(
      'revoke',
      () => call('accounts:revoke', { id: a.id }),
      () => 'Revoked: the key was removed from the system keychain.',
    );

  const remove = async () => {
    setBusy('remove');
    setMessage(null);
    try {
      await call('accounts:remove', { id: a.id });
    } catch (err) {
      setMessage({ kind: 'error', text: errorText(err) });
    } finally {
      setBusy(null);
      props.onChanged();
    }
  };

  const finished = (text: (r: AccountView) => string) => (r: AccountView) => {
    setMode(null);
    setMessage({ kind: 'ok', text: text(r) });
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
        <MetaItem term="Key age">
          {plural(a.keyAgeDays, 'day')}
          {!revoked && <span className={a.rotationDue ? 'warn-text' : 'muted'}> · {rotationText(a)}</span>}
        </MetaItem>
        <MetaItem term="Last used" title={dateTime(a.lastUsedAt)}>
          {since(a.lastUsedAt)}
        </MetaItem>
        <MetaItem term="Last verified" title={dateTime(a.lastVerifiedAt)}>
          {since(a.lastVerifiedAt)}
        </MetaItem>
        <MetaItem term="Added" title={dateTime(a.createdAt)}>
          {since(a.createdAt)}
          {a.rotatedAt !== null && <span className="muted"> · rotated {since(a.rotatedAt)}</span>}
        </MetaItem>
      </dl>

      <SyncAttention account={props.sync} pause={props.pause} onConfirmed={props.onChanged} />

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
            <button type="button" disabled={busy !== null} onClick={() => void setEnabled()}>
              {a.status === 'active' ? 'Disable' : 'Enable'}
            </button>
            <button type="button" onClick={() => toggle('rotate')} aria-expanded={mode === 'rotate'}>
              Rotate key
            </button>
            <button type="button" disabled={busy !== null} onClick={() => void reverify()}>
              {busy === 'reverify' ? 'Checking…' : 'Re-verify'}
            </button>
            <button type="button" className="danger" disabled={busy !== null} onClick={() => setConfirmRevoke(true)}>
              Revoke…
            </button>
          </>
        )}
        {revoked && (
          <button type="button" className="danger" disabled={busy !== null} onClick={() => setConfirmRemove(true)}>
            Remove…
          </button>
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
        <RenameForm account={a} onDone={finished((r) => `Renamed to “${r.label}”.`)} onCancel={() => setMode(null)} />
      )}
      {mode === 'rotate' && (
        <RotateForm
          account={a}
          requiresPassword={props.requiresPassword}
          onDone={finished(() => 'Key rotated; the new key is in the system keychain.')}
          onCancel={() => setMode(null)}
        />
      )}

      {props.history}

      <ConfirmDialog
        open={confirmRevoke}
        title={`Revoke the key of “${a.label}”?`}
        confirmLabel="Revoke key"
        onClose={() => setConfirmRevoke(false)}
        onConfirm={() => {
          setConfirmRevoke(false);
          void revoke();
        }}
      >
        <p>
          Ballast deletes the key (…{a.fingerprint}) from the system keychain and stops syncing this account. Its
          activity history stays.
        </p>
        <p className="muted small">Also delete the key on {a.exchangeName}, so that it cannot be used anywhere.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirmRemove}
        title={`Remove “${a.label}” from the list?`}
        confirmLabel="Remove"
        onClose={() => setConfirmRemove(false)}
        onConfirm={() => {
          setConfirmRemove(false);
          void remove();
        }}
      >
        <p>Ballast forgets this revoked account. Its entries in the activity log stay, and the log still verifies.</p>
      </ConfirmDialog>
    </li>
  );
}
