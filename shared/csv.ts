/**
 * Writing CSV for the user to open in a spreadsheet: every exporter (the rebalance plan in
 * shared/allocation/rebalance.ts, the Index Lab curves in renderer/src/views/indexlab/exports.ts) goes
 * through `toCsv`. A text cell or header starting with `=`, `+`, `-`, `@`, a tab or a carriage return is
 * prefixed with `'`, so a spreadsheet shows it instead of running it as a formula; numbers stay numbers
 * (-0.25 is written as -0.25). Pure (papaparse), so main, the renderer and the CLI share it.
 */
import Papa from 'papaparse';

/** A cell: text, a number, or empty (null/undefined). */
export type CsvCell = string | number | boolean | null | undefined;

/** The CSV text of `rows` under the header `fields` (lines end with "\n"). */
export function toCsv(fields: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return Papa.unparse({ fields: [...fields], data: rows.map((r) => [...r]) }, { escapeFormulae: true, newline: '\n' });
}
