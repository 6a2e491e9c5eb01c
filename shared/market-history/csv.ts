/**
 * Daily price CSVs in the format every Ballast tool shares: `date,open,high,low,close,volume[,market_cap]`,
 * one file per asset. `parsePriceCsv` reads one file's text (bad rows are reported with their line and
 * reason and skipped; the valid rows are kept); `priceCsv` writes candles back in the same format.
 * Pure: used by the CLI (cli/prices-csv.ts), the market-history import and export, and tests.
 */
import Papa from 'papaparse';
import { DAY_MS, type Candle, type PriceHistory } from '../domain/types';
import { isoDay, parseIsoDay } from '../indexlab/calendar';
import { parsePlainPriceCsv } from './csv-fast';

export interface CsvRowError {
  file: string;
  /** 1-based line number in the file (the header is line 1). */
  line: number;
  reason: string;
}

export interface ParsedPriceCsv {
  candles: Candle[];
  errors: CsvRowError[];
  /** Set when the whole file is unusable (e.g. a missing column). */
  fatal?: string;
}

const REQUIRED = ['date', 'open', 'high', 'low', 'close', 'volume'] as const;
const MC_COLUMNS = ['market_cap', 'marketcap', 'mc'];
export const CSV_HEADER_HELP = 'date,open,high,low,close,volume[,market_cap]';

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Parses a CSV date cell (YYYY-MM-DD or ISO 8601 date-time) to its UTC day (ms), or NaN. */
export function parseDateCell(raw: string): number {
  const s = raw.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return parseIsoDay(s);
  if (ISO_DATETIME.test(s)) {
    // A date-time without a zone is read as UTC.
    const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(s);
    const t = Date.parse(hasZone ? s : `${s}Z`);
    if (!Number.isFinite(t) || !Number.isFinite(parseIsoDay(s.slice(0, 10)))) return Number.NaN;
    return Math.floor(t / DAY_MS) * DAY_MS;
  }
  return Number.NaN;
}

function num(row: Record<string, string | undefined>, col: string): number {
  const s = (row[col] ?? '').trim();
  return s === '' ? Number.NaN : Number(s);
}

/**
 * Parses one price CSV's text. `file` is only used in messages. A plain, valid file is read by the
 * fast path (csv-fast.ts); anything else by papaparse, which reports the bad rows.
 */
export function parsePriceCsv(text: string, file: string): ParsedPriceCsv {
  const plain = parsePlainPriceCsv(text);
  return plain ? { candles: plain, errors: [] } : parsePriceCsvWithPapa(text, file);
}

/** The general reader: any header order, quotes, BOM, delimiters, date-times; reports bad rows. */
export function parsePriceCsvWithPapa(text: string, file: string): ParsedPriceCsv {
  const res = Papa.parse<Record<string, string | undefined>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: false,
    transformHeader: (h) => h.trim().toLowerCase(),
  });
  const fields = res.meta.fields ?? [];
  const missing = REQUIRED.filter((c) => !fields.includes(c));
  if (missing.length > 0) {
    return {
      candles: [],
      errors: [],
      fatal: `missing column(s) ${missing.join(', ')}; the header must be ${CSV_HEADER_HELP}`,
    };
  }
  const mcCol = MC_COLUMNS.find((c) => fields.includes(c));
  const errors: CsvRowError[] = [];
  const rowProblems = new Map<number, string>();
  for (const e of res.errors) {
    if (e.row === undefined || e.row === null) continue;
    if (e.code === 'TooFewFields' || e.code === 'TooManyFields') {
      const which = e.code === 'TooFewFields' ? 'too few' : 'too many';
      rowProblems.set(e.row, `${which} fields; expected ${fields.length} (${fields.join(',')})`);
    } else {
      rowProblems.set(e.row, e.message);
    }
  }
  const byDay = new Map<number, number>(); // day -> line
  const candles: Candle[] = [];
  res.data.forEach((row, i) => {
    const line = i + 2;
    const values = Object.values(row).filter((v) => typeof v === 'string');
    if (values.every((v) => v.trim() === '')) return; // blank line
    const bad = (reason: string): void => {
      errors.push({ file, line, reason });
    };
    const problem = rowProblems.get(i);
    if (problem) return bad(problem);
    const t = parseDateCell(row.date ?? '');
    if (!Number.isFinite(t)) return bad(`date "${row.date ?? ''}" is not YYYY-MM-DD or an ISO 8601 date-time`);
    const o = num(row, 'open');
    const h = num(row, 'high');
    const l = num(row, 'low');
    const c = num(row, 'close');
    for (const [name, v] of [
      ['open', o],
      ['high', h],
      ['low', l],
      ['close', c],
    ] as const) {
      if (!(v > 0) || !Number.isFinite(v)) return bad(`${name} "${(row[name] ?? '').trim()}" is not a positive number`);
    }
    if (h < l) return bad(`high (${h}) is below low (${l})`);
    const volRaw = (row.volume ?? '').trim();
    const v = volRaw === '' ? 0 : Number(volRaw);
    if (!(v >= 0) || !Number.isFinite(v)) return bad(`volume "${volRaw}" is not a number >= 0`);
    let mc: number | undefined;
    if (mcCol) {
      const mcRaw = (row[mcCol] ?? '').trim();
      if (mcRaw !== '') {
        const x = Number(mcRaw);
        if (!(x >= 0) || !Number.isFinite(x)) return bad(`${mcCol} "${mcRaw}" is not a number >= 0`);
        if (x > 0) mc = x;
      }
    }
    const seen = byDay.get(t);
    if (seen !== undefined) return bad(`duplicate date ${isoDay(t)} (first on line ${seen}); row ignored`);
    byDay.set(t, line);
    candles.push(mc === undefined ? { t, o, h, l, c, v } : { t, o, h, l, c, v, mc });
  });
  candles.sort((a, b) => a.t - b.t);
  return { candles, errors };
}

