/**
 * A keyboard-friendly sortable table: click or press Enter on a header to sort by it. Rows are not
 * tab stops; a row's own controls (buttons in its cells) are. A long table (more than VIRTUAL_FROM
 * rows) scrolls in a box of its own and draws only the rows in view (@tanstack/react-virtual), so ten
 * thousand holdings cost what fifty do. Used by the Dashboard's holdings.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState, type ReactNode } from 'react';

export interface Column<T> {
  key: string;
  header: string;
  render: (row: T) => ReactNode;
  /** Sort value; columns without one are not sortable. */
  sort?: (row: T) => number | string | null;
  align?: 'left' | 'right';
}

/** Tables with more rows than this draw only the rows in view. */
export const VIRTUAL_FROM = 200;
/** Height of a drawn row in a long table (px); taller rows (an opened cell) are measured. */
const ROW_HEIGHT = 36;

export function sortRows<T>(
  rows: readonly T[],
  columns: readonly Column<T>[],
  sort: { key: string; dir: 'asc' | 'desc' } | null,
): readonly T[] {
  if (!sort) return rows;
  const get = columns.find((c) => c.key === sort.key)?.sort;
  if (!get) return rows;
  const dir = sort.dir === 'asc' ? 1 : -1;
  // each sort value is read once, not once per comparison
  const keyed = rows.map((row) => ({ row, v: get(row) }));
  keyed.sort((a, b) => {
    if (a.v === b.v) return 0;
    if (a.v === null) return 1; // nulls (e.g. unpriced) always last
    if (b.v === null) return -1;
    return (a.v < b.v ? -1 : 1) * dir;
  });
  return keyed.map((k) => k.row);
}

export function SortableTable<T>(props: {
  rows: readonly T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  initialSort?: { key: string; dir: 'asc' | 'desc' };
  empty?: ReactNode;
  /** A click anywhere on a row (a convenience for the mouse; the row's cells carry the keyboard controls). */
  onRowClick?: (row: T) => void;
  testId?: string;
  /** What the table lists, for screen readers (also names the scroll box of a long table). */
  label?: string;
}) {
  const [sort, setSort] = useState(props.initialSort ?? null);
  const sorted = useMemo(() => sortRows(props.rows, props.columns, sort), [props.rows, props.columns, sort]);
  const scroller = useRef<HTMLDivElement>(null);
  const long = sorted.length > VIRTUAL_FROM;
  const virtual = useVirtualizer({
    count: long ? sorted.length : 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  const toggle = (key: string) =>
    setSort((s) => (s && s.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: 'desc' }));

  const row = (r: T, index?: number) => (
    <tr
      key={props.rowKey(r)}
      data-index={index}
      ref={index === undefined ? undefined : virtual.measureElement}
      className={props.onRowClick ? 'clickable' : undefined}
      onClick={props.onRowClick ? () => props.onRowClick?.(r) : undefined}
    >
      {props.columns.map((c) => (
        <td key={c.key} className={c.align === 'right' ? 'num' : undefined}>
          {c.render(r)}
        </td>
      ))}
    </tr>
  );

  const items = long ? virtual.getVirtualItems() : [];
  const before = items[0]?.start ?? 0;
  const after = long ? virtual.getTotalSize() - (items.at(-1)?.end ?? 0) : 0;
  const table = (
    <table className="table" data-testid={props.testId} aria-label={props.label} aria-rowcount={sorted.length + 1}>
      <thead>
        <tr>
          {props.columns.map((c) => (
            <th
              key={c.key}
              className={c.align === 'right' ? 'num' : undefined}
              aria-sort={sort?.key === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
            >
              {c.sort ? (
                <button type="button" className="th-sort" onClick={() => toggle(c.key)}>
                  {c.header}
                  {sort?.key === c.key ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
                </button>
              ) : (
                c.header
              )}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {sorted.length === 0 ? (
          <tr>
            <td colSpan={props.columns.length} className="muted">
              {props.empty ?? 'Nothing to show.'}
            </td>
          </tr>
        ) : long ? (
          <>
            {before > 0 && <tr aria-hidden="true" style={{ height: before }} />}
            {items.map((it) => row(sorted[it.index]!, it.index))}
            {after > 0 && <tr aria-hidden="true" style={{ height: after }} />}
          </>
        ) : (
          sorted.map((r) => row(r))
        )}
      </tbody>
    </table>
  );
  if (!long) return table;
  return (
    <div
      ref={scroller}
      className="table-scroll"
      role="region"
      aria-label={props.label ?? 'Table'}
      tabIndex={0}
      data-testid={props.testId ? `${props.testId}-scroll` : undefined}
    >
      {table}
    </div>
  );
}
