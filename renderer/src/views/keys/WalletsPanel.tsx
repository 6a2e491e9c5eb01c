/**
 * Keys & Activity: the watch-only wallets (public addresses and extended public keys, never a private
 * key), the form that adds one, the hidden-token toggle and token list refresh, and where each network
 * is read. Reloads after every change. Registered inside KeysView.
 */
import { useRef, useState } from 'react';
import { CheckboxField } from '../../components/Field';
import { ErrorText } from '../../components/ErrorText';
import { StatusText, type StatusNote } from '../../components/StatusText';
import { call, errorText } from '../../lib/api';
import { dateTime } from '../../lib/format';
import { useAsync } from '../../lib/useApi';
import { AddWallet } from './AddWallet';
import { ProviderSettings } from './ProviderSettings';
import { WalletCard } from './WalletCard';

export function WalletsPanel() {
  const [version, setVersion] = useState(0);
  const bump = () => setVersion((v) => v + 1);
  const data = useAsync(() => call('wallets:list'), [version]);
  const providersRef = useRef<HTMLElement>(null);
  const [note, setNote] = useState<StatusNote | null>(null);
  const now = Date.now();
  const view = data.data;

  const setShowHidden = (showHidden: boolean) =>
    call('wallets:setShowHidden', { showHidden }).then(bump, (err: unknown) =>
      setNote({ kind: 'error', text: errorText(err) }),
    );
  const refreshTokens = () =>
    call('wallets:refreshTokens').then(
      (r) => {
        setNote({ kind: 'ok', text: `Token list refreshed: ${r.tokens} tokens.` });
        bump();
      },
      (err: unknown) => setNote({ kind: 'error', text: errorText(err) }),
    );

  return (
    <div className="stack" data-testid="wallets-panel">
      <section className="panel" aria-labelledby="wallets-title">
        <div className="toolbar">
          <h2 id="wallets-title">Watch-only wallets</h2>
          {view && (
            <div className="row">
              <CheckboxField
                id="wallets-show-hidden"
                checked={view.showHidden}
                onChange={(on) => void setShowHidden(on)}
              >
                Show hidden tokens
              </CheckboxField>
              <button type="button" onClick={() => void refreshTokens()}>
                Refresh token list
              </button>
              <span className="muted small">
                Token list: {view.tokenListAt ? `refreshed ${dateTime(view.tokenListAt)}` : 'bundled'}
              </span>
            </div>
          )}
        </div>
        <StatusText status={note} small />
        <ErrorText error={data.error} />
        {view && view.wallets.length === 0 && (
          <p className="muted" data-testid="wallets-empty">
            No watch-only wallets yet. Add a public address or extended public key below: Ballast reads the balances
            from the blockchain and never needs a private key.
          </p>
        )}
        {view && view.wallets.length > 0 && (
          <ul className="key-list" data-testid="wallet-list">
            {view.wallets.map((w) => (
              <WalletCard key={w.id} wallet={w} showHidden={view.showHidden} now={now} onChanged={bump} />
            ))}
          </ul>
        )}
      </section>
      <AddWallet onAdded={bump} onOwnNode={() => providersRef.current?.focus()} />
      {view && <ProviderSettings ref={providersRef} providers={view.providers} onSaved={bump} />}
    </div>
  );
}
