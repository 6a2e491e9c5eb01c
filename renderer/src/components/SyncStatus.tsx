/**
 * Dashboard panel: exchange accounts with their sync status, a progress bar while a sync runs and
 * the "Sync now" button (also offered with manual holdings only: a sync then fetches their prices). Stale accounts show the error and when it happened; a paused exchange and an
 * empty balance waiting for confirmation are shown with the account (SyncAttention).
 */
import { useCallback, useEffect, useState } from 'react';
import type { AccountSyncStatus, SyncProgress, SyncStatus as Status } from '../../../shared/ipc/channels/sync';
import { call, errorText, onEvent } from '../lib/api';
import { useApp } from '../lib/context';
import { dateTime } from '../lib/format';
import { SyncAttention } from './SyncAttention';

const STEP_LABEL: Record<string, string> = {
  queued: 'waiting',
  fetching: 'fetching',
  retrying: 'retrying',
  ok: 'synced',
  error: 'failed',
  confirm: 'balance vanished',
};

function chip(a: AccountSyncStatus, live: SyncProgress | null) {
  const step = live?.accounts.find((x) => x.accountId === a.accountId);
  if (live?.state === 'running' && step) {
    const cls =
      step.status === 'ok' ? 'ok' : step.status === 'error' ? 'crit' : step.status === 'confirm' ? 'warn' : 'info';
    const attempt = step.status === 'retrying' ? ` (attempt ${step.attempt})` : '';
    return <span className={`tag ${cls}`}>{`${STEP_LABEL[step.status] ?? step.status}${attempt}`}</span>;
  }
  if (a.accountStatus === 'disabled') return <span className="tag">disabled</span>;
  if (a.needsConfirmation) return <span className="tag warn">to confirm</span>;
  if (a.lastError) return <span className="tag crit">stale</span>;
  if (a.lastSuccessAt === null) return <span className="tag info">not synced yet</span>;
  return <span className="tag ok">up to date</span>;
}

export function SyncStatus() {
  const { revision, refresh, portfolio } = useApp();
  const [status, setStatus] = useState<Status | null>(null);
  const [live, setLive] = useState<SyncProgress | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    call('sync:status').then(
      (s) => {
        setStatus(s);
        if (s.running) setLive({ runId: s.running.runId, state: 'running', accounts: s.running.accounts });
      },
      (e: unknown) => setError(errorText(e)),
    );
  }, []);

  // Accounts and their states change with the portfolio revision (a sync ended, a key was added...).
  useEffect(() => load(), [load, revision]);
  useEffect(() => onEvent('sync:progress', setLive), []);

  const syncNow = async () => {
    setError(null);
    try {
      const run = await call('sync:now', {});
      setLive({ runId: run.runId, state: run.state, accounts: run.accounts });
    } catch (e) {
      setError(errorText(e));
    }
  };

  if (!status)
    return error ? (
      <p role="alert" className="error-text">
        {error}
      </p>
    ) : null;
  if (status.accounts.length === 0 && portfolio?.sample === false) {
    // manual holdings only: a sync fetches their prices from public exchange tickers, without a key
    return (
      <section className="panel" data-testid="sync-status">
        <div className="toolbar">
          <p className="muted small" style={{ margin: 0 }}>
            Your holdings are priced from public exchange prices, no key needed. Last update:{' '}
            {dateTime(status.lastRun?.finishedAt ?? null)}
          </p>
          <button
            type="button"
            className="primary"
            onClick={() => void syncNow()}
            disabled={live?.state === 'running'}
            data-testid="sync-now"
          >
            {live?.state === 'running' ? 'Updating…' : 'Update prices'}
          </button>
        </div>
        {error && (
          <p role="alert" className="error-text">
            {error}
          </p>
        )}
      </section>
    );
  }
  if (status.accounts.length === 0) {
    return (
      <section className="panel" data-testid="sync-status">
        <p className="muted small" style={{ margin: 0 }}>
          Add a read-only exchange key in Keys &amp; Activity to sync your own balances; until then Ballast shows sample
          data.
        </p>
      </section>
    );
  }

  const running = live?.state === 'running';
  const done =
    live?.accounts.filter((a) => a.status === 'ok' || a.status === 'error' || a.status === 'confirm').length ?? 0;
  const total = live?.accounts.length ?? 0;
  const canSync = status.accounts.some((a) => a.accountStatus === 'active');

  return (
    <section className="panel" data-testid="sync-status" aria-labelledby="sync-title">
      <div className="toolbar">
        <h2 id="sync-title" style={{ margin: 0 }}>
          Accounts
        </h2>
        <div className="row">
          {running ? (
            <progress
              data-testid="sync-progress"
              max={Math.max(total, 1)}
              value={done}
              aria-label={`Syncing: ${done} of ${total} accounts done`}
            />
          ) : (
            <span className="muted small">
              Last sync: {dateTime(status.lastRun?.finishedAt ?? null)}
              {status.intervalMinutes > 0 ? ` · every ${status.intervalMinutes} min` : ' · automatic sync off'}
            </span>
          )}
          <button
            type="button"
            className="primary"
            onClick={() => void syncNow()}
            disabled={running || !canSync}
            data-testid="sync-now"
          >
            {running ? 'Syncing…' : 'Sync now'}
          </button>
        </div>
      </div>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      <ul
        style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: 6 }}
        data-testid="sync-accounts"
      >
        {status.accounts.map((a) => (
          <li key={a.accountId} className="row" data-testid={`sync-account-${a.accountId}`}>
            <strong>{a.label}</strong>
            <span className="muted small">{a.exchange}</span>
            {chip(a, live)}
            {a.lastError && !running ? (
              <span className="small error-text">
                {a.lastError.message} ({dateTime(a.lastAttemptAt)}; balances from {dateTime(a.lastSuccessAt)})
              </span>
            ) : (
              <span className="muted small">{a.lastSuccessAt ? `synced ${dateTime(a.lastSuccessAt)}` : ''}</span>
            )}
            <SyncAttention
              account={a}
              pause={status.pauses.find((p) => p.exchange === a.exchange)}
              onConfirmed={(s) => {
                setStatus(s);
                refresh();
              }}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}
