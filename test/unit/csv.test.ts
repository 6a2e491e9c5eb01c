import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { safeCell, toCsv } from '../../shared/csv';

describe('formula-safe CSV', () => {
  it("prefixes ' to text cells starting with = + - @ tab or CR, whatever follows (line breaks too)", () => {
    for (const cell of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\t=x', '\r=x', '=HYPERLINK("x")\n=1']) {
      expect(safeCell(cell)).toBe(`'${cell}`);
    }
    expect(safeCell('BTC')).toBe('BTC');
    expect(safeCell(-5)).toBe(-5);
  });

  it('writes the header and rows; numbers stay numbers, unsafe text is escaped and read back as text', () => {
    const csv = toCsv(
      ['asset', 'amount', 'note'],
      [
        ['BTC', -0.5, '=cmd|"/c calc"!A1'],
        ['ETH', 2, '=1\n+2'],
        ['SOL', null, undefined],
      ],
    );
    const rows = Papa.parse<string[]>(csv).data;
    expect(rows[0]).toEqual(['asset', 'amount', 'note']);
    expect(rows[1]).toEqual(['BTC', '-0.5', `'=cmd|"/c calc"!A1`]);
    expect(rows[2]).toEqual(['ETH', '2', "'=1\n+2"]);
    expect(rows[3]).toEqual(['SOL', '', '']);
    expect(csv.split('\n')[0]).toBe('asset,amount,note');
  });
});
