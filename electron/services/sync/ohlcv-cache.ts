/**
 * Daily price history (OHLCV) per exchange market, cached on disk in `<dataDir>/ohlcv/` as one
 * JSON file per market and brought up to date incrementally.
 *
 * - Files are replaced atomically (temp file + fsync + rename): a crash mid-write leaves the
 *   previous file intact.
 * - A file that cannot be read is moved aside (`*.corrupt-<time>.json`) and fetched again.
 * - An update fetches only from the last cached candle on (that day is fetched again, since it was
 *   still in progress when cached), page by page until it reaches today.
 */
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DAY_MS, type Candle } from '../../../shared/domain/types';
import type { ExchangeClient } from '../exchange';
import { ensureDir, writeFileAtomic } from '../files/atomic';

/** One cached candle: [t, open, high, low, close, base volume]. */
export type CandleRow = [number, number, number, number, number, number];

const RowSchema = z.tuple([z.number().int(), z.number(), z.number(), z.number(), z.number(), z.number()]);
const FileSchema = z.object({
  v: z.literal(1),
  exchange: z.string(),
  symbol: z.string(),
  updatedAt: z.number(),
  candles: z.array(RowSchema),
});

export interface RecoveredCacheFile {
  path: string;
  backupPath: string;
  reason: string;
}

export function utcDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

function fileName(exchange: string, symbol: string): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9.-]/g, '_');
  const [b = '', q = ''] = symbol.split('/');
  return `${safe(exchange)}__${safe(b)}--${safe(q)}.json`;
}

export class OhlcvCache {
  readonly dir: string;
  private readonly now: () => number;
  private readonly memo = new Map<string, CandleRow[]>();
  /** Files found unreadable (moved aside) since start. */
  readonly recovered: RecoveredCacheFile[] = [];
  /** Increases on every write (cache key for derived views). */
  revision = 0;

  private readonly onRecovered: (file: RecoveredCacheFile) => void;

  /** `onRecovered` is told about each unreadable file as it is moved aside (the app tells the user). */
  constructor(
    dir: string,
    now: () => number = Date.now,
    onRecovered: (file: RecoveredCacheFile) => void = () => undefined,
  ) {
    this.dir = dir;
    this.now = now;
    this.onRecovered = onRecovered;
  }

  pathOf(exchange: string, symbol: string): string {
    return join(this.dir, fileName(exchange, symbol));
  }

  /** Cached candles of a market, oldest first; empty when none (or the file was unreadable). */
  read(exchange: string, symbol: string): CandleRow[] {
    const path = this.pathOf(exchange, symbol);
    const hit = this.memo.get(path);
    if (hit) return hit;
    if (!existsSync(path)) return [];
    let rows: CandleRow[];
    try {
      const parsed = FileSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
      if (parsed.exchange !== exchange || parsed.symbol !== symbol) throw new Error('the file is for another market');
      rows = parsed.candles as CandleRow[];
    } catch (err) {
      const backupPath = path.replace(/\.json$/, `.corrupt-${this.now()}.json`);
      try {
        renameSync(path, backupPath);
      } catch {
        // already gone
      }
      const file = { path, backupPath, reason: err instanceof Error ? err.message : 'unreadable' };
      this.recovered.push(file);
      this.onRecovered(file);
      return [];
    }
    this.memo.set(path, rows);
    return rows;
  }

  /** Replace a market's cached candles (atomically; resolves once they are on disk). */
  async write(exchange: string, symbol: string, rows: CandleRow[]): Promise<void> {
    await ensureDir(this.dir);
    const path = this.pathOf(exchange, symbol);
    const file = { v: 1 as const, exchange, symbol, updatedAt: this.now(), candles: rows };
    await writeFileAtomic(path, JSON.stringify(file));
    this.memo.set(path, rows);
    this.revision += 1;
  }

  /** Cached candles in the domain shape (volume in quote currency). */
  candles(exchange: string, symbol: string): Candle[] {
    return this.read(exchange, symbol).map(([t, o, h, l, c, v]) => ({ t, o, h, l, c, v: v * c }));
  }
}

