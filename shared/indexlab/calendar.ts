/**
 * UTC calendar days without Date objects: day numbers (days since 1970-01-01) to and from
 * year/month/day (proleptic Gregorian, H. Hinnant's civil algorithms), "YYYY-MM-DD" formatting and
 * parsing, and the month key of a day. Same results as the Date-based forms, which they replace on
 * hot paths (every rebalance log, every CSV row, every grid day). Used by the Index Lab and its CLI.
 */
import { DAY_MS } from '../domain/types';

/** Day number of a civil date (month 1-12); exact for any integer year. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Writes year, month (1-12) and day of month of a day number into `out`. */
function civilFromDays(days: number, out: Int32Array): void {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  out[0] = yoe + era * 400 + (month <= 2 ? 1 : 0);
  out[1] = month;
  out[2] = doy - Math.floor((153 * mp + 2) / 5) + 1;
}

const ymd = new Int32Array(3);

/** year * 12 + month (0-based) of a day number. */
export function monthKeyOfDay(days: number): number {
  civilFromDays(days, ymd);
  return ymd[0]! * 12 + ymd[1]! - 1;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

/** Formats a UTC ms timestamp as "YYYY-MM-DD" (as `new Date(t).toISOString().slice(0, 10)`). */
export function isoDay(t: number): string {
  // Date truncates a fractional time toward zero before counting days.
  const days = Math.floor(Math.trunc(t) / DAY_MS);
  if (!(days >= 0 && days < 2_932_897)) return new Date(t).toISOString().slice(0, 10); // outside 1970..9999
  civilFromDays(days, ymd);
  return `${ymd[0]}-${pad2(ymd[1]!)}-${pad2(ymd[2]!)}`;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Number of days in a month (1-12) of a year. */
export function daysInMonth(year: number, month: number): number {
  if (month !== 2) return MONTH_DAYS[month - 1]!;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

/** Parses "YYYY-MM-DD" to the UTC midnight of that day (ms), or NaN when it is not a real date. */
export function parseIsoDay(s: string): number {
  const m = DATE_RE.exec(s);
  if (!m) return Number.NaN;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  // Years 0-99 are refused, as Date.UTC (which reads them as 1900-1999) always did here.
  if (y < 100 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return Number.NaN;
  return daysFromCivil(y, mo, d) * DAY_MS;
}
