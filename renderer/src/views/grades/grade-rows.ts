/**
 * Which rows the grades table shows: the scope (holdings or every asset with history), the text and
 * grade-range filters, the "≥ 80" chips, the first sort and the texts around the table.
 *
 * Pure (no React, no DOM). Used by GradesView, GradeFilters and GradesTable; tested by
 * test/unit/grades-view-rows.test.ts.
 */
import { GRADE_STRONG } from '../../../../shared/grades';
import type { GradeRow } from '../../../../shared/ipc/channels/grades';

export type Scope = 'held' | 'all';

export const SCOPES: readonly { scope: Scope; label: string }[] = [
  { scope: 'held', label: 'My holdings' },
  { scope: 'all', label: 'All assets with history' },
];

/** The filter inputs as typed: an empty bound is no bound. */
export interface RowFilters {
  search: string;
  traderMin: string;
  traderMax: string;
  investorMin: string;
  investorMax: string;
}

export type BoundKey = Exclude<keyof RowFilters, 'search'>;

export const NO_FILTERS: RowFilters = { search: '', traderMin: '', traderMax: '', investorMin: '', investorMax: '' };

/** The four grade-range inputs, in the order shown. */
export const RANGE_FIELDS: readonly { key: BoundKey; label: string; testId: string }[] = [
  { key: 'traderMin', label: 'Trader min', testId: 'filter-trader-min' },
  { key: 'traderMax', label: 'Trader max', testId: 'filter-trader-max' },
  { key: 'investorMin', label: 'Investor min', testId: 'filter-investor-min' },
  { key: 'investorMax', label: 'Investor max', testId: 'filter-investor-max' },
];

/** The chips that set a grade's lower bound to the strong threshold. */
export const STRONG_CHIPS: readonly { key: 'traderMin' | 'investorMin'; label: string }[] = [
  { key: 'traderMin', label: `Trader ≥ ${GRADE_STRONG}` },
  { key: 'investorMin', label: `Investor ≥ ${GRADE_STRONG}` },
];

/** A typed bound as a number; null when empty or not a number. */
export function bound(text: string): number | null {
  if (text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/** A bound the input marks invalid: typed, but not a grade between 0 and 100. */
export function boundInvalid(text: string): boolean {
  const n = bound(text);
  return text.trim() !== '' && (n === null || n < 0 || n > 100);
}

export function inScope(row: GradeRow, scope: Scope): boolean {
  return scope === 'held' ? row.held : row.haveDays > 0;
}

/** The holdings when there are any, otherwise every asset with history. */
export function defaultScope(rows: readonly GradeRow[]): Scope {
  return rows.some((r) => r.held) ? 'held' : 'all';
}

/** Rows in scope that pass the filters. A bound on a grade excludes rows without that grade. */
export function filterRows(rows: readonly GradeRow[], scope: Scope, f: RowFilters): GradeRow[] {
  const q = f.search.trim().toLowerCase();
  const tMin = bound(f.traderMin);
  const tMax = bound(f.traderMax);
  const iMin = bound(f.investorMin);
  const iMax = bound(f.investorMax);
  const within = (g: number | null, min: number | null, max: number | null) =>
    (min === null && max === null) || (g !== null && (min === null || g >= min) && (max === null || g <= max));
  return rows.filter(
    (r) =>
      inScope(r, scope) &&
      (!q || r.symbol.toLowerCase().includes(q) || r.name.toLowerCase().includes(q)) &&
      within(r.trader, tMin, tMax) &&
      within(r.investor, iMin, iMax),
  );
}

export function isFiltered(f: RowFilters): boolean {
  return (Object.keys(NO_FILTERS) as (keyof RowFilters)[]).some((k) => f[k] !== NO_FILTERS[k]);
}

export function strongOn(f: RowFilters, key: 'traderMin' | 'investorMin'): boolean {
  return f[key] === String(GRADE_STRONG);
}

/** Sets the bound to the strong threshold, or clears it when it is already there. */
export function toggleStrong(f: RowFilters, key: 'traderMin' | 'investorMin'): RowFilters {
  return { ...f, [key]: strongOn(f, key) ? '' : String(GRADE_STRONG) };
}

/** Holdings open sorted by value share, all assets by Trader Grade; both largest first. */
export function initialSort(scope: Scope): { key: string; dir: 'asc' | 'desc' } {
  return scope === 'held' ? { key: 'share', dir: 'desc' } : { key: 'trader', dir: 'desc' };
}

export function countText(shown: number, total: number, scope: Scope): string {
  return `Showing ${shown} of ${total} ${scope === 'held' ? 'holdings' : 'assets with history'}.`;
}

/** What an empty, unfiltered table says. */
export function emptyText(scope: Scope): string {
  return scope === 'held'
    ? 'You hold nothing with a value yet: switch to all assets with history.'
    : 'No price history is available yet.';
}
