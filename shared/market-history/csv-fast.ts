/**
 * The fast path of the price CSV reader (csv.ts): a hand-rolled parser for files in the plain
 * form `date,open,high,low,close,volume[,market_cap]` (columns in any order, no quotes, no BOM, commas,
 * LF or CRLF line ends, YYYY-MM-DD dates in ascending order, plain decimal numbers) whose every row is
 * valid. It returns exactly the candles the general reader (papaparse) returns for such a file, and null
 * as soon as anything is unusual or a row is bad, so that the general reader handles the file and
 * reports its rows as always. Numbers are read with Clinger's exact fast path (digits that form an
 * integer up to 2^53 and at most 22 decimals: one correctly rounded division of two exact doubles) and
 * with Number() otherwise, so every value is the double Number() gives.
 */
import { DAY_MS, type Candle } from '../domain/types';
import { daysFromCivil, daysInMonth } from '../indexlab/calendar';

const DOT = 46;
const ZERO = 48;
const NINE = 57;
const CR = 13;
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
/** Integers up to this are exact doubles. */
const EXACT = 2 ** 53;

/** What each column holds. */
const DATE = 0;
const OPEN = 1;
const HIGH = 2;
const LOW = 3;
const CLOSE = 4;
const VOLUME = 5;
const MC = 6;
const ROLE: Readonly<Record<string, number>> = {
  date: DATE,
  open: OPEN,
  high: HIGH,
  low: LOW,
  close: CLOSE,
  volume: VOLUME,
  market_cap: MC,
  marketcap: MC,
  mc: MC,
};

/** The role of each column of a header, or null unless it names the required columns once each and nothing else. */
function rolesOf(header: string): Int8Array | null {
  const names = header.split(',').map((h) => h.trim().toLowerCase());
  const roles = Int8Array.from(names, (n) => ROLE[n] ?? -1);
  const seen = new Set(roles);
  if (seen.size !== roles.length || seen.has(-1)) return null;
  for (let r = DATE; r <= VOLUME; r++) if (!seen.has(r)) return null;
  return roles;
}

/** Is text[from, to) an exponent: an optional sign and at least one digit? */
function exponent(text: string, from: number, to: number): boolean {
  const sign = text.charCodeAt(from);
  if (sign === 43 || sign === 45) from++;
  if (from >= to) return false;
  for (let i = from; i < to; i++) {
    const ch = text.charCodeAt(i);
    if (ch < ZERO || ch > NINE) return false;
  }
  return true;
}

/**
 * The unsigned decimal number text[from, to) (digits with at most one dot, then an optional exponent),
 * as Number() reads it; NaN for anything else.
 */
function decimal(text: string, from: number, to: number): number {
  let m = 0; // the digits as an integer, exact while it stays <= EXACT
  let decimals = 0;
  let dot = false;
  for (let i = from; i < to; i++) {
    const ch = text.charCodeAt(i);
    if (ch >= ZERO && ch <= NINE) {
      m = m * 10 + (ch - ZERO);
      if (dot) decimals++;
    } else if (ch === DOT && !dot) {
      dot = true;
    } else if ((ch === 101 || ch === 69) && i - from > (dot ? 1 : 0) && exponent(text, i + 1, to)) {
      return Number(text.slice(from, to)); // e or E: exact, the slow way
    } else {
      return Number.NaN;
    }
  }
  if (to - from === (dot ? 1 : 0)) return Number.NaN; // empty, or a lone dot
  if (m > EXACT || decimals > 22) return Number(text.slice(from, to));
  return decimals === 0 ? m : m / POW10[decimals]!;
}

/** UTC midnight (ms) of a YYYY-MM-DD date at text[from, to), or NaN (not that form, or not a real date). */
function isoDate(text: string, from: number, to: number): number {
  if (to - from !== 10 || text.charCodeAt(from + 4) !== 45 || text.charCodeAt(from + 7) !== 45) return Number.NaN;
  let y = 0;
  let mo = 0;
  let d = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const v = text.charCodeAt(from + i) - ZERO;
    if (v < 0 || v > 9) return Number.NaN;
    if (i < 4) y = y * 10 + v;
    else if (i < 7) mo = mo * 10 + v;
    else d = d * 10 + v;
  }
  // As parseIsoDay: real calendar days, years from 100.
  if (y < 100 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return Number.NaN;
  return daysFromCivil(y, mo, d) * DAY_MS;
}

/** The candles of a plain, valid price file, or null when the general reader must read it. */
export function parsePlainPriceCsv(text: string): Candle[] | null {
  if (text.length === 0 || text.charCodeAt(0) === 0xfeff || text.includes('"')) return null;
  const crlf = text.includes('\r');
  if (crlf && text.split('\r').length !== text.split('\r\n').length) return null; // a CR outside CRLF
  const firstEnd = text.indexOf('\n');
  if (firstEnd < 0) return null;
  const roles = rolesOf(text.slice(0, firstEnd).replace(/\r$/, ''));
  if (!roles) return null;
  const last = roles.length - 1;
  const x = new Float64Array(7); // the row's values by role; x[MC] stays 0 without that column
  const candles: Candle[] = [];
  let lastT = -Infinity;
  let pos = firstEnd + 1;
  while (pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    const next = end + 1;
    if (crlf && end < text.length) {
      if (text.charCodeAt(end - 1) !== CR) return null;
      end--;
    }
    if (end === pos) {
      pos = next; // blank line
      continue;
    }
    let from = pos;
    for (let col = 0; col <= last; col++) {
      let to = end;
      if (col < last) {
        to = text.indexOf(',', from);
        if (to < 0 || to > end) return null; // too few fields (too many: the last one is not a number)
      }
      const role = roles[col]!;
      if (role === DATE) x[DATE] = isoDate(text, from, to);
      else if (to === from && role >= VOLUME)
        x[role] = 0; // empty volume (= 0) or market cap (unknown)
      else x[role] = decimal(text, from, to);
      from = to + 1;
    }
    const t = x[DATE]!;
    if (!(t > lastT)) return null; // not a date, out of order or repeated
    for (let r = OPEN; r <= MC; r++) {
      const y = x[r]!;
      if (!(r < VOLUME ? y > 0 : y >= 0) || y === Infinity) return null;
    }
    if (x[HIGH]! < x[LOW]!) return null;
    const o = x[OPEN]!;
    const h = x[HIGH]!;
    const l = x[LOW]!;
    const c = x[CLOSE]!;
    const v = x[VOLUME]!;
    const mc = x[MC]!;
    candles.push(mc > 0 ? { t, o, h, l, c, v, mc } : { t, o, h, l, c, v });
    lastT = t;
    pos = next;
  }
  return candles;
}
