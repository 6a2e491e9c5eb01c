/**
 * Grades: the Trader Grade (short-term relative strength) and Investor Grade (resilience) of every
 * held asset or every asset with price history, as a filterable table and a quadrant scatter; the
 * portfolio's split by grade profile against the user's target; a token detail with both factor
 * breakdowns, the price chart and the grade history; how the grades have done on this history; and how
 * the grades are computed.
 *
 * This component loads `grades:list`, owns the scope, filters and selected token, and gives the
 * focus back to the token's button when its detail closes. Registered in views/registry.ts.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { RetryBanner } from '../../components/ErrorText';
import { call } from '../../lib/api';
import { date } from '../../lib/format';
import { useLive } from '../../lib/useApi';
import { countText, defaultScope, filterRows, inScope, isFiltered, NO_FILTERS, SCOPES } from './grade-rows';
import type { RowFilters, Scope } from './grade-rows';
import { GradeDetail } from './GradeDetail';
import { GradeFilters } from './GradeFilters';
import { GradesTable } from './GradesTable';
import { HowItWorks } from './HowItWorks';
import { QuadrantChart } from './QuadrantChart';
import { ReportCard } from './ReportCard';
import { SplitCard } from './SplitCard';
import './GradesView.css';

export function GradesView() {
  const { data, error, loading, reload } = useLive(() => call('grades:list'), []);
  const [scope, setScope] = useState<Scope | null>(null);
  const [filters, setFilters] = useState<RowFilters>(NO_FILTERS);
  const [selected, setSelected] = useState<string | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const lastSelected = useRef<string | null>(null);

  const effectiveScope: Scope = scope ?? (data ? defaultScope(data.rows) : 'all');
  const rows = useMemo(
    () => (data ? filterRows(data.rows, effectiveScope, filters) : []),
    [data, effectiveScope, filters],
  );
  const total = useMemo(
    () => (data ? data.rows.filter((r) => inScope(r, effectiveScope)).length : 0),
    [data, effectiveScope],
  );
  const filtered = isFiltered(filters);

  const select = useCallback((symbol: string) => {
    lastSelected.current = symbol;
    setSelected(symbol);
  }, []);
  const back = useCallback(() => setSelected(null), []);
  useEffect(() => {
    if (selected !== null || !lastSelected.current) return;
    const sym = lastSelected.current;
    lastSelected.current = null;
    listRef.current?.querySelector<HTMLElement>(`[data-symbol="${CSS.escape(sym)}"]`)?.focus();
  }, [selected]);

  if (!data) {
    return error ? (
      <RetryBanner onRetry={reload}>The grades could not be computed: {error}</RetryBanner>
    ) : (
      <p className="muted" role="status" data-testid="grades-loading">
        Computing grades from price history…
      </p>
    );
  }

  return (
    <div className="grades-view">
      {selected !== null && <GradeDetail symbol={selected} onBack={back} />}
      <div className="stack" hidden={selected !== null} ref={listRef} data-testid="grades-list">
        <p className="muted small grades-asof">
          Graded {data.asOf !== null ? `on ${date(data.asOf)}` : ''} from {data.sample ? 'the sample' : 'your cached'}{' '}
          daily prices, on this computer. Strong ≥ {data.thresholds.strong}, weak &lt; {data.thresholds.weak}.
          {loading && ' Updating…'}
        </p>
        {error && (
          <div className="banner error" role="alert">
            {error}
          </div>
        )}
        <div className="grid-2">
          <QuadrantChart rows={rows} onSelect={select} />
          <SplitCard split={data.split} base={data.base} />
        </div>
        <section className="panel" aria-labelledby="grades-table-title">
          <div className="toolbar">
            <h2 id="grades-table-title">Grades</h2>
            <div className="segmented" role="group" aria-label="Which assets">
              {SCOPES.map((s) => (
                <button
                  key={s.scope}
                  type="button"
                  aria-pressed={effectiveScope === s.scope}
                  className={effectiveScope === s.scope ? 'active' : undefined}
                  onClick={() => setScope(s.scope)}
                >
                  {s.label}
                </button>
              ))}
            </div>
          </div>
          <GradeFilters filters={filters} onChange={setFilters} />
          <p className="muted small" role="status" data-testid="grades-count">
            {countText(rows.length, total, effectiveScope)}
          </p>
          <GradesTable
            key={effectiveScope}
            rows={rows}
            list={data}
            scope={effectiveScope}
            onSelect={select}
            onClear={() => setFilters(NO_FILTERS)}
            filtered={filtered}
          />
        </section>
        <ReportCard />
        <HowItWorks list={data} />
      </div>
    </div>
  );
}