/** Significant digits written for prices, volumes and market caps (enough for any real price). */
const CSV_DIGITS = 12;

function cell(x: number): string {
  return String(Number(x.toPrecision(CSV_DIGITS)));
}

/** Candles as a price CSV (header included); `market_cap` is empty on days without one. */
export function priceCsv(candles: readonly Candle[]): string {
  const lines = ['date,open,high,low,close,volume,market_cap'];
  for (const k of candles) {
    const mc = k.mc !== undefined && k.mc > 0 ? cell(k.mc) : '';
    lines.push(`${isoDay(k.t)},${cell(k.o)},${cell(k.h)},${cell(k.l)},${cell(k.c)},${cell(k.v)},${mc}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Prices read from a folder of price CSVs: one asset per file. */
export interface LoadedPrices {
  prices: PriceHistory;
  errors: CsvRowError[];
  /** Files skipped entirely, with the reason. */
  skippedFiles: Array<{ file: string; reason: string }>;
  files: number;
}

/** The symbol a price file stands for: its name without the extension, upper-cased ("btc.csv" is BTC). */
export function symbolOfCsvFile(name: string): string {
  return name
    .replace(/\.[^.]*$/, '')
    .trim()
    .toUpperCase();
}

/**
 * Reads the price CSVs of a folder, given as file names and texts (sorted by the caller): one asset per
 * file, named by `symbolOfCsvFile`. A file without a symbol, a second file for the same symbol, a file
 * missing a column or without one valid row is skipped with the reason.
 */
export function pricesFromCsvFiles(files: readonly { name: string; text: string }[]): LoadedPrices {
  const prices: PriceHistory = {};
  const errors: CsvRowError[] = [];
  const skippedFiles: Array<{ file: string; reason: string }> = [];
  for (const { name, text } of files) {
    const symbol = symbolOfCsvFile(name);
    if (!symbol) {
      skippedFiles.push({ file: name, reason: 'file name gives no symbol' });
      continue;
    }
    if (prices[symbol]) {
      skippedFiles.push({ file: name, reason: `another file already gave ${symbol}` });
      continue;
    }
    const parsed = parsePriceCsv(text, name);
    errors.push(...parsed.errors);
    if (parsed.fatal) {
      skippedFiles.push({ file: name, reason: parsed.fatal });
      continue;
    }
    if (parsed.candles.length === 0) {
      skippedFiles.push({ file: name, reason: 'no valid rows' });
      continue;
    }
    prices[symbol] = parsed.candles;
  }
  return { prices, errors, skippedFiles, files: files.length };
}
