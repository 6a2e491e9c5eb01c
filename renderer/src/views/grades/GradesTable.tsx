/**
 * The grades table: asset (a button that opens its detail), name, both grades, the quadrant
 * reading and the share of value, sortable; a row click opens the token too. Rows come filtered
 * from GradesView (grade-rows.ts).
 */
import { useMemo } from 'react';
import type { GradeRow, GradesList } from '../../../../shared/ipc/channels/grades';
import { SortableTable, type Column } from '../../components/SortableTable';
import { money, pct } from '../../lib/format';
import { QUADRANT_LABELS } from './grade-labels';
import { emptyText, initialSort, type Scope } from './grade-rows';
import { GradePill, QuadrantTag } from './GradePill';

/** A grade's column: its pill, or why it is missing against the days the grade needs. */
function gradeColumn(kind: 'trader' | 'investor', header: string, needDays: number): Column<GradeRow> {
  const band = kind === 'trader' ? 'traderBand' : 'investorBand';
  return {
    key: kind,
    header,
    align: 'right',
    sort: (r) => r[kind],
    render: (r) => <GradePill grade={r[kind]} band={r[band]} haveDays={r.haveDays} needDays={needDays} />,
  };
}

function columnsFor(list: GradesList, onSelect: (symbol: string) => void): Column<GradeRow>[] {
  return [
    {
      key: 'symbol',
      header: 'Asset',
      sort: (r) => r.symbol,
      render: (r) =>
        r.haveDays > 0 ? (
          <button
            type="button"
            className="symbol-button"
            data-symbol={r.symbol}
            aria-label={`${r.symbol}: open grade details`}
            onClick={(e) => {
              e.stopPropagation();
              onSelect(r.symbol);
            }}
          >
            {r.symbol}
          </button>
        ) : (
          <strong>{r.symbol}</strong>
        ),
    },
    {
      key: 'name',
      header: 'Name',
      sort: (r) => r.name.toLowerCase(),
      render: (r) => (
        <>
          {r.name}
          {r.stablecoin && (
            <span className="tag small-tag" title="Stablecoins are graded like any token; their grades mean little.">
              stablecoin
            </span>
          )}
        </>
      ),
    },
    gradeColumn('trader', 'Trader', list.minDays.trader),
    gradeColumn('investor', 'Investor', list.minDays.investor),
    {
      key: 'reading',
      header: 'Reading',
      sort: (r) => QUADRANT_LABELS[r.quadrant],
      render: (r) => (
        <div className="reading-cell">
          <QuadrantTag quadrant={r.quadrant} />
          <span className="muted small">{r.reading}</span>
        </div>
      ),
    },
    {
      key: 'share',
      header: 'Value share',
      align: 'right',
      sort: (r) => r.valueShare ?? null,
      render: (r) =>
        r.held ? (
          <span title={money(r.value, list.base)}>{pct(r.valueShare)}</span>
        ) : (
          <span className="muted small">not held</span>
        ),
    },
  ];
}

export function GradesTable(props: {
  rows: GradeRow[];
  list: GradesList;
  scope: Scope;
  onSelect: (symbol: string) => void;
  onClear: () => void;
  filtered: boolean;
}) {
  const { list, onSelect } = props;
  const columns = useMemo(() => columnsFor(list, onSelect), [list, onSelect]);
  return (
    <SortableTable
      rows={props.rows}
      columns={columns}
      rowKey={(r) => r.symbol}
      initialSort={initialSort(props.scope)}
      onRowClick={(r) => r.haveDays > 0 && onSelect(r.symbol)}
      testId="grades-table"
      empty={
        props.filtered ? (
          <span>
            No assets match these filters.{' '}
            <button type="button" className="link" onClick={props.onClear}>
              Clear filters
            </button>
          </span>
        ) : (
          emptyText(props.scope)
        )
      }
    />
  );
}
