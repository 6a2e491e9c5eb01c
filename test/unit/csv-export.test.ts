/**
 * CSV exports (shared/csv.ts, used by every exporter): a cell or header a spreadsheet would run as a
 * formula is written as text, and numbers stay numbers.
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../shared/csv';

const cells = (csv: string) => Papa.parse<string[]>(csv.trim()).data;

describe('CSV exports', () => {
  it('escapes every text cell and header that starts a formula', () => {
    const starts = ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'];
    const csv = toCsv(
      ['side', '=HYPERLINK("http://x")'],
      starts.map((s) => [s, 'ok']),
    );
    const [header, ...rows] = cells(csv);
    expect(header).toEqual(['side', `'=HYPERLINK("http://x")`]);
    expect(rows.map((r) => r[0])).toEqual(starts.map((s) => `'${s}`));
    expect(rows.map((r) => r[1])).toEqual(starts.map(() => 'ok'));
  });

  it('keeps numbers as numbers, negative ones included, and writes empty cells', () => {
    expect(toCsv(['a', 'b', 'c', 'd'], [[-0.25, 1e-7, null, 'BTC']])).toBe('a,b,c,d\n-0.25,1e-7,,BTC');
  });
});
