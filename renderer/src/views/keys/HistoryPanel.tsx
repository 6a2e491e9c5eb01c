/**
 * The account-history part of an account card in Keys & Activity: the import's state and progress
 * (with Cancel), the button to import or go on, options (start date, coins to search besides), what
 * each step read, the markets searched, the reconciliation with today's balances (unexplained amounts
 * first, in words), what the exchange's API cannot give, and the CSV export. KeysView loads the views
 * and the live progress; this component runs the actions and asks KeysView to reload.
 */
import { useId, useState } from 'react';
import type { AccountHistoryView, HistoryProgress } from '../../../../shared/ipc/channels/history';
import { StatusText, type StatusNote } from '../../components/StatusText';
import { call, errorText } from '../../lib/api';
import { plural } from '../../lib/format';
import { importButtonLabel, importSummary, parseAssets, sinceOf } from './history-text';

export function HistoryPanel(props: { view: AccountHistoryView; live: HistoryProgress | null; onChanged: () => void }) {
  const v = props.view;
  const id = useId();
  const [since, setSince] = useState('');
  const [coins, setCoins] = useState(v.extraAssets.join(', '));
  const [status, setStatus] = useState<StatusNote | null>(null);
  const running =
    v.running || (props.live !== null && (props.live.state === 'running' || props.live.state === 'queued'));
  const unexplained = v.reconciliation.filter((r) => r.status !== 'match');
  const matched = v.reconciliation.length - unexplained.length;

  const start = async () => {
    const { assets, invalid } = parseAssets(coins);
    if (invalid.length > 0) {
      setStatus({ kind: 'error', text: `Not a coin symbol: ${invalid.join(', ')}.` });
      return;
    }
    const from = sinceOf(since);
    setStatus(null);
    try {
      await call('history:import', {
        accountId: v.accountId,
        ...(from !== null ? { since: from } : {}),
        extraAssets: assets,
      });
    } catch (e) {
      setStatus({ kind: 'error', text: errorText(e) });
    }
    props.onChanged();
  };
  const cancel = async () => {
    await call('history:cancel', { accountId: v.accountId }).catch(() => undefined);
    props.onChanged();
  };
  const exportCsv = async () => {
    try {
      const r = await call('history:export', { accountId: v.accountId });
      setStatus(r.path ? { kind: 'ok', text: `Saved ${plural(r.rows, 'transaction')} to ${r.path}.` } : null);
    } catch (e) {
      setStatus({ kind: 'error', text: errorText(e) });
    }
  };

  return (
    <section className="history-panel" aria-labelledby={`${id}-title`} data-testid="history-panel">
      <h4 id={`${id}-title`}>Account history</h4>
      <p className="small" role="status" data-testid="history-status">
        {importSummary(v, props.live)}
      </p>
      {running && props.live && (
        <progress
          max={Math.max(props.live.stepsTotal, 1)}
          value={props.live.stepsDone}
          aria-label={`Importing the history of ${v.label}: step ${props.live.stepsDone} of ${props.live.stepsTotal}`}
        />
      )}
      {v.supported && (
        <div className="actions">
          {running ? (
            <button type="button" onClick={() => void cancel()} data-testid="history-cancel">
              Cancel import
            </button>
          ) : (
            <button type="button" className="primary" onClick={() => void start()} data-testid="history-import">
              {importButtonLabel(v)}
            </button>
          )}
          {v.entries > 0 && (
            <button type="button" onClick={() => void exportCsv()}>
              Export transactions (CSV)
            </button>
          )}
        </div>
      )}
      <StatusText status={status} small />
      {v.supported && !running && (
        <details>
          <summary>Import options</summary>
          <div className="form-grid">
            <label className="field" htmlFor={`${id}-since`}>
              <span>Start from (optional)</span>
              <input id={`${id}-since`} type="date" value={since} onChange={(e) => setSince(e.target.value)} />
            </label>
            <label className="field" htmlFor={`${id}-coins`}>
              <span>Also search these coins (bought and sold completely, never held or deposited)</span>
              <input
                id={`${id}-coins`}
                value={coins}
                placeholder="e.g. XRP, DOT"
                onChange={(e) => setCoins(e.target.value)}
              />
            </label>
          </div>
        </details>
      )}
      {v.reconciliation.length > 0 && (
        <div data-testid="history-reconciliation">
          <h5>Reconciliation with today’s balances</h5>
          {unexplained.length === 0 ? (
            <p className="small ok-text">The history explains all {plural(matched, 'balance')}.</p>
          ) : (
            <ul className="small">
              {unexplained.map((r) => (
                <li key={r.asset} className={r.status === 'short' ? 'warn-text' : 'error-text'}>
                  {r.message}
                </li>
              ))}
              {matched > 0 && <li className="muted">The other {plural(matched, 'balance')} match the history.</li>}
            </ul>
          )}
        </div>
      )}
      {v.lastRun && v.lastRun.steps.length > 0 && (
        <details>
          <summary>
            What was read ({plural(v.lastRun.steps.length, 'step')}, {plural(v.lastRun.pages, 'page')})
          </summary>
          <ul className="small" data-testid="history-steps">
            {v.lastRun.steps.map((s) => (
              <li key={s.key}>
                {s.label} <span className="muted mono">{s.endpoint}</span>: {s.state},{' '}
                {plural(s.entries, 'entry', 'entries')}
                {s.note ? ` — ${s.note}` : ''}
              </li>
            ))}
          </ul>
          {v.marketsSearched.length > 0 && (
            <p className="small" data-testid="history-markets">
              Markets searched for trades: {v.marketsSearched.join(', ')}.
            </p>
          )}
          {v.lastRun.skipped > 0 && (
            <p className="small muted">
              {plural(v.lastRun.skipped, 'record')} the exchange sent could not be read and were left out.
            </p>
          )}
          {v.lastRun.notes.map((n) => (
            <p key={n} className="small muted">
              {n}
            </p>
          ))}
        </details>
      )}
      {v.entries > 0 && (
        <p className="small muted">
          {Object.entries(v.counts)
            .filter(([, n]) => n > 0)
            .map(([k, n]) => plural(n, k === 'income' ? 'reward' : k))
            .join(' · ')}
        </p>
      )}
      {v.gaps.length > 0 && (
        <ul className="small muted" aria-label={`What ${v.exchangeName}'s API cannot give`}>
          {v.gaps.map((g) => (
            <li key={g}>{g}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
