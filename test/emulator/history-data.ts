/**
 * The real daily history in `../shared/data/market-history` (61 assets, 2016-2021, OHLC + market cap;
 * `close-only/` CoinGecko closes and caps to 2023), read once for the market-history emulator and the
 * tests that check what it served. `loadHistoryData()` is null when the folder is absent (the tests that
 * need it skip, saying so). The data never leaves that folder: nothing here copies it into the repo.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DAY_MS } from '../../shared/domain/types';
import { parsePriceCsv } from '../../shared/market-history';
import type { DailyCandle } from './types';

export const SHARED_HISTORY_DIR = resolve(import.meta.dirname, '../../../shared/data/market-history');
export const SHARED_DATA_MISSING = `skipped: ${SHARED_HISTORY_DIR} is absent (the shared market history is not on this machine)`;

export interface HistorySeries {
  /** USD daily candles; `v` is the base-currency volume (USD volume / close), as exchanges report it. */
  candles: DailyCandle[];
  /** End-of-day market caps in USD by UTC day number. */
  caps: Map<number, number>;
}

/** A CoinGecko daily point as the close-only files hold it: stamped at 00:00 UTC of `day`. */
export interface GeckoPoint {
  day: number;
  price: number;
  /** 0 where CoinGecko reports none. */
  mc: number;
  volume: number;
}

export interface HistoryData {
  /** Main folder, by symbol. */
  series: Map<string, HistorySeries>;
  /** close-only folder (CoinGecko), by symbol. */
  gecko: Map<string, GeckoPoint[]>;
  /** The folder's catalog.json: name, sectors, stablecoin flag by symbol. */
  catalog: Record<string, { name: string; sectors: string[]; stablecoin: boolean }>;
}

let cached: HistoryData | null | undefined;

function csvFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .sort();
}

/** The shared history, or null when the folder is absent. Read once per process. */
export function loadHistoryData(): HistoryData | null {
  if (cached !== undefined) return cached;
  if (!existsSync(join(SHARED_HISTORY_DIR, 'BTC.csv'))) return (cached = null);
  const series = new Map<string, HistorySeries>();
  for (const f of csvFiles(SHARED_HISTORY_DIR)) {
    const parsed = parsePriceCsv(readFileSync(join(SHARED_HISTORY_DIR, f), 'utf8'), f);
    const caps = new Map<number, number>();
    const candles = parsed.candles.map((k) => {
      if (k.mc !== undefined) caps.set(k.t / DAY_MS, k.mc);
      return { t: k.t, o: k.o, h: k.h, l: k.l, c: k.c, v: k.v / k.c };
    });
    series.set(f.slice(0, -4), { candles, caps });
  }
  const gecko = new Map<string, GeckoPoint[]>();
  const closeOnly = join(SHARED_HISTORY_DIR, 'close-only');
  for (const f of existsSync(closeOnly) ? csvFiles(closeOnly) : []) {
    const parsed = parsePriceCsv(readFileSync(join(closeOnly, f), 'utf8'), f);
    gecko.set(
      f.slice(0, -4),
      parsed.candles.map((k) => ({ day: k.t / DAY_MS, price: k.c, mc: k.mc ?? 0, volume: k.v })),
    );
  }
  const catalog = JSON.parse(readFileSync(join(SHARED_HISTORY_DIR, 'catalog.json'), 'utf8')) as HistoryData['catalog'];
  return (cached = { series, gecko, catalog });
}
