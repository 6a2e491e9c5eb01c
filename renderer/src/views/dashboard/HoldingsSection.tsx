/**
 * The Dashboard's holdings table: search (deferred, over a lower-case index, so typing stays quick with
 * thousands of rows), sort, where each asset is held (a button per row opens it), and the small
 * balances hidden as dust, said and shown on request, and each asset's price over the last 90 days.
 */
import { useDeferredValue, useMemo, useState } from 'react';
import { SortableTable, type Column } from '../../components/SortableTable';
import { Sparkline } from '../../components/Sparkline';
import { useApp } from '../../lib/context';
import { amount, money, pct, plural, price } from '../../lib/format';
import { dustInBase, searchRows, withoutDust, type HoldingRow } from './holding-rows';

export function HoldingsSection(props: {
  rows: HoldingRow[];
  base: string;
  usdRate: number | null;
  /** Each asset's daily prices over the last 90 days (from the P&L), for the sparkline column. */
  trend: Map<string, number[]>;
}) {
  const { settings } = useApp();
  const { base, trend } = props;
  const [query, setQuery] = useState('');
  const [showDust, setShowDust] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const search = useDeferredValue(query);
  const dustUsd = settings?.dustThreshold ?? 0;
  const dust = dustInBase(dustUsd, props.usdRate);
  const { shown, hidden } = useMemo(() => withoutDust(props.rows, showDust ? 0 : dust), [props.rows, dust, showDust]);
  const found = useMemo(() => searchRows(shown, search), [shown, search]);

  const columns = useMemo<Column<HoldingRow>[]>(
    () => [
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
      { key: 'price', header: 'Price', align: 'right', sort: (r) => r.price, render: (r) => price(r.price, base) },
      {
        key: 'value',
        header: 'Value',
        align: 'right',
        sort: (r) => r.value,
        render: (r) => (r.value === null ? <span className="tag warn">unpriced</span> : money(r.value, base)),
      },
      { key: 'share', header: 'Share', align: 'right', sort: (r) => r.share, render: (r) => pct(r.share) },
      {
        key: 'trend',
        header: '90 days',
        render: (r) => <Sparkline values={trend.get(r.asset) ?? []} label={`${r.asset} price over 90 days`} />,
      },
      {
        key: 'where',
        header: 'Held at',
        render: (r) =>
          r.custodies.length === 1 ? (
            <span className="muted">{r.custodies[0]?.label}</span>
          ) : (
            <>
              <button
                type="button"
                className="link"
                aria-expanded={open === r.asset}
                onClick={(e) => {
                  e.stopPropagation();
                  setOpen((o) => (o === r.asset ? null : r.asset));
                }}
              >
                {open === r.asset ? 'Hide' : `${r.custodies.length} places — show`}
              </button>
              {open === r.asset && (
                <ul className="drill">
                  {r.custodies.map((c) => (
                    <li key={c.label}>
                      {c.label}: {amount(c.amount)} ({money(c.value, base)})
                    </li>
                  ))}
                </ul>
              )}
            </>
          ),
      },
    ],
    [base, open, trend],
  );

  return (
    <section aria-labelledby="holdings-title">
      <div className="toolbar">
        <h2 id="holdings-title">Holdings</h2>
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
        label="Holdings"
        rows={found}
        columns={columns}
        rowKey={(r) => r.asset}
        initialSort={{ key: 'value', dir: 'desc' }}
        empty={search.trim() ? 'No holding matches your search.' : 'No holdings yet.'}
      />
      {(hidden > 0 || showDust) && dust > 0 && (
        <p className="muted small" data-testid="dust-note">
          {showDust
            ? `Small balances (under ${money(dustUsd, 'USD')}) are shown. `
            : `${plural(hidden, 'small balance')} hidden (under ${money(dustUsd, 'USD')}). `}
          <button type="button" className="link" onClick={() => setShowDust(!showDust)}>
            {showDust ? 'Hide them' : 'Show them'}
          </button>
        </p>
      )}
    </section>
  );
}
