/** The grades table's scope, filters and texts (renderer/src/views/grades/grade-rows.ts). */
import { describe, expect, it } from 'vitest';
import type { GradeRow } from '../../shared/ipc/channels/grades';
import {
  bound,
  boundInvalid,
  countText,
  defaultScope,
  emptyText,
  filterRows,
  initialSort,
  isFiltered,
  NO_FILTERS,
  strongOn,
  toggleStrong,
  type RowFilters,
} from '../../renderer/src/views/grades/grade-rows';
import { gradeRow } from './grades-view-fixtures';

const ROWS: GradeRow[] = [
  gradeRow('BTC', { name: 'Bitcoin', held: true, trader: 85, investor: 90 }),
  gradeRow('ETH', { name: 'Ethereum', held: true, trader: 60, investor: 82 }),
  gradeRow('NEW', { held: true, trader: 70, investor: null, haveDays: 90 }),
  gradeRow('NONE', { held: true, trader: null, investor: null, haveDays: 0 }),
  gradeRow('SOL', { name: 'Solana', trader: 81, investor: 40 }),
  gradeRow('DOGE', { name: 'Dogecoin', trader: 20, investor: 30 }),
];

const symbols = (rows: GradeRow[]) => rows.map((r) => r.symbol);
const withFilters = (over: Partial<RowFilters>): RowFilters => ({ ...NO_FILTERS, ...over });

describe('scope', () => {
  it('holdings are the held rows, with or without history; "all" is every row with history', () => {
    expect(symbols(filterRows(ROWS, 'held', NO_FILTERS))).toEqual(['BTC', 'ETH', 'NEW', 'NONE']);
    expect(symbols(filterRows(ROWS, 'all', NO_FILTERS))).toEqual(['BTC', 'ETH', 'NEW', 'SOL', 'DOGE']);
  });

  it('opens on the holdings when there are any', () => {
    expect(defaultScope(ROWS)).toBe('held');
    expect(defaultScope(ROWS.filter((r) => !r.held))).toBe('all');
    expect(defaultScope([])).toBe('all');
  });

  it('sorts holdings by value share and all assets by Trader Grade, largest first', () => {
    expect(initialSort('held')).toEqual({ key: 'share', dir: 'desc' });
    expect(initialSort('all')).toEqual({ key: 'trader', dir: 'desc' });
  });
});

describe('filterRows', () => {
  it('searches symbol and name, case-insensitively, ignoring surrounding spaces', () => {
    expect(symbols(filterRows(ROWS, 'all', withFilters({ search: '  bit ' })))).toEqual(['BTC']);
    expect(symbols(filterRows(ROWS, 'all', withFilters({ search: 'sol' })))).toEqual(['SOL']);
    expect(symbols(filterRows(ROWS, 'all', withFilters({ search: 'coin' })))).toEqual(['BTC', 'NEW', 'DOGE']);
  });

  it('keeps grades within inclusive bounds', () => {
    expect(symbols(filterRows(ROWS, 'all', withFilters({ traderMin: '60', traderMax: '81' })))).toEqual([
      'ETH',
      'NEW',
      'SOL',
    ]);
    expect(symbols(filterRows(ROWS, 'all', withFilters({ investorMax: '40' })))).toEqual(['SOL', 'DOGE']);
  });

  it('drops rows without the bounded grade, but keeps them when only the other grade is bounded', () => {
    expect(symbols(filterRows(ROWS, 'held', withFilters({ investorMin: '0' })))).toEqual(['BTC', 'ETH']);
    expect(symbols(filterRows(ROWS, 'held', withFilters({ traderMin: '0' })))).toEqual(['BTC', 'ETH', 'NEW']);
  });

  it('ignores a bound that is not a number', () => {
    expect(symbols(filterRows(ROWS, 'all', withFilters({ traderMin: 'abc' })))).toEqual(
      symbols(filterRows(ROWS, 'all', NO_FILTERS)),
    );
  });
});

describe('bounds', () => {
  it('reads a typed bound, blank or not a number as none', () => {
    const cases: [string, number | null][] = [
      [' 42 ', 42],
      ['', null],
      ['   ', null],
      ['x', null],
    ];
    for (const [text, expected] of cases) expect(bound(text), text).toBe(expected);
  });

  it('marks typed bounds outside 0-100 invalid, never a blank one', () => {
    for (const text of ['', '0', '100']) expect(boundInvalid(text), text).toBe(false);
    for (const text of ['101', '-1', 'x']) expect(boundInvalid(text), text).toBe(true);
  });
});

describe('the "≥ 80" chips', () => {
  it('set the lower bound to 80 and clear it on a second press', () => {
    const on = toggleStrong(NO_FILTERS, 'traderMin');
    expect(on).toEqual(withFilters({ traderMin: '80' }));
    expect(strongOn(on, 'traderMin')).toBe(true);
    expect(strongOn(on, 'investorMin')).toBe(false);
    expect(toggleStrong(on, 'traderMin')).toEqual(NO_FILTERS);
  });

  it('replace a different typed bound rather than clearing it', () => {
    expect(toggleStrong(withFilters({ investorMin: '50' }), 'investorMin')).toEqual(withFilters({ investorMin: '80' }));
  });
});

describe('texts', () => {
  it('knows when any filter is set', () => {
    expect(isFiltered(NO_FILTERS)).toBe(false);
    expect(isFiltered(withFilters({ search: 'b' }))).toBe(true);
    expect(isFiltered(withFilters({ investorMax: '10' }))).toBe(true);
  });

  it('counts what is shown against the scope', () => {
    expect(countText(2, 4, 'held')).toBe('Showing 2 of 4 holdings.');
    expect(countText(5, 5, 'all')).toBe('Showing 5 of 5 assets with history.');
  });

  it('explains an empty table by scope', () => {
    expect(emptyText('held')).toMatch(/hold nothing/);
    expect(emptyText('all')).toMatch(/No price history/);
  });
});
