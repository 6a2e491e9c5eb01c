/**
 * One watch-only wallet in the wallets panel: where it is read, its sync status, the tokens of its last
 * good read, and its actions (rename, re-scan, with the gap limit of an extended key, remove after a
 * question). Every change calls `onChanged` so WalletsPanel reloads.
 */
import { useId, useState, type FormEvent } from 'react';
import type { WalletView } from '../../../../shared/wallets/types';
import { ConfirmRow } from '../../components/ConfirmRow';
import { Field, TextInput } from '../../components/Field';
import { StatusText, type StatusNote } from '../../components/StatusText';
import { SubmitCancel } from '../../components/SubmitCancel';
import { call, errorText } from '../../lib/api';
import { amount, ago, dateTime } from '../../lib/format';
import { networksText, tokenText, visibleTokens, walletChip, walletSource } from './wallet-text';

export function WalletCard(props: { wallet: WalletView; showHidden: boolean; now: number; onChanged: () => void }) {
  const w = props.wallet;
  const id = useId();
  const [mode, setMode] = useState<'rename' | 'remove' | null>(null);
  const [label, setLabel] = useState(w.label);
  const [gap, setGap] = useState(String(w.extendedKey?.gapLimit ?? ''));
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<StatusNote | null>(null);
  const chip = walletChip(w);
  const tokens = visibleTokens(w.tokens, props.showHidden);

  const run = async (fn: () => Promise<unknown>, ok: string) => {
    setBusy(true);
    setNote(null);
    try {
      await fn();
      setNote({ kind: 'ok', text: ok });
      setMode(null);
    } catch (err) {
      setNote({ kind: 'error', text: errorText(err) });
    } finally {
      setBusy(false);
      props.onChanged();
    }
  };

  const rename = (e: FormEvent) => {
    e.preventDefault();
    void run(() => call('wallets:rename', { id: w.id, label }), 'Renamed.');
  };
  const rescan = () => {
    const gapLimit = Number(gap);
    const withGap = w.extendedKey && Number.isInteger(gapLimit) && gapLimit !== w.extendedKey.gapLimit;
    void run(() => call('wallets:rescan', { id: w.id, ...(withGap ? { gapLimit } : {}) }), 'Read again.');
  };

  return (
    <li className="key-card panel" data-testid="wallet-card" data-wallet={w.id}>
      <div className="key-head">
        <div>
          <h3 className="key-label">{w.label}</h3>
          <div className="muted small">
            {networksText(w)} · <span className="mono">{walletSource(w)}</span>
          </div>
        </div>
        <span className={`tag ${chip.level} key-chip`}>{chip.text}</span>
      </div>
      <p className="small">
        {w.lastError ? (
          <span className="error-text">
            {w.lastError.message} (balances from {dateTime(w.lastSuccessAt)})
          </span>
        ) : (
          <span className="muted">Last read {ago(w.lastSuccessAt, props.now)}</span>
        )}
        {w.usedAddresses !== null && <span className="muted"> · {w.usedAddresses} used addresses</span>}
      </p>
      {tokens.length > 0 && (
        <ul className="small" aria-label={`Tokens of ${w.label}`}>
          {tokens.map((t) => (
            <li key={`${t.network}:${t.asset ?? t.name}`}>{tokenText(t, amount)}</li>
          ))}
        </ul>
      )}
      <div className="actions">
        <button
          type="button"
          onClick={() => setMode(mode === 'rename' ? null : 'rename')}
          aria-expanded={mode === 'rename'}
        >
          Rename
        </button>
        {w.extendedKey && (
          <Field id={`${id}-gap`} label="Gap limit" inline quiet>
            <TextInput id={`${id}-gap`} type="number" min={1} max={200} value={gap} onChange={setGap} />
          </Field>
        )}
        <button type="button" disabled={busy} onClick={rescan}>
          {busy ? 'Reading…' : 'Re-scan'}
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => setMode('remove')}
          aria-label={`Remove wallet ${w.label}`}
        >
          Remove…
        </button>
        <StatusText status={note} as="span" small />
      </div>
      {mode === 'rename' && (
        <form className="row" onSubmit={rename}>
          <Field id={`${id}-label`} label="New name">
            <TextInput id={`${id}-label`} value={label} maxLength={60} required autoFocus onChange={setLabel} />
          </Field>
          <SubmitCancel submitLabel="Save" busy={busy} onCancel={() => setMode(null)} />
        </form>
      )}
      {mode === 'remove' && (
        <ConfirmRow
          label={`Confirm removing ${w.label}`}
          busy={busy}
          onConfirm={() => void run(() => call('wallets:remove', { id: w.id }), 'Removed.')}
          onCancel={() => setMode(null)}
        >
          Stop watching “{w.label}”?{w.extendedKey ? ' Its key is deleted from the system keychain.' : ''}
        </ConfirmRow>
      )}
    </li>
  );
}
