/**
 * The Date-free calendar of shared/indexlab/calendar.ts against Date: "YYYY-MM-DD" of every day from
 * 1970 to 2106 and of days up to 9999 (and fractional and pre-1970 times), the month key of every day since 1900, and the
 * date parser on real and impossible dates.
 */
import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../shared/domain/types';
import { daysFromCivil, isoDay, monthKeyOfDay, parseIsoDay } from '../../shared/indexlab/calendar';

const viaDate = (t: number) => new Date(t).toISOString().slice(0, 10);

describe('calendar', () => {
  it('formats every day from 1970 to 2106, and days up to 9999, as Date does', () => {
    for (let d = 0; d < 2_932_897; d += d < 50_000 ? 1 : 97) {
      const t = d * DAY_MS;
      if (isoDay(t) !== viaDate(t)) expect(isoDay(t)).toBe(viaDate(t));
    }
  });

  it('formats fractional, pre-1970 and far times as Date does', () => {
    for (const t of [0.5, -0.5, -1.5, DAY_MS - 0.1, -DAY_MS - 0.5, -1e12, 1e15, 2_932_897 * DAY_MS, -62e12]) {
      expect(isoDay(t)).toBe(viaDate(t));
    }
    expect(() => isoDay(Number.NaN)).toThrow(RangeError);
  });

  it('gives the month key of every day since 1900 as Date does', () => {
    for (let d = -25_567; d < 60_000; d++) {
      const dt = new Date(d * DAY_MS);
      const want = dt.getUTCFullYear() * 12 + dt.getUTCMonth();
      if (monthKeyOfDay(d) !== want) expect(monthKeyOfDay(d)).toBe(want);
    }
  });

  it('parses real dates and refuses impossible ones', () => {
    expect(parseIsoDay('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    expect(parseIsoDay('1999-12-31')).toBe(Date.UTC(1999, 11, 31));
    for (const bad of [
      '2023-02-29',
      '2100-02-29',
      '2024-13-01',
      '2024-00-10',
      '2024-04-31',
      '2024-1-01',
      '24-01-01',
      '0099-01-01',
    ]) {
      expect(parseIsoDay(bad), bad).toBeNaN();
    }
    expect(parseIsoDay('2000-02-29')).toBe(Date.UTC(2000, 1, 29));
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
  });
});
