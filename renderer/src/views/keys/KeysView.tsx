/**
 * Keys & Activity: the user's exchange accounts and their read-only API keys (add, rename,
 * disable, rotate, re-verify, revoke) with each account's history import (HistoryPanel), watch-only
 * wallets (WalletsPanel), and the local activity log (daily call volume, filterable entries, chain
 * verification).
 *
 * Credentials typed here are sent to main once and never shown again: the inputs are password
 * fields without autocomplete, cleared as soon as the request is sent. Only for the explicit
 * "add it anyway" retry of a trading key are they kept in memory, until that retry or a cancel.
 * This component loads the accounts, the featured exchanges, the keychain and sync status, and bumps a
 * version after every change so the list and the activity reload. Registered in views/registry.ts.
 */
import { useEffect, useState } from 'react';
import type { HistoryProgress } from '../../../../shared/ipc/channels/history';
import { ErrorText } from '../../components/ErrorText';
import { call, onEvent } from '../../lib/api';
import { useAsync, useLive } from '../../lib/useApi';
import { keysSummary } from './account-text';
import { AccountCard } from './AccountCard';
import { Activity } from './Activity';
import { AddAccount } from './AddAccount';
import { HistoryPanel } from './HistoryPanel';
import { WalletsPanel } from './WalletsPanel';
import './KeysView.css';

export function KeysView() {
  const [version, setVersion] = useState(0);
  const bump = () => setVersion((v) => v + 1);
  const accounts = useLive(() => call('accounts:list'), [version]);
  const featured = useAsync(() => call('exchanges:featured'), []);
  const keychain = useAsync(() => call('keychain:status'), []);
  const sync = useAsync(() => call('sync:status'), [version]);
  // Reloaded at each portfolio revision, which an import that ended raises; its progress comes as events.
  const history = useLive(() => call('history:list'), [version]);
  const [live, setLive] = useState<Record<string, HistoryProgress>>({});
  useEffect(() => onEvent('history:progress', (p) => setLive((l) => ({ ...l, [p.accountId]: p }))), []);
  const now = Date.now();

  const list = accounts.data ?? [];
  const requiresPassword = (exchange: string): boolean | null =>
    featured.data?.find((e) => e.id === exchange)?.requiresPassword ?? null;

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
          <span className="muted small">{keysSummary(list, keychain.data)}</span>
        </div>
        <ErrorText error={accounts.error} />
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
                sync={sync.data?.accounts.find((x) => x.accountId === a.id)}
                pause={sync.data?.pauses.find((p) => p.exchange === a.exchange)}
                onChanged={bump}
                history={(() => {
                  const h = history.data?.find((x) => x.accountId === a.id);
                  return h ? <HistoryPanel view={h} live={live[a.id] ?? null} onChanged={history.reload} /> : undefined;
                })()}
              />
            ))}
          </ul>
        )}
      </section>

      {featured.error ? (
        <ErrorText error={featured.error} />
      ) : featured.data ? (
        <AddAccount featured={featured.data} onAdded={bump} />
      ) : null}

      <WalletsPanel />

      <Activity accounts={list} version={version} />
    </div>
  );
}
