/**
 * Dashboard: total value (or the progress of the first sync), the assets count, the net-worth chart
 * (from the first deposit once history is imported), the returns, sync status, the top warnings, the
 * holdings table (with the last 90 days' price), profit and loss per asset and the manual holdings.
 * Everything on it comes from the one portfolio revision of the app context. Registered in
 * views/registry.ts.
 */
import { useMemo } from 'react';
import { NetWorthChart } from '../../components/NetWorthChart';
import { StatCard } from '../../components/StatCard';
import { SyncStatus } from '../../components/SyncStatus';
import { WarningsPanel } from '../../components/WarningsPanel';
import { useApp } from '../../lib/context';
import { money, plural } from '../../lib/format';
import { ManualHoldingsPanel } from '../holdings/ManualHoldingsPanel';
import { PnlSection } from '../pnl/PnlSection';
import { ReturnsCard } from '../pnl/ReturnsCard';
import { usePnl } from '../pnl/use-pnl';
import { HoldingsSection } from './HoldingsSection';
import { holdingRows, listSummary } from './holding-rows';

export function DashboardView() {
  const { portfolio: view, syncRun, sample } = useApp();
  const { rows, total } = useMemo(() => (view ? holdingRows(view) : { rows: [], total: 0 }), [view]);
  const pnl = usePnl();
  const trend = useMemo(() => new Map((pnl.data?.rows ?? []).map((r) => [r.asset, r.sparkline])), [pnl.data]);

  if (!view) return <p className="muted">Loading portfolio…</p>;
  const base = view.portfolio.base;
  // A new key's first sync: its balances are not in yet, so there is nothing to add up.
  const firstSync = !sample && syncRun?.state === 'running' && total === 0;

  return (
    <div className="stack">
      <section className="cards" aria-label="Portfolio">
        <StatCard
          testId="total-value"
          label="Total value"
          value={firstSync ? 'Syncing…' : money(total, base)}
          hint={
            firstSync
              ? 'Fetching your balances for the first time'
              : plural(view.portfolio.custodies.length, 'account or wallet', 'accounts and wallets')
          }
        />
        <StatCard
          testId="assets-card"
          label="Assets"
          value={rows.length.toLocaleString('en-US')}
          hint={
            view.unpriced.length > 0
              ? `${view.unpriced.length.toLocaleString('en-US')} unpriced: ${listSummary(view.unpriced)}`
              : 'all priced'
          }
        />
      </section>
      <NetWorthChart />
      <ReturnsCard />
      <SyncStatus />
      <WarningsPanel />
      <HoldingsSection rows={rows} base={base} usdRate={view.usdRate} trend={trend} />
      {pnl.data && !pnl.data.sample && <PnlSection pnl={pnl.data} />}
      <ManualHoldingsPanel />
    </div>
  );
}
