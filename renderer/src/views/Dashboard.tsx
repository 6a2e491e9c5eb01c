/**
 * Dashboard: total value, the net-worth chart, sync status, the top warnings, the holdings table (search,
 * sort, where each asset is held) and the manual holdings. Registered in views/registry.ts.
 */
import { useMemo, useState } from 'react';
import { NetWorthChart } from '../components/NetWorthChart';
import { SortableTable, type Column } from '../components/SortableTable';
import { StatCard } from '../components/StatCard';
import { SyncStatus } from '../components/SyncStatus';
import { WarningsPanel } from '../components/WarningsPanel';
import { useApp } from '../lib/context';
import { amount, money, pct } from '../lib/format';
import { ManualHoldingsPanel } from './holdings/ManualHoldingsPanel';

interface HoldingRow {
  asset: string;
  name: string;
  amount: number;
  price: number | null;
  value: number | null;
  share: number | null;
  custodies: { label: string; amount: number; value: number | null }[];
}

export function DashboardView() {
  const { portfolio: view, settings } = useApp();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState<string | null>(null);

  const { rows, total } = useMemo(() => {
    if (!view) return { rows: [] as HoldingRow[], total: 0 };
    const p = view.portfolio;
    const dust = settings?.dustThreshold ?? 0;
    const labels = new Map(p.custodies.map((c) => [c.id, c.label]));
    const by = new Map<string, HoldingRow>();
    for (const pos of p.positions) {
      let row = by.get(pos.asset);
      if (!row) {
        row = {
          asset: pos.asset,
          name: view.catalog[pos.asset]?.name ?? pos.asset,
          amount: 0,
          price: pos.price,
          value: pos.value === null ? null : 0,
          share: null,
          custodies: [],
        };
        by.set(pos.asset, row);
      }
      row.amount += pos.amount;
      if (row.value !== null && pos.value !== null) row.value += pos.value;
      else row.value = null;
      row.custodies.push({ label: labels.get(pos.custodyId) ?? pos.custodyId, amount: pos.amount, value: pos.value });
    }
    const all = [...by.values()];
    const total = all.reduce((s, r) => s + (r.value ?? 0), 0);
    for (const r of all) r.share = r.value === null || total === 0 ? null : r.value / total;
    // Dust is hidden; unpriced assets are always shown (their value is unknown, not small).
    return { rows: all.filter((r) => r.value === null || r.value >= dust), total };
  }, [view, settings?.dustThreshold]);

  if (!view) return <p className="muted">Loading portfolio…</p>;
  const base = view.portfolio.base;
  const q = query.trim().toLowerCase();
  const shown = q ? rows.filter((r) => r.asset.toLowerCase().includes(q) || r.name.toLowerCase().includes(q)) : rows;

  const columns: Column<HoldingRow>[] = [
    {
      key: 'asset',
      header: 'Asset',
      sort: (r) => r.asset,
      render: (r) => (
        <span>
          <strong>{r.asset}</strong> <span className="muted">{r.name}</span>
        </span>
      ),
    },
    { key: 'amount', header: 'Amount', align: 'right', sort: (r) => r.amount, render: (r) => amount(r.amount) },
    { key: 'price', header: 'Price', align: 'right', sort: (r) => r.price, render: (r) => money(r.price, base, 4) },
    {
      key: 'value',
      header: 'Value',
      align: 'right',
      sort: (r) => r.value,
      render: (r) => (r.value === null ? <span className="tag warn">unpriced</span> : money(r.value, base)),
    },
    { key: 'share', header: 'Share', align: 'right', sort: (r) => r.share, render: (r) => pct(r.share) },
    {
      key: 'where',
      header: 'Held at',
      render: (r) =>
        open === r.asset ? (
          <ul className="drill">
            {r.custodies.map((c) => (
              <li key={c.label}>
                {c.label}: {amount(c.amount)} ({money(c.value, base)})
              </li>
            ))}
          </ul>
        ) : (
          <span className="muted">
            {r.custodies.length === 1 ? r.custodies[0]?.label : `${r.custodies.length} places — show`}
          </span>
        ),
    },
  ];

  return (
    <div className="stack">
      <section className="cards">
        <StatCard
          testId="total-value"
          label="Total value"
          value={money(total, base)}
          hint={`${view.portfolio.custodies.length} accounts and wallets`}
        />
        <StatCard
          label="Assets"
          value={rows.length}
          hint={
            view.unpriced.length > 0 ? `${view.unpriced.length} unpriced: ${view.unpriced.join(', ')}` : 'all priced'
          }
        />
      </section>
      <NetWorthChart />
      <SyncStatus />
      <WarningsPanel />
      <section>
        <div className="toolbar">
          <h2>Holdings</h2>
          <input
            type="search"
            placeholder="Search assets"
            aria-label="Search assets"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
        </div>
        <SortableTable
          testId="holdings-table"
          rows={shown}
          columns={columns}
          rowKey={(r) => r.asset}
          initialSort={{ key: 'value', dir: 'desc' }}
          onRowClick={(r) => setOpen((o) => (o === r.asset ? null : r.asset))}
          empty={q ? 'No holding matches your search.' : 'No holdings yet.'}
        />
      </section>
      <ManualHoldingsPanel />
    </div>
  );
}
