/**
 * Dashboard section under the holdings: cost basis and profit/loss per asset (units covered, cost
 * basis, value, unrealized, realized, fees, income, the last 90 days' price), the totals, the
 * cost-basis method (FIFO or average cost, a setting), the deposits and withdrawals no other account of
 * the user matched, what the figures leave out, and the CSV export. The P&L comes from DashboardView.
 */
import { useState } from 'react';
import type { PnlRow, PnlView } from '../../../../shared/ipc/channels/pnl';
import { SortableTable, type Column } from '../../components/SortableTable';
import { Sparkline } from '../../components/Sparkline';
import { StatCard } from '../../components/StatCard';
import { StatusText, type StatusNote } from '../../components/StatusText';
import { call, errorText } from '../../lib/api';
import { useApp } from '../../lib/context';
import { amount, date, money } from '../../lib/format';
import './pnl.css';

/** Below what two decimals show: zero, without a sign or a colour (sums of floats leave such dust). */
const cent = (x: number) => (Math.abs(x) < 0.005 ? 0 : x);
const signed = (x: number | null, base: string) =>
  x === null ? 'unpriced' : `${cent(x) > 0 ? '+' : ''}${money(cent(x), base)}`;
const tone = (x: number | null) => (x === null || cent(x) === 0 ? undefined : x > 0 ? 'ok-text' : 'error-text');

export function PnlSection({ pnl }: { pnl: PnlView }) {
  const { updateSettings } = useApp();
  const [status, setStatus] = useState<StatusNote | null>(null);
  const base = pnl.base;
  const rows = pnl.rows.filter((r) => r.units > 0 || r.realized !== 0 || r.fees !== 0 || r.income !== 0);
  const columns: Column<PnlRow>[] = [
    { key: 'asset', header: 'Asset', sort: (r) => r.asset, render: (r) => <strong>{r.asset}</strong> },
    { key: 'units', header: 'Units with a cost', align: 'right', sort: (r) => r.units, render: (r) => amount(r.units) },
    {
      key: 'cost',
      header: 'Cost basis',
      align: 'right',
      sort: (r) => r.costBasis,
      render: (r) => money(r.costBasis, base),
    },
    { key: 'value', header: 'Value', align: 'right', sort: (r) => r.value, render: (r) => money(r.value, base) },
    {
      key: 'unrealized',
      header: 'Unrealized',
      align: 'right',
      sort: (r) => r.unrealized,
      render: (r) => <span className={tone(r.unrealized)}>{signed(r.unrealized, base)}</span>,
    },
    {
      key: 'realized',
      header: 'Realized',
      align: 'right',
      sort: (r) => r.realized,
      render: (r) => <span className={tone(r.realized)}>{signed(r.realized, base)}</span>,
    },
    { key: 'fees', header: 'Fees', align: 'right', sort: (r) => r.fees, render: (r) => money(r.fees, base) },
    { key: 'income', header: 'Income', align: 'right', sort: (r) => r.income, render: (r) => money(r.income, base) },
    {
      key: 'trend',
      header: '90 days',
      render: (r) => <Sparkline values={r.sparkline} label={`${r.asset} price over 90 days`} />,
    },
  ];

  const exportCsv = async () => {
    try {
      const r = await call('pnl:export');
      setStatus(r.path ? { kind: 'ok', text: `Saved ${r.rows} rows to ${r.path}.` } : null);
    } catch (e) {
      setStatus({ kind: 'error', text: errorText(e) });
    }
  };

  const t = pnl.totals;
  return (
    <section className="panel stack pnl" aria-labelledby="pnl-title" data-testid="pnl-section">
      <div className="toolbar">
        <h2 id="pnl-title" style={{ margin: 0 }}>
          Profit and loss
        </h2>
        <div className="row">
          <label className="row small" htmlFor="pnl-method">
            <span className="muted">Cost basis</span>
            <select
              id="pnl-method"
              value={pnl.method}
              onChange={(e) => void updateSettings({ costBasisMethod: e.target.value as PnlView['method'] })}
            >
              <option value="fifo">First in, first out (FIFO)</option>
              <option value="average">Average cost</option>
            </select>
          </label>
          <button type="button" onClick={() => void exportCsv()} disabled={rows.length === 0}>
            Export CSV
          </button>
        </div>
      </div>
      <StatusText status={status} small />
      <div className="cards" aria-label="P&L totals">
        <StatCard
          testId="pnl-total"
          label="Total P&L"
          value={signed(t.total, base)}
          valueClass={tone(t.total)}
          hint="unrealized + realized − fees + income"
        />
        <StatCard
          label="Unrealized"
          value={signed(t.unrealized, base)}
          valueClass={tone(t.unrealized)}
          hint={`on a cost basis of ${money(t.costBasis, base)}`}
        />
        <StatCard label="Realized" value={signed(t.realized, base)} valueClass={tone(t.realized)} />
        <StatCard label="Fees paid" value={money(t.fees, base)} hint="valued when paid" />
        <StatCard label="Income" value={money(t.income, base)} hint="staking, earn, airdrops" />
      </div>
      <SortableTable
        testId="pnl-table"
        rows={rows}
        columns={columns}
        rowKey={(r) => r.asset}
        initialSort={{ key: 'value', dir: 'desc' }}
        empty={
          pnl.imported
            ? 'Nothing with a cost basis yet.'
            : 'Import an account’s history in Keys & Activity, or enter a cost basis for a manual holding.'
        }
      />
      {pnl.notes.length > 0 && (
        <ul className="pnl-notes small muted" aria-label="What the P&L leaves out">
          {pnl.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      {pnl.transfers.unmatchedTotal > 0 && (
        <details data-testid="pnl-unmatched">
          <summary>
            {pnl.transfers.unmatchedTotal} deposits and withdrawals not matched to another of your accounts
            {pnl.transfers.matched > 0
              ? ` (${pnl.transfers.matched} transfers between your accounts were matched)`
              : ''}
          </summary>
          <p className="muted small">
            A withdrawal matched with a deposit on another of your accounts is a transfer, not a sale. These were not:
            money that came from or went to outside Ballast, or an account Ballast does not know.
          </p>
          <ul className="small">
            {pnl.transfers.unmatched.map((u, i) => (
              <li key={`${u.t}-${i}`}>
                {date(u.t)} · {u.account}: {u.kind === 'deposit' ? 'deposit of' : 'withdrawal of'} {amount(u.amount)}{' '}
                {u.asset}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
