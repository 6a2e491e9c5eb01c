/**
 * The CLI's price CSV reader (cli/prices-csv.ts): the fast path for plain files (prices-csv-fast.ts)
 * gives bit for bit the candles of the general papaparse reader, on the real history (skipped with a
 * message when ../shared/data is absent) and on seeded generated files; and it steps aside for
 * anything unusual (quotes, BOM, other delimiters, date-times, bad or unordered rows) so that the
 * general reader reports the rows as always.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parsePriceCsv, parsePriceCsvWithPapa } from '../../cli/prices-csv';
import { parsePlainPriceCsv } from '../../cli/prices-csv-fast';
import { mulberry32 as rng } from '../../shared/random';

const DATA = join(fileURLToPath(new URL('../..', import.meta.url)), '..', 'shared', 'data', 'market-history');
const hasData = existsSync(join(DATA, 'BTC.csv'));

/** The fast path answers, and with exactly the general reader's candles (same keys, same doubles). */
function expectSameAsPapa(text: string): void {
  const fast = parsePlainPriceCsv(text);
  expect(fast).not.toBeNull();
  const ref = parsePriceCsvWithPapa(text, 'X.csv');
  expect(ref.errors).toEqual([]);
  expect(fast!.length).toBe(ref.candles.length);
  const differ = fast!.findIndex((c, i) => {
    const r = ref.candles[i]!;
    const keys = Object.keys(r) as Array<keyof typeof r>;
    return Object.keys(c).join() !== keys.join() || keys.some((k) => !Object.is(c[k], r[k]));
  });
  expect(differ, `first differing row ${differ}`).toBe(-1);
}

/** A number as text in one of the forms price files carry. */
function numberText(r: () => number): string {
  const k = r();
  if (k < 0.15) return String(Math.floor(r() * 1e9) + 1);
  if (k < 0.3) return String(r() * 1e-7); // exponent form
  if (k < 0.4) return (1 + r() * 100).toFixed(Math.floor(r() * 24));
  if (k < 0.45) return `0.${'0'.repeat(Math.floor(r() * 24))}${Math.floor(r() * 1e6) + 1}`;
  if (k < 0.5) return `${Math.floor(r() * 9) + 1}.`;
  return String(r() * 10 ** Math.floor(r() * 14)); // up to 17 significant digits
}

function plainFile(seed: number): string {
  const r = rng(seed);
  const cols = ['date', 'open', 'high', 'low', 'close', 'volume', ...(r() < 0.6 ? ['market_cap'] : [])];
  if (r() < 0.3) cols.reverse();
  const lines = [cols.join(',')];
  let day = Date.UTC(2016 + Math.floor(r() * 6), 0, 1);
  for (let i = 0; i < 60; i++) {
    day += (1 + Math.floor(r() * 3)) * 86_400_000;
    const low = numberText(r);
    const row: Record<string, string> = {
      date: new Date(day).toISOString().slice(0, 10),
      open: numberText(r),
      high: String(Number(low) * (1 + r())),
      low,
      close: numberText(r),
      volume: r() < 0.1 ? '' : numberText(r),
      market_cap: r() < 0.1 ? '' : r() < 0.05 ? '0' : numberText(r),
    };
    lines.push(cols.map((c) => row[c]).join(','));
  }
  const text = `${lines.join('\n')}${r() < 0.5 ? '\n' : ''}`;
  return r() < 0.2 ? text.replace(/\n/g, '\r\n') : text;
}

describe('fast price CSV path', () => {
  it('reads generated plain files exactly as papaparse does', () => {
    for (let seed = 1; seed <= 300; seed++) expectSameAsPapa(plainFile(seed));
  });

  it('keeps blank lines, empty volumes and market caps as the general reader does', () => {
    expectSameAsPapa(
      'date,open,high,low,close,volume,market_cap\n\n2024-01-01,1,2,0.5,1.5,,\n\n2024-01-02,1,2,1,1,0,0\n',
    );
  });

  it.skipIf(!hasData)(
    `reads every file of the real history exactly as papaparse does${hasData ? '' : ' (skipped: ../shared/data/market-history is absent)'}`,
    () => {
      for (const dir of [DATA, join(DATA, 'close-only')]) {
        for (const f of readdirSync(dir).filter((x) => x.endsWith('.csv')))
          expectSameAsPapa(readFileSync(join(dir, f), 'utf8'));
      }
    },
  );

  it('steps aside for anything unusual, and the general reader still reports the rows', () => {
    const head = 'date,open,high,low,close,volume';
    const unusual = [
      `\uFEFF${head}\n2024-01-01,1,1,1,1,1\n`, // BOM
      `${head}\n"2024-01-01",1,1,1,1,1\n`, // quotes
      `${head.replace(/,/g, ';')}\n2024-01-01;1;1;1;1;1\n`, // another delimiter
      `${head}\n2024-01-01T00:00:00Z,1,1,1,1,1\n`, // date-time
      `${head}\n2024-01-02,1,1,1,1,1\n2024-01-01,1,1,1,1,1\n`, // out of order
      `${head}\n2024-01-01,1,1,1,1,1\n2024-01-01,1,1,1,1,1\n`, // duplicate day
      `${head}\n2024-01-01,abc,1,1,1,1\n`, // not a number
      `${head}\n2024-01-01,1,1,2,1,1\n`, // high below low
      `${head}\n2024-01-01,1,1,1,1\n`, // too few fields
      `${head}\n2024-01-01,1,1,1,1,1,9\n`, // too many fields
      `${head}\n2024-02-30,1,1,1,1,1\n`, // not a real day
      `${head},extra\n2024-01-01,1,1,1,1,1,2\n`, // unknown column
      `${head}\r2024-01-01,1,1,1,1,1\r`, // CR line ends
      `${head}\n2024-01-01, 1,1,1,1,1\n`, // spaces
      `${head}\n2024-01-01,-1,1,1,1,1\n`, // signed number
    ];
    for (const text of unusual) expect(parsePlainPriceCsv(text), JSON.stringify(text)).toBeNull();
    expect(parsePriceCsv(`${head}\n2024-01-01,1,1,2,1,1\n`, 'A.csv').errors).toEqual([
      { file: 'A.csv', line: 2, reason: 'high (1) is below low (2)' },
    ]);
    expect(parsePriceCsv(`\uFEFF${head}\n2024-01-01,1,2,1,1.5,\n`, 'A.csv').candles).toEqual([
      { t: Date.UTC(2024, 0, 1), o: 1, h: 2, l: 1, c: 1.5, v: 0 },
    ]);
  });
});
