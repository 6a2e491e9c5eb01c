/**
 * Bring your own data: a folder of price CSVs in the CLI's format (`date,open,high,low,close,volume
 * [,market_cap]`, one SYMBOL.csv per asset, prices in USD) merged into the market-history store.
 *
 * Imported candles and caps replace downloaded ones on the days they cover (the user chose them); the
 * next update only adds days after them (and before them, for an asset that was downloaded before). Bad
 * rows are reported with file, line and reason and skipped, the rest of each file is kept. Files are read
 * asynchronously, at most MAX_FILES of at most MAX_FILE_BYTES each.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { DAY_MS } from '../../../shared/domain/types';
import { isoDay } from '../../../shared/indexlab/calendar';
import type { MarketHistoryImportResult } from '../../../shared/ipc/channels/market-history';
import { fromCandles, mergeCandles, mergeCaps, pricesFromCsvFiles } from '../../../shared/market-history';
import { AppError } from '../errors';
import { isStorableSymbol, type MarketHistoryStore } from './store';

const MAX_FILES = 2_000;
const MAX_FILE_BYTES = 50 * 1024 * 1024;
const MAX_REPORTED_ERRORS = 200;

export async function importCsvFolder(
  store: MarketHistoryStore,
  dir: string,
  now: () => number,
): Promise<MarketHistoryImportResult> {
  let names: string[];
  try {
    if (!(await stat(dir)).isDirectory()) throw new Error('not a folder');
    names = (await readdir(dir)).filter((f) => extname(f).toLowerCase() === '.csv').sort();
  } catch {
    throw new AppError('not-found', 'That folder could not be read.');
  }
  if (names.length === 0)
    throw new AppError('csv-invalid', 'That folder holds no .csv files (one SYMBOL.csv per asset).');
  if (names.length > MAX_FILES) {
    throw new AppError(
      'limit',
      `That folder holds ${names.length} CSV files; Ballast imports at most ${MAX_FILES} at once.`,
    );
  }
  const skippedFiles: MarketHistoryImportResult['skippedFiles'] = [];
  const files: { name: string; text: string }[] = [];
  for (const name of names) {
    const path = join(dir, name);
    if ((await stat(path)).size > MAX_FILE_BYTES) {
      skippedFiles.push({ file: name, reason: `larger than ${MAX_FILE_BYTES / 1024 / 1024} MB` });
      continue;
    }
    files.push({ name, text: await readFile(path, 'utf8') });
  }
  const loaded = pricesFromCsvFiles(files);
  skippedFiles.push(...loaded.skippedFiles);

  const assets: MarketHistoryImportResult['assets'] = [];
  for (const [symbol, candles] of Object.entries(loaded.prices)) {
    if (!isStorableSymbol(symbol)) {
      skippedFiles.push({ file: `${symbol}.csv`, reason: 'the file name is not a ticker Ballast can store' });
      continue;
    }
    const add = fromCandles(candles, 'import');
    const meta = store.meta(symbol);
    const downloaded = meta?.provider && meta.provider !== 'import';
    await store.update(symbol, (s) => ({
      candles: mergeCandles(s.candles, add.candles, true),
      caps: mergeCaps(s.caps, add.caps),
      // An asset only imported is complete as it is: updates add later days, not older ones.
      origin: downloaded ? s.origin : { provider: 'import', market: null, backfilled: true },
    }));
    const first = isoDay(add.candles.day[0]! * DAY_MS);
    const last = isoDay(add.candles.day[add.candles.day.length - 1]! * DAY_MS);
    const note = `${add.candles.day.length} day(s) from ${first} to ${last} imported from your file ${symbol}.csv.`;
    store.setMeta(symbol, {
      status: 'ok',
      updatedAt: now(),
      notes: [...(meta?.notes ?? []).filter((n) => !n.includes('imported from your file')), note],
    });
    assets.push({ symbol, rows: add.candles.day.length, firstDay: first, lastDay: last, capDays: add.caps.day.length });
  }
  await store.flush();
  return {
    folder: dir,
    files: names.length,
    assets,
    errors: loaded.errors.slice(0, MAX_REPORTED_ERRORS),
    errorCount: loaded.errors.length,
    skippedFiles,
  };
}
