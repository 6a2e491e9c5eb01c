/**
 * Manual holdings panel (Dashboard): wallets kept outside connected exchanges, their holdings with inline
 * editing, an add form with catalog suggestions, and CSV import with a preview of every row. This file
 * loads the list, runs every change (then reloads the list and the app's portfolio) and shows the outcome.
 */
import { useMemo, useState } from 'react';
import type { StatusNote } from '../../components/StatusText';
import { call, errorText } from '../../lib/api';
import { useApp } from '../../lib/context';
import { useLive } from '../../lib/useApi';
import { AddHoldingForm } from './AddHoldingForm';
import { useCsvImport } from './CsvImport';
import { assetNames, walletsSummary, type Run } from './holding-input';
import { WalletSection } from './WalletSection';
import './ManualHoldingsPanel.css';

export function ManualHoldingsPanel() {
  const { portfolio } = useApp();
  const list = useLive(() => call('holdings:list'), []);
  const [status, setStatus] = useState<StatusNote | null>(null);
  const [busy, setBusy] = useState(false);
  const wallets = list.data?.wallets ?? [];
  const names = useMemo(() => assetNames(portfolio?.catalog), [portfolio?.catalog]);

  const run: Run = async (fn) => {
    setBusy(true);
    try {
      const text = await fn();
      setStatus(text ? { kind: 'ok', text } : null);
      return true;
    } catch (err) {
      setStatus({ kind: 'error', text: errorText(err) });
      return false;
    } finally {
      setBusy(false);
      // main announces the change (portfolio:changed); a failed change reloads what is stored
      list.reload();
    }
  };

  const csv = useCsvImport(wallets, run);

  return (
    <section
      id="manual-holdings"
      tabIndex={-1}
      className="panel stack mh"
      aria-labelledby="mh-title"
      data-testid="manual-holdings"
    >
      <div className="toolbar">
        <div>
          <h2 id="mh-title">Manual holdings</h2>
          <div className="muted small">Cold wallets and platforms Ballast cannot sync. {walletsSummary(wallets)}</div>
        </div>
        {csv.button}
      </div>
      {csv.region}

      {status && (
        <div
          className={`banner ${status.kind === 'error' ? 'error' : ''}`}
          role={status.kind === 'error' ? 'alert' : 'status'}
          data-testid="mh-status"
        >
          {status.text}{' '}
          <button type="button" className="link" onClick={() => setStatus(null)}>
            Dismiss
          </button>
        </div>
      )}
      {list.error && (
        <div className="banner error" role="alert">
          Could not load manual holdings: {list.error}
        </div>
      )}

      <AddHoldingForm wallets={wallets} names={names} busy={busy} run={run} />

      {list.loading && !list.data ? (
        <p className="muted">Loading manual holdings…</p>
      ) : wallets.length === 0 ? (
        <p className="muted mh-empty" data-testid="mh-empty">
          No manual holdings yet. Add what you keep on a hardware wallet or another platform above, or import a CSV file
          with <code>asset</code> and <code>amount</code> columns.
        </p>
      ) : (
        wallets.map((w) => <WalletSection key={w.id} wallet={w} names={names} busy={busy} run={run} />)
      )}
    </section>
  );
}
