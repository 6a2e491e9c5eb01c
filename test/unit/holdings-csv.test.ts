import { describe, expect, it } from 'vitest';
import { decodeCsvBytes, detectDelimiter, parseAmount, parseHoldingsCsv, previewRows } from '../../shared/holdings/csv';
import { MAX_CSV_CHARS, MAX_CSV_ROWS } from '../../shared/holdings/types';

/** UTF-16 code units of a string as bytes, little- or big-endian, optionally with a BOM. */
function utf16(text: string, endian: 'le' | 'be', bom = true): Uint8Array {
  const units = [...(bom ? [0xfeff] : []), ...Array.from(text, (c) => c.charCodeAt(0))];
  const out = new Uint8Array(units.length * 2);
  units.forEach((u, i) => {
    const hi = u >> 8;
    const lo = u & 0xff;
    out[i * 2] = endian === 'le' ? lo : hi;
    out[i * 2 + 1] = endian === 'le' ? hi : lo;
  });
  return out;
}

/** Latin text as single bytes, with "€" as windows-1252's 0x80. */
function cp1252(text: string): Uint8Array {
  return Uint8Array.from(Array.from(text, (c) => (c === '€' ? 0x80 : c.charCodeAt(0))));
}

describe('parseHoldingsCsv: columns and values', () => {
  it('reads a comma file with aliased, mixed-case headers and defaults the wallet', () => {
    const r = parseHoldingsCsv('Symbol,QUANTITY,Notes\nbtc,0.5,cold storage\nEth,12,\n');
    expect(r.fatal).toBeNull();
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual([
      { line: 2, wallet: 'Manual', asset: 'BTC', amount: 0.5, note: 'cold storage' },
      { line: 3, wallet: 'Manual', asset: 'ETH', amount: 12 },
    ]);
    expect(r.columns).toMatchObject({ asset: 'Symbol', amount: 'QUANTITY', note: 'Notes' });
  });

  it('uses the wallet column, falls back to the default wallet for empty cells, and reads cost basis', () => {
    const csv = 'coin,qty,location,cost_basis\nBTC,1,Ledger,"$30,000"\nSOL,10,,1200.5\n';
    const r = parseHoldingsCsv(csv, { defaultWallet: 'Trezor' });
    expect(r.rows.map((x) => [x.wallet, x.asset, x.amount, x.costBasis])).toEqual([
      ['Ledger', 'BTC', 1, 30000],
      ['Trezor', 'SOL', 10, 1200.5],
    ]);
  });

  it('accepts the other aliases (ticker/balance/custody, asset/amount/wallet)', () => {
    for (const header of ['ticker,balance,custody', 'Asset,Amount,Wallet', 'token , units , account']) {
      const r = parseHoldingsCsv(`${header}\nADA,100,Nexo\n`);
      expect(r.fatal, header).toBeNull();
      expect(r.rows[0], header).toMatchObject({ asset: 'ADA', amount: 100, wallet: 'Nexo' });
    }
  });

  it('prefers the best alias when several columns fit, and ignores unknown columns', () => {
    const r = parseHoldingsCsv('Currency,Platform,Asset,Wallet,Amount,Price\nUSD,Hardware,BTC,Ledger,2,60000\n');
    expect(r.columns).toEqual({ asset: 'Asset', amount: 'Amount', wallet: 'Wallet' });
    expect(r.rows).toEqual([{ line: 2, wallet: 'Ledger', asset: 'BTC', amount: 2 }]);
  });

  it('refuses a file without asset or amount columns, naming what it found', () => {
    const r = parseHoldingsCsv('name,value\nBTC,1\n');
    expect(r.fatal).toMatch(/asset/);
    expect(r.fatal).toContain('name, value');
    expect(r.rows).toEqual([]);
    expect(parseHoldingsCsv('').fatal).toMatch(/empty/);
    expect(parseHoldingsCsv('\n  \n\n').fatal).toMatch(/empty/);
  });

  it('handles a UTF-8 BOM, CRLF line ends, blank lines and trailing whitespace', () => {
    const csv = '\uFEFFasset,amount,wallet\r\n\r\n BTC , 1.25 ,  Ledger  \r\n   \r\nETH,2\t\r\n';
    const r = parseHoldingsCsv(csv);
    expect(r.columns.asset).toBe('asset');
    expect(r.rows).toEqual([
      { line: 3, wallet: 'Ledger', asset: 'BTC', amount: 1.25 },
      { line: 5, wallet: 'Manual', asset: 'ETH', amount: 2 },
    ]);
    expect(r.totalRows).toBe(2);
  });

  it('keeps delimiters and quotes inside quoted fields, and counts lines across multi-line cells', () => {
    const csv = 'asset,amount,note\nBTC,1,"cold, offline ""vault"""\nETH,2,"line one\nline two"\nSOL,3,\n';
    const r = parseHoldingsCsv(csv);
    expect(r.rows[0]?.note).toBe('cold, offline "vault"');
    expect(r.rows[1]?.note).toBe('line one\nline two');
    // The ETH row spans lines 3-4, so SOL is on line 5.
    expect(r.rows.map((x) => x.line)).toEqual([2, 3, 5]);
  });

  it('reads semicolon files with decimal commas and thousands separators', () => {
    const csv = 'asset;amount;wallet\nBTC;1,5;Ledger\nDOGE;1.234.567,89;Ledger\nADA;2 500,25;Nexo\nETH;0,0001;Nexo\n';
    const r = parseHoldingsCsv(csv);
    expect(r.delimiter).toBe(';');
    expect(r.errors).toEqual([]);
    expect(r.rows.map((x) => x.amount)).toEqual([1.5, 1234567.89, 2500.25, 0.0001]);
  });

  it('reads tab-delimited files and quoted thousands in comma files', () => {
    const tab = parseHoldingsCsv('asset\tamount\nBTC\t3\nETH\t4.5\n');
    expect(tab.delimiter).toBe('\t');
    expect(tab.rows.map((x) => x.amount)).toEqual([3, 4.5]);
    const comma = parseHoldingsCsv('asset,amount\nDOGE,"1,234.5"\nSHIB,"12,000,000"\nXRP,"1,5"\n');
    expect(comma.rows.map((x) => x.amount)).toEqual([1234.5, 12_000_000, 1.5]);
  });
});

