/**
 * A table's header row from a list of columns, and the single muted row a table shows when it has no
 * rows. Figures columns (`num`) are right-aligned like their cells. Used by the Diversification,
 * manual-holdings and catalog tables.
 */
import type { ReactNode } from 'react';

/** A column: its title, or its title with the class of its cells ('num' for figures). */
export type Column = ReactNode | { label: ReactNode; className: string };

/** A right-aligned figures column. */
export function num(label: ReactNode): Column {
  return { label, className: 'num' };
}

function isClassed(c: Column): c is { label: ReactNode; className: string } {
  return typeof c === 'object' && c !== null && 'className' in c;
}

export function TableHead({ columns }: { columns: Column[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c, i) =>
          isClassed(c) ? (
            <th key={i} className={c.className}>
              {c.label}
            </th>
          ) : (
            <th key={i}>{c}</th>
          ),
        )}
      </tr>
    </thead>
  );
}

/** The one row of an empty table, spanning its columns. */
export function EmptyRow(props: { columns: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={props.columns} className="muted">
        {props.children}
      </td>
    </tr>
  );
}
