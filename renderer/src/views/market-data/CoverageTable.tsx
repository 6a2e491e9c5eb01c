/**
 * The per-asset coverage table: rank, asset, status, days stored, price provider and market, quote
 * conversion, market-cap source and coverage, gaps, last update. Filterable, and virtualised with
 * @tanstack/react-virtual (only the rows in view are in the DOM; spacer rows keep the scroll height),
 * inside a focusable scroll box so the keyboard scrolls it. Called by MarketDataView.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import { Field, TextInput } from '../../components/Field';
import { ago } from '../../lib/format';
import { filterRows, type CoverageRow } from './coverage-rows';

const ROW_PX = 44;

export function CoverageTable({ rows, now }: { rows: CoverageRow[]; now: number }) {
  const [query, setQuery] = useState('');
  const shown = useMemo(() => filterRows(rows, query), [rows, query]);
  const box = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({
    count: shown.length,
    getScrollElement: () => box.current,
    estimateSize: () => ROW_PX,
    overscan: 8,
    initialRect: { width: 1000, height: 600 },
  });
  const items = v.getVirtualItems();
  const top = items.length > 0 ? items[0]!.start : 0;
  const bottom = items.length > 0 ? v.getTotalSize() - items[items.length - 1]!.end : 0;
  return (
    <section className="panel stack" aria-labelledby="md-assets-title">
      <div className="toolbar">
        <h2 id="md-assets-title">Assets ({rows.length})</h2>
        <Field id="md-filter" label="Filter" quiet inline>
          <TextInput
            id="md-filter"
            type="search"
            value={query}
            onChange={setQuery}
            placeholder="Symbol, provider, source"
          />
        </Field>
      </div>
      <div
        ref={box}
        className="md-scroll"
        tabIndex={0}
        role="region"
        aria-label="Assets of the market history, scrollable"
      >
        <table className="table md-table" data-testid="md-table">
          <thead>
            <tr>
              <th className="num">Rank</th>
              <th>Asset</th>
              <th>Status</th>
              <th>Days</th>
              <th>Prices from</th>
              <th>Quote</th>
              <th>Market cap</th>
              <th>Gaps</th>
              <th>Updated</th>
            </tr>
          </thead>
          <tbody>
            {shown.length === 0 && (
              <tr>
                <td colSpan={9} className="muted">
                  {rows.length === 0
                    ? 'Nothing stored yet: run an update or import a folder.'
                    : 'No asset matches the filter.'}
                </td>
              </tr>
            )}
            {top > 0 && <tr aria-hidden="true" style={{ height: top }} />}
            {items.map((it) => {
              const r = shown[it.index]!;
              return (
                <tr key={r.symbol} data-testid="md-row" data-symbol={r.symbol} style={{ height: ROW_PX }}>
                  <td className="num">{r.rank}</td>
                  <th scope="row">{r.symbol}</th>
                  <td>
                    <span className={`tag ${r.status === 'ok' ? 'ok' : r.status === 'error' ? 'crit' : 'info'}`}>
                      {r.statusText}
                    </span>
                    {r.notes.length > 0 && <div className="muted small">{r.notes.join('; ')}</div>}
                  </td>
                  <td className="small">
                    {r.span}
                    <div className="muted">{r.days} days</div>
                  </td>
                  <td className="small" data-testid="md-provider">
                    {r.provider}
                  </td>
                  <td className="small">{r.conversion}</td>
                  <td className="small" data-testid="md-cap">
                    {r.capSource}
                    <div className="muted">{r.capText}</div>
                  </td>
                  <td className="small">{r.gapsText}</td>
                  <td className="small nowrap">{r.updatedAt === null ? '—' : ago(r.updatedAt, now)}</td>
                </tr>
              );
            })}
            {bottom > 0 && <tr aria-hidden="true" style={{ height: bottom }} />}
          </tbody>
        </table>
      </div>
    </section>
  );
}
