/**
 * CSV import of manual holdings: decoding (BOMs, UTF-16, windows-1252) and parsing with papaparse.
 *
 * Format: a header row, then one holding per row. Header names are matched case-insensitively, ignoring
 * spaces, dashes and underscores, with aliases:
 *   asset  (symbol, coin, ticker, token, currency)   required
 *   amount (quantity, qty, balance, units, holdings)  required
 *   wallet (location, custody, account)               optional, default "Manual"
 *   note   (notes, comment, memo, description)        optional
 *   cost_basis (cost, costbasis, purchase_cost)       optional
 * When several columns fit a role, the better alias wins ("asset" over "currency"). Other columns are
 * ignored. The delimiter (comma, semicolon, tab or pipe) is taken from the header line.
 *
 * Numbers: surrounding spaces, spaces/apostrophes as thousands separators, "1,234.5" and "1.234,5" are
 * accepted. A single comma is a decimal comma ("1,5" = 1.5), except in comma-delimited files where a quoted
 * "1,234" (one comma, three digits after it) is a thousands separator.
 *
 * Rows are validated one by one: an invalid row is reported with its line number and never stops the
 * others. A later row for the same wallet and asset as an earlier one is reported as a duplicate and
 * skipped (the first row wins; amounts are not summed, so a file listing the same coin twice is flagged
 * rather than silently doubled).
 */
import Papa from 'papaparse';
import {
  CSV_RAW_PREVIEW,
  DEFAULT_MANUAL_WALLET,
  MAX_AMOUNT,
  MAX_CSV_CHARS,
  MAX_CSV_ROWS,
  MAX_NOTE,
  MAX_WALLET_LABEL,
  SYMBOL_PATTERN,
  type CsvColumn,
  type CsvDelimiter,
  type CsvDuplicate,
  type CsvRowError,
  type HoldingsCsvResult,
  type ManualHoldingInput,
} from './types';

export interface ParseHoldingsCsvOptions {
  /** Wallet label for rows that name none (default "Manual"). */
  defaultWallet?: string;
  /** Row limit (default MAX_CSV_ROWS). */
  maxRows?: number;
  /** Text length limit in characters (default MAX_CSV_CHARS). */
  maxChars?: number;
}

export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedCsv {
  text: string;
  encoding: CsvEncoding;
}

const ALIASES: Record<CsvColumn, readonly string[]> = {
  asset: ['asset', 'symbol', 'coin', 'ticker', 'token', 'currency'],
  amount: ['amount', 'quantity', 'qty', 'balance', 'units', 'holdings'],
  wallet: ['wallet', 'location', 'custody', 'account'],
  note: ['note', 'notes', 'comment', 'memo', 'description'],
  costBasis: ['costbasis', 'cost', 'purchasecost'],
};

function normHeader(h: string): string {
  return h
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
}

/**
 * Which column plays which role. When several columns fit a role, the better alias wins (e.g. "asset"
 * over "currency"), then the leftmost column.
 */
export function mapColumns(header: readonly string[]): Partial<Record<CsvColumn, number>> {
  const names = header.map(normHeader);
  const out: Partial<Record<CsvColumn, number>> = {};
  for (const role of Object.keys(ALIASES) as CsvColumn[]) {
    for (const alias of ALIASES[role]) {
      const i = names.indexOf(alias);
      if (i !== -1 && !Object.values(out).includes(i)) {
        out[role] = i;
        break;
      }
    }
  }
  return out;
}

/**
 * Decodes the bytes of a CSV file: a BOM decides (UTF-8, UTF-16 LE/BE); without one, UTF-16 is
 * recognised by its zero bytes, then strict UTF-8 is tried, then windows-1252 (what spreadsheet apps on
 * Windows write as "CSV"). The BOM is not part of the returned text.
 */
