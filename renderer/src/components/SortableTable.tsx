/** A keyboard-friendly sortable table: click or press Enter on a header to sort by it. */
import { useMemo, useState, type ReactNode } from 'react';

export interface Column<T> {
  key: string;
  header: string;
  render: (row: T) => ReactNode;
  /** Sort value; columns without one are not sortable. */
  sort?: (row: T) => number | string | null;
  align?: 'left' | 'right';
}

export function SortableTable<T>(props: {
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  initialSort?: { key: string; dir: 'asc' | 'desc' };
  empty?: ReactNode;
  onRowClick?: (row: T) => void;
  testId?: string;
}) {
  const [sort, setSort] = useState(props.initialSort ?? null);
  const sorted = useMemo(() => {
    if (!sort) return props.rows;
    const col = props.columns.find((c) => c.key === sort.key);
    if (!col?.sort) return props.rows;
    const get = col.sort;
    const dir = sort.dir === 'asc' ? 1 : -1;
    return [...props.rows].sort((a, b) => {
      const va = get(a);
      const vb = get(b);
      if (va === vb) return 0;
      if (va === null) return 1; // nulls (e.g. unpriced) always last
      if (vb === null) return -1;
      return (va < vb ? -1 : 1) * dir;
    });
  }, [props.rows, props.columns, sort]);

  const toggle = (key: string) =>
    setSort((s) => (s && s.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: 'desc' }));

  return (
    <table className="table" data-testid={props.testId}>
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
        ) : (
          sorted.map((row) => (
            <tr
              key={props.rowKey(row)}
              className={props.onRowClick ? 'clickable' : undefined}
              onClick={props.onRowClick ? () => props.onRowClick?.(row) : undefined}
              onKeyDown={
                props.onRowClick
                  ? (e) => {
                      if (e.key === 'Enter') props.onRowClick?.(row);
                    }
                  : undefined
              }
              tabIndex={props.onRowClick ? 0 : undefined}
            >
              {props.columns.map((c) => (
                <td key={c.key} className={c.align === 'right' ? 'num' : undefined}>
                  {c.render(row)}
                </td>
              ))}
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}