describe('parseHoldingsCsv: row errors', () => {
  const csv = [
    'asset,amount,wallet',
    'BTC,1,Ledger', // 2 ok
    ',5,Ledger', // 3 missing asset
    'BT C,1,Ledger', // 4 bad symbol
    'ABCDEFGHIJKLMNOPQRSTU,1,Ledger', // 5 too long (21)
    'ETH,abc,Ledger', // 6 not a number
    'SOL,-2,Ledger', // 7 negative
    'ADA,NaN,Ledger', // 8
    'DOT,Infinity,Ledger', // 9
    'XRP,1e400,Ledger', // 10 overflows
    'LINK,,Ledger', // 11 missing amount
    'AVAX,1,5,Ledger', // 12 too many columns (decimal comma in a comma file)
    'ATOM,7,Ledger,,', // 13 trailing empty cells are fine
    'eth.e,2,Ledger', // 14 dotted symbol is fine
  ].join('\n');
  const r = parseHoldingsCsv(csv);
  const errorAt = (line: number) => r.errors.find((e) => e.line === line);

  it('keeps the valid rows', () => {
    expect(r.rows.map((x) => [x.line, x.asset, x.amount])).toEqual([
      [2, 'BTC', 1],
      [13, 'ATOM', 7],
      [14, 'ETH.E', 2],
    ]);
  });

  it('reports each invalid row once, with its line, a reason and the raw text', () => {
    expect(r.errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(errorAt(3)?.message).toMatch(/asset is missing/);
    expect(errorAt(4)?.message).toMatch(/not a valid symbol/);
    expect(errorAt(5)?.message).toMatch(/not a valid symbol/);
    expect(errorAt(6)?.message).toMatch(/not a number/);
    expect(errorAt(7)?.message).toMatch(/negative/);
    expect(errorAt(8)?.message).toMatch(/not a number/);
    expect(errorAt(9)?.message).toMatch(/not a number/);
    expect(errorAt(10)?.message).toMatch(/finite/);
    expect(errorAt(11)?.message).toMatch(/amount is missing/);
    expect(errorAt(12)?.message).toMatch(/Too many columns/);
    for (const e of r.errors) expect(csv.split('\n')[e.line - 1]).toBe(e.raw);
    expect(r.totalRows).toBe(csv.split('\n').length - 1);
  });

  it('reports an unterminated quote as an error instead of failing the file', () => {
    const bad = parseHoldingsCsv('asset,amount,note\nBTC,1,ok\nETH,2,"never closed\n');
    expect(bad.fatal).toBeNull();
    expect(bad.rows.map((x) => x.asset)).toEqual(['BTC']);
    expect(bad.errors).toHaveLength(1);
    expect(bad.errors[0]?.line).toBe(3);
    expect(bad.errors[0]?.message).toMatch(/quoted/i);
  });
});

describe('parseHoldingsCsv: duplicates', () => {
  it('keeps the first row of a wallet+asset pair and reports later ones', () => {
    const csv = 'asset,amount,wallet\nBTC,1,Ledger\nETH,2,Ledger\nbtc,5,ledger\nBTC,3,Trezor\nBTC,9,LEDGER\n';
    const r = parseHoldingsCsv(csv);
    expect(r.rows.map((x) => `${x.wallet}:${x.asset}:${x.amount}`)).toEqual([
      'Ledger:BTC:1',
      'Ledger:ETH:2',
      'Trezor:BTC:3',
    ]);
    expect(r.duplicates.map((d) => [d.line, d.ofLine, d.asset])).toEqual([
      [4, 2, 'BTC'],
      [6, 2, 'BTC'],
    ]);
    expect(r.errors).toEqual([]);
  });

  it('treats rows without a wallet as the default wallet when matching duplicates', () => {
    const r = parseHoldingsCsv('asset,amount,wallet\nBTC,1,\nBTC,2,Manual\n');
    expect(r.rows).toHaveLength(1);
    expect(r.duplicates).toEqual([{ line: 3, ofLine: 2, wallet: 'Manual', asset: 'BTC' }]);
  });

  it('merges rows, errors and duplicates in file order for previews', () => {
    const r = parseHoldingsCsv('asset,amount\nBTC,1\nBTC,2\n,3\nETH,1\n');
    expect(previewRows(r).map((x) => [x.line, x.kind])).toEqual([
      [2, 'ok'],
      [3, 'duplicate'],
      [4, 'error'],
      [5, 'ok'],
    ]);
  });
});

describe('parseHoldingsCsv: limits', () => {
  it(`accepts ${MAX_CSV_ROWS} rows and refuses one more`, () => {
    const body = (n: number) => Array.from({ length: n }, (_, i) => `A${i},${i + 1},W${i % 7}`).join('\n');
    const ok = parseHoldingsCsv(`asset,amount,wallet\n${body(MAX_CSV_ROWS)}`);
    expect(ok.fatal).toBeNull();
    expect(ok.rows).toHaveLength(MAX_CSV_ROWS);
    expect(ok.rows.at(-1)).toMatchObject({ line: MAX_CSV_ROWS + 1, amount: MAX_CSV_ROWS });

    const tooMany = parseHoldingsCsv(`asset,amount,wallet\n${body(MAX_CSV_ROWS + 1)}`);
    expect(tooMany.fatal).toMatch(/more than 10,000 rows/);
    expect(tooMany.rows).toEqual([]);
    expect(tooMany.errors).toEqual([]);
  });

  it('refuses text above the size limit without parsing it', () => {
    const big = `asset,amount,note\nBTC,1,${'x'.repeat(MAX_CSV_CHARS)}`;
    const r = parseHoldingsCsv(big);
    expect(r.fatal).toMatch(/too large/);
    expect(r.rows).toEqual([]);
    expect(parseHoldingsCsv('asset,amount\nBTC,1\nETH,2\n', { maxRows: 1 }).fatal).toMatch(/more than 1 rows/);
  });

  it('rejects over-long wallet names and notes per row', () => {
    const r = parseHoldingsCsv(
      `asset,amount,wallet,note\nBTC,1,${'w'.repeat(61)},\nETH,1,,${'n'.repeat(201)}\nSOL,1,,ok\n`,
    );
    expect(r.errors.map((e) => e.line)).toEqual([2, 3]);
    expect(r.rows.map((x) => x.asset)).toEqual(['SOL']);
  });
});

describe('decodeCsvBytes', () => {
  const text = 'asset,amount,note\nBTC,1,caf\u00e9\n';

  it('decodes UTF-8 with and without a BOM', () => {
    const bytes = new TextEncoder().encode(text);
    expect(decodeCsvBytes(bytes)).toEqual({ text, encoding: 'utf-8' });
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);
    expect(decodeCsvBytes(withBom.buffer)).toEqual({ text, encoding: 'utf-8' });
  });

  it('decodes UTF-16 LE and BE with a BOM, and LE without one', () => {
    expect(decodeCsvBytes(utf16(text, 'le'))).toEqual({ text, encoding: 'utf-16le' });
    expect(decodeCsvBytes(utf16(text, 'be'))).toEqual({ text, encoding: 'utf-16be' });
    expect(decodeCsvBytes(utf16(text, 'le', false))).toEqual({ text, encoding: 'utf-16le' });
  });

  it('parses a UTF-16 LE file with a BOM end to end', () => {
    const { text: decoded } = decodeCsvBytes(utf16('Coin;Qty\r\nBTC;0,75\r\nETH;3\r\n', 'le'));
    const r = parseHoldingsCsv(decoded);
    expect(r.rows.map((x) => [x.asset, x.amount])).toEqual([
      ['BTC', 0.75],
      ['ETH', 3],
    ]);
  });

  it('falls back to windows-1252 for bytes that are not UTF-8, including "€" (0x80)', () => {
    const source = 'asset;amount;note\nBTC;1,5;paid 30.000 € at caf\u00e9\n';
    const decoded = decodeCsvBytes(cp1252(source));
    expect(decoded.encoding).toBe('windows-1252');
    expect(decoded.text).toBe(source);
    const r = parseHoldingsCsv(decoded.text);
    expect(r.rows[0]).toMatchObject({ asset: 'BTC', amount: 1.5, note: 'paid 30.000 € at caf\u00e9' });
  });
});

