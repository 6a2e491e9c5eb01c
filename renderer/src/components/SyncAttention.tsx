/**
 * What an account's sync needs the user to know or do, shown both in the Dashboard's sync panel
 * (SyncStatus) and on the account's card in Keys & Activity:
 * - its exchange is paused ("Binance: paused until 14:32 (rate limit)"): Ballast makes no call to it
 *   before then, because the exchange asked it to wait;
 * - every balance read as zero in the last sync: the question from main and a "Confirm empty balance"
 *   button (sync:confirmEmpty); until confirmed, Ballast keeps the last balances.
 * Renders nothing when there is nothing to say. `onConfirmed` receives the new status.
 */
import { useState } from 'react';
import type { AccountSyncStatus, ExchangePause, SyncStatus } from '../../../shared/ipc/channels/sync';
import { call, errorText } from '../lib/api';

const REASON: Record<ExchangePause['reason'], string> = { 'rate-limit': 'rate limit', ban: 'IP ban' };

function clockTime(ms: number): string {
  return new Date(ms).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
}

/** "Binance: paused until 14:32 (rate limit)". */
export function pauseText(p: ExchangePause): string {
  return `${p.name}: paused until ${clockTime(p.until)} (${REASON[p.reason]})`;
}

export function SyncAttention(props: {
  account: Pick<AccountSyncStatus, 'accountId' | 'needsConfirmation'> | undefined;
  pause: ExchangePause | undefined;
  onConfirmed: (status: SyncStatus) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const pending = props.account?.needsConfirmation;
  if (!pending && !props.pause) return null;

  const confirm = async (accountId: string) => {
    setBusy(true);
    setError(null);
    try {
      props.onConfirmed(await call('sync:confirmEmpty', { accountId }));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="sync-attention" data-testid="sync-attention">
      {props.pause && (
        <span className="small warn-text" data-testid="sync-pause">
          {pauseText(props.pause)}
        </span>
      )}
      {pending && props.account && (
        <div className="row" data-testid="sync-confirm">
          <span className="small warn-text">{pending.message}</span>
          <button type="button" disabled={busy} onClick={() => void confirm(props.account!.accountId)}>
            {busy ? 'Confirming…' : 'Confirm empty balance'}
          </button>
        </div>
      )}
      {error && (
        <span role="alert" className="small error-text">
          {error}
        </span>
      )}
    </div>
  );
}