export interface UpdateOptions {
  /** Days of history to fetch when nothing is cached (default 1095). */
  days?: number;
  /** Candles per request (default per exchange). */
  pageLimit?: number;
  /** Safety bound on requests per market (default 60). */
  maxPages?: number;
  now?: () => number;
  /** Also fetch candles back to this day when the cache starts later (or holds nothing). */
  from?: number;
}

export interface UpdateResult {
  requests: number;
  /** Candles received that were not cached before, or replaced the partial last day. */
  fetched: number;
  total: number;
}

/** Page sizes that each exchange serves in one daily-candle request. */
const PAGE_LIMIT: Record<string, number> = { binance: 1000, okx: 300, kraken: 720 };

function validRow(r: unknown): r is CandleRow {
  return (
    Array.isArray(r) &&
    r.length >= 5 &&
    r.slice(0, 5).every((x) => typeof x === 'number' && Number.isFinite(x)) &&
    (r[5] === undefined || typeof r[5] === 'number')
  );
}

/** Bring the cached daily candles of one market up to date. */
export async function updateMarketHistory(
  client: ExchangeClient,
  cache: OhlcvCache,
  exchange: string,
  symbol: string,
  opts: UpdateOptions = {},
): Promise<UpdateResult> {
  const now = opts.now ?? Date.now;
  const today = utcDay(now());
  const limit = opts.pageLimit ?? PAGE_LIMIT[exchange] ?? 500;
  const maxPages = opts.maxPages ?? 60;
  const cached = cache.read(exchange, symbol);
  const lastCached = cached.at(-1)?.[0];
  const firstCached = cached[0]?.[0];
  const from = opts.from === undefined ? undefined : utcDay(opts.from);
  const defaultStart = today - (opts.days ?? 1095) * DAY_MS;
  let cursor =
    lastCached !== undefined
      ? Math.min(lastCached, today)
      : from !== undefined
        ? Math.min(from, defaultStart)
        : defaultStart;
  const fresh = new Map<number, CandleRow>();
  let requests = 0;
  // older candles first, when the cache starts after `from`
  if (from !== undefined && firstCached !== undefined && firstCached > from) {
    let back = from;
    while (requests < maxPages && back < firstCached) {
      const page = (await client.fetchOHLCV(symbol, '1d', back, limit)) as unknown[];
      requests += 1;
      const rows = page.filter(validRow).filter((r) => r[0] >= back && r[0] < firstCached);
      for (const r of rows) fresh.set(utcDay(r[0]), [utcDay(r[0]), r[1], r[2], r[3], r[4], r[5] ?? 0]);
      const last = rows.reduce((m, r) => Math.max(m, r[0]), -Infinity);
      back = rows.length === 0 ? back + limit * DAY_MS : utcDay(last) + DAY_MS;
    }
  }
  while (requests < maxPages) {
    const page = (await client.fetchOHLCV(symbol, '1d', cursor, limit)) as unknown[];
    requests += 1;
    const rows = page
      .filter(validRow)
      .map((r) => [r[0], r[1], r[2], r[3], r[4], r[5] ?? 0] as CandleRow)
      .filter((r) => r[0] >= cursor)
      .sort((a, b) => a[0] - b[0]);
    if (rows.length === 0) {
      // Some exchanges answer with a window [cursor, cursor + limit days): nothing there may just
      // mean the market was listed later. Move on until today.
      const next = cursor + limit * DAY_MS;
      if (next > today) break;
      cursor = next;
      continue;
    }
    for (const r of rows) fresh.set(utcDay(r[0]), [utcDay(r[0]), r[1], r[2], r[3], r[4], r[5]]);
    const last = rows[rows.length - 1]![0];
    if (last >= today) break;
    cursor = utcDay(last) + DAY_MS;
  }
  if (fresh.size === 0) return { requests, fetched: 0, total: cached.length };
  const merged = new Map<number, CandleRow>(cached.map((r) => [r[0], r]));
  for (const [t, r] of fresh) merged.set(t, r);
  const rows = [...merged.values()].sort((a, b) => a[0] - b[0]);
  await cache.write(exchange, symbol, rows);
  return { requests, fetched: fresh.size, total: rows.length };
}