describe('parseAmount and detectDelimiter', () => {
  it('reads the common human forms', () => {
    const cases: [string, ',' | ';', number][] = [
      ['42', ',', 42],
      [' 0.5 ', ',', 0.5],
      ['.5', ',', 0.5],
      ['1e-8', ',', 1e-8],
      ['1,234.56', ',', 1234.56],
      ['1.234,56', ';', 1234.56],
      ["1'000.5", ',', 1000.5],
      ['1\u00a0000', ';', 1000],
      ['0,123', ',', 0.123],
      ['2,5', ';', 2.5],
      ['+3', ',', 3],
      ['0', ',', 0],
    ];
    for (const [raw, delim, expected] of cases) {
      const r = parseAmount(raw, delim);
      expect(r, raw).toEqual({ ok: true, value: expected });
    }
  });

  it('rejects garbage, badly grouped and non-finite numbers', () => {
    for (const raw of ['', 'abc', '1.2.3', '1,2,3', '0x10', '12..5', 'NaN', '-Infinity', '1e999', '-0.1', '1,23,456']) {
      expect(parseAmount(raw, ',').ok, raw).toBe(false);
    }
  });

  it('picks the delimiter of the header line, ignoring quoted text', () => {
    expect(detectDelimiter('asset;amount;wallet')).toBe(';');
    expect(detectDelimiter('asset\tamount')).toBe('\t');
    expect(detectDelimiter('"a;b;c",amount')).toBe(',');
    expect(detectDelimiter('asset')).toBe(',');
  });
});