export function decodeCsvBytes(bytes: ArrayBuffer | Uint8Array): DecodedCsv {
  const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const decode = (encoding: CsvEncoding, fatal = false) => new TextDecoder(encoding, { fatal }).decode(b);
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { text: decode('utf-8'), encoding: 'utf-8' };
  if (b[0] === 0xff && b[1] === 0xfe) return { text: decode('utf-16le'), encoding: 'utf-16le' };
  if (b[0] === 0xfe && b[1] === 0xff) return { text: decode('utf-16be'), encoding: 'utf-16be' };
  const utf16 = sniffUtf16(b);
  if (utf16) return { text: decode(utf16), encoding: utf16 };
  try {
    return { text: decode('utf-8', true), encoding: 'utf-8' };
  } catch {
    return { text: fixCp1252(decode('windows-1252')), encoding: 'windows-1252' };
  }
}

/** Windows-1252 characters of bytes 0x80-0x9F (the five unassigned bytes map to themselves). */
const CP1252_HIGH = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d,
  0x017d, 0x008f, 0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0x009d, 0x017e, 0x0178,
];

/**
 * Some runtimes (Node before the fix of nodejs/node#56542) decode "windows-1252" as ISO-8859-1, turning
 * bytes 0x80-0x9F ("€", curly quotes, dashes) into C1 control characters. A correct decoder never
 * produces those except for the unassigned bytes, so mapping them is safe everywhere.
 */
function fixCp1252(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (c) =>
    String.fromCharCode(CP1252_HIGH[c.charCodeAt(0) - 0x80] ?? c.charCodeAt(0)),
  );
}

/** UTF-16 without a BOM: ASCII text has a zero byte in every other position. */
function sniffUtf16(b: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(b.length - (b.length % 2), 512);
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenZero++;
    if (b[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero >= pairs * 0.6 && evenZero === 0) return 'utf-16le';
  if (evenZero >= pairs * 0.6 && oddZero === 0) return 'utf-16be';
  return null;
}

/** Delimiter of the header line: the most frequent of , ; tab | outside quotes (comma when none). */
export function detectDelimiter(headerLine: string): CsvDelimiter {
  const counts: Record<CsvDelimiter, number> = { ',': 0, ';': 0, '\t': 0, '|': 0 };
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch as CsvDelimiter]++;
  }
  let best: CsvDelimiter = ',';
  for (const d of [';', '\t', '|'] as const) if (counts[d] > counts[best]) best = d;
  return best;
}

export type AmountParse = { ok: true; value: number } | { ok: false; reason: string };

const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parses a human-written amount (see the module comment for the accepted forms). Rejects empty cells,
 * NaN, Infinity, values that overflow, and negative numbers.
 */
