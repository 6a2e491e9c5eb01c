/**
 * Writing CSV for the user to open in a spreadsheet: every exporter (the rebalance plan in
 * shared/allocation/rebalance.ts, the Index Lab curves in renderer/src/views/indexlab/exports.ts, the
 * history and P&L exports) goes through `toCsv`: a header row and the data rows, through papaparse.
 * Pure, so main, the renderer and the CLI share it.
 *
 * A text cell or header starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`
 * (the OWASP advice for CSV injection), whatever follows, line breaks included, so a spreadsheet shows
 * it instead of running it as a formula. papaparse's own `escapeFormulae: true` misses a cell whose
 * formula goes on after a line break, so the pattern is given here. Numbers stay numbers (-0.25 is
 * written as -0.25).
 */
import Papa from 'papaparse';

/** Text cells starting with one of these characters would be read as a formula. */
export const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell: text, a number, or empty (null/undefined). */
export type CsvCell = string | number | boolean | null | undefined;

/** One cell as it is written: a text cell a spreadsheet could run gets a leading `'`. */
export function safeCell(cell: CsvCell): CsvCell {
  return typeof cell === 'string' && FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** The CSV text of `rows` under the header `fields` (lines end with "\n", formula-safe cells). */
export function toCsv(fields: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return Papa.unparse(
    {
      fields: [...fields],
      data: rows.map((r) => r.map((c) => (c === null || c === undefined ? '' : c))),
    },
    { escapeFormulae: FORMULA_START, newline: '\n' },
  );
}
