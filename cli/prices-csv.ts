/**
 * Reads a folder of daily price CSVs for the CLIs (simulate, grades:calibrate): one SYMBOL.csv per asset
 * with the header `date,open,high,low,close,volume[,market_cap]`. Bad rows are reported (file, line,
 * reason) and skipped; the valid rows are kept. The parsing itself is shared/market-history/csv.ts (plain
 * files take its fast path, csv-fast.ts, with the same result).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { pricesFromCsvFiles, type LoadedPrices } from '../shared/market-history';

export { CSV_HEADER_HELP, parseDateCell, parsePriceCsv, parsePriceCsvWithPapa } from '../shared/market-history';
export type { CsvRowError, LoadedPrices, ParsedPriceCsv } from '../shared/market-history';

/** Loads every *.csv in `dir` (symbol = file name without extension, upper-cased). Throws if dir is unreadable. */
export function loadPriceDir(dir: string): LoadedPrices {
  const st = statSync(dir, { throwIfNoEntry: false });
  if (!st) throw new Error(`price directory ${dir} does not exist`);
  if (!st.isDirectory()) throw new Error(`${dir} is not a directory`);
  const names = readdirSync(dir)
    .filter((f) => extname(f).toLowerCase() === '.csv')
    .sort();
  return pricesFromCsvFiles(names.map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') })));
}