export function parseAmount(raw: string, delimiter: CsvDelimiter = ','): AmountParse {
  let s = raw.trim().replace(/[\s\u00a0\u202f\u2009'’]/g, '');
  if (s === '') return { ok: false, reason: 'is empty' };
  if (/^[+-]?(nan|inf(inity)?|∞)$/i.test(s)) return { ok: false, reason: `"${clip(raw.trim(), 30)}" is not a number` };
  const bad = { ok: false as const, reason: `"${clip(raw.trim(), 30)}" is not a number` };
  const hasComma = s.includes(',');
  const hasDot = s.includes('.');
  if (hasComma && hasDot) {
    const dec = s.lastIndexOf(',') > s.lastIndexOf('.') ? ',' : '.';
    const thou = dec === ',' ? '.' : ',';
    const parts = s.split(dec);
    if (parts.length !== 2) return bad;
    const [int = '', frac = ''] = parts;
    const grouped = new RegExp(`^[+-]?([1-9]\\d{0,2}(\\${thou}\\d{3})+|\\d{1,3})$`);
    if (!grouped.test(int)) return bad;
    s = `${int.split(thou).join('')}.${frac}`;
  } else if (hasComma) {
    const parts = s.split(',');
    const thousands =
      parts.length > 2 ||
      (delimiter === ',' && /^[+-]?[1-9]\d{0,2}$/.test(parts[0] ?? '') && /^\d{3}$/.test(parts[1] ?? ''));
    if (thousands) {
      if (!/^[+-]?[1-9]\d{0,2}(,\d{3})+$/.test(s)) return bad;
      s = parts.join('');
    } else {
      s = s.replace(',', '.');
    }
  } else if (hasDot && s.split('.').length > 2) {
    if (!/^[+-]?[1-9]\d{0,2}(\.\d{3})+$/.test(s)) return bad;
    s = s.split('.').join('');
  }
  if (!PLAIN_NUMBER.test(s)) return bad;
  const value = Number(s);
  if (!Number.isFinite(value)) return { ok: false, reason: 'is not a finite number' };
  if (value < 0) return { ok: false, reason: 'is negative' };
  if (value > MAX_AMOUNT) return { ok: false, reason: `is larger than ${MAX_AMOUNT.toExponential()}` };
  return { ok: true, value: value === 0 ? 0 : value };
}

/** Upper-cased, trimmed symbol, or null when it does not look like a ticker. */
export function normalizeSymbol(raw: string): string | null {
  const s = raw.trim().toUpperCase();
  return SYMBOL_PATTERN.test(s) ? s : null;
}

/** Key identifying a wallet+asset pair (wallet labels compare case-insensitively). */
export function holdingKey(wallet: string, asset: string): string {
  return `${wallet.trim().toLowerCase()}\u0000${asset}`;
}

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

function emptyResult(delimiter: CsvDelimiter, fatal: string | null): HoldingsCsvResult {
  return { rows: [], errors: [], duplicates: [], fatal, totalRows: 0, delimiter, columns: {} };
}

const COLUMN_HINT = 'an "asset" column (or symbol, coin, ticker) and an "amount" column (or quantity, balance, qty)';

/** Parses CSV text into holdings; never throws for bad input (problems are in the result). */
export function parseHoldingsCsv(input: string, opts: ParseHoldingsCsvOptions = {}): HoldingsCsvResult {
  const maxRows = opts.maxRows ?? MAX_CSV_ROWS;
  const maxChars = opts.maxChars ?? MAX_CSV_CHARS;
  const defaultWallet = (opts.defaultWallet ?? DEFAULT_MANUAL_WALLET).trim() || DEFAULT_MANUAL_WALLET;
  if (input.length > maxChars) {
    return emptyResult(',', `The file is too large (limit ${Math.round(maxChars / 1024 / 1024)} MB).`);
  }
  // One line-break style, so line numbers and raw rows are simple to compute.
  const text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const firstLine = text.split('\n', 64).find((l) => l.trim() !== '');
  if (firstLine === undefined) return emptyResult(',', 'The file is empty.');
  const delimiter = detectDelimiter(firstLine);

  const result = emptyResult(delimiter, null);
  let header: string[] | null = null;
  let cols: Partial<Record<CsvColumn, number>> = {};
  let prevCursor = 0;
  let newlinesBefore = 0;
  let counted = 0;
  const seen = new Map<string, number>();

  // Line of the first non-blank line at or after `pos` (blank lines are skipped by papaparse).
  const locate = (pos: number, end: number): { line: number; start: number } => {
    let start = pos;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl === -1 || nl >= end || text.slice(start, nl).trim() !== '') break;
      start = nl + 1;
    }
    for (let i = counted; i < start; i++) if (text.charCodeAt(i) === 10) newlinesBefore++;
    counted = Math.max(counted, start);
    return { line: newlinesBefore + 1, start };
  };

  Papa.parse<string[]>(text, {
    delimiter,
    skipEmptyLines: 'greedy',
    step: (res, parser) => {
      const cursor = res.meta.cursor;
      const { line, start } = locate(prevCursor, cursor);
      prevCursor = cursor;
      const raw = clip(text.slice(start, cursor).replace(/\n$/, ''), CSV_RAW_PREVIEW);
      const cells = res.data.map((c) => c.trim());

      if (!header) {
        header = cells;
        cols = mapColumns(cells);
        if (cols.asset === undefined || cols.amount === undefined) {
          result.fatal = `The header row must have ${COLUMN_HINT}. Found: ${clip(cells.join(', '), 120)}.`;
          parser.abort();
          return;
        }
        for (const [role, i] of Object.entries(cols) as [CsvColumn, number][]) result.columns[role] = cells[i] ?? '';
        return;
      }

      result.totalRows++;
      if (result.totalRows > maxRows) {
        result.fatal = `The file has more than ${maxRows.toLocaleString('en-US')} rows. Split it into smaller files.`;
        parser.abort();
        return;
      }
      const fail = (message: string) => result.errors.push({ line, message, raw });

      if (res.errors.length > 0) {
        const e = res.errors[0]!;
        return fail(e.code === 'MissingQuotes' ? 'A quoted field is not closed.' : e.message);
      }
      if (cells.length > header.length && cells.slice(header.length).some((c) => c !== '')) {
        return fail(`Too many columns: ${cells.length}, the header has ${header.length}.`);
      }
      const cell = (role: CsvColumn) => {
        const i = cols[role];
        return i === undefined ? '' : (cells[i] ?? '');
      };

      const assetCell = cell('asset');
      if (assetCell === '') return fail('The asset is missing.');
      const asset = normalizeSymbol(assetCell);
      if (!asset) {
        return fail(`"${clip(assetCell, 30)}" is not a valid symbol (letters, digits and dots, up to 20).`);
      }
      const amountCell = cell('amount');
      if (amountCell === '') return fail('The amount is missing.');
      const amount = parseAmount(amountCell, delimiter);
      if (!amount.ok) return fail(`The amount ${amount.reason}.`);

      const wallet = cell('wallet') || defaultWallet;
      if (wallet.length > MAX_WALLET_LABEL)
        return fail(`The wallet name is longer than ${MAX_WALLET_LABEL} characters.`);
      const note = cell('note');
      if (note.length > MAX_NOTE) return fail(`The note is longer than ${MAX_NOTE} characters.`);
      const costCell = cell('costBasis');
      let costBasis: number | undefined;
      if (costCell !== '') {
        const c = parseAmount(costCell.replace(/^[$€£]|[$€£]$/g, ''), delimiter);
        if (!c.ok) return fail(`The cost basis ${c.reason}.`);
        costBasis = c.value;
      }

      const key = holdingKey(wallet, asset);
      const first = seen.get(key);
      if (first !== undefined) {
        result.duplicates.push({ line, ofLine: first, wallet, asset });
        return;
      }
      seen.set(key, line);
      const row: ManualHoldingInput = { line, wallet, asset, amount: amount.value };
      if (note) row.note = note;
      if (costBasis !== undefined) row.costBasis = costBasis;
      result.rows.push(row);
    },
  });

  if (!header && !result.fatal) result.fatal = 'The file is empty.';
  if (result.fatal) return { ...emptyResult(delimiter, result.fatal), columns: result.columns };
  return result;
}

/** Rows (valid, invalid and duplicate) merged in file order, for previews. */
export type CsvPreviewRow =
  | { kind: 'ok'; line: number; row: ManualHoldingInput }
  | { kind: 'error'; line: number; error: CsvRowError }
  | { kind: 'duplicate'; line: number; duplicate: CsvDuplicate };

export function previewRows(r: Pick<HoldingsCsvResult, 'rows' | 'errors' | 'duplicates'>): CsvPreviewRow[] {
  const all: CsvPreviewRow[] = [
    ...r.rows.map((row) => ({ kind: 'ok' as const, line: row.line, row })),
    ...r.errors.map((error) => ({ kind: 'error' as const, line: error.line, error })),
    ...r.duplicates.map((duplicate) => ({ kind: 'duplicate' as const, line: duplicate.line, duplicate })),
  ];
  return all.sort((a, b) => a.line - b.line);
}
