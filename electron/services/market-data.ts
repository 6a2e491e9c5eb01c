/**
 * Market data from CoinGecko's public /coins/markets endpoint, cached on disk.
 *
 * Plain Node (no Electron): the main process creates one service with its userData directory.
 * The app works fully offline: `catalog()` merges the cache (when present) over the bundled catalog,
 * and a failed refresh (offline, rate limit, server error, bad JSON, timeout) keeps the old cache and
 * returns a clear error instead of throwing.
 */
import type { RecordingFetch } from './net/fetch';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import bundledCatalogJson from '../../assets/catalog.json' with { type: 'json' };
import {
  buildCatalog,
  marketDataCacheSchema,
  parseCoinGeckoMarkets,
  preferredIdsOf,
  type AssetOverrides,
  type CatalogFile,
  type MarketDataCache,
  type SkippedMarketRow,
  type SymbolCollision,
} from '../../shared/catalog';
import type { AssetInfo } from '../../shared/domain/types';
import { ensureDir, writeFileAtomic } from './files/atomic';

export const MARKET_CACHE_FILE = 'market-data.json';
export const DEFAULT_COINGECKO_URL = 'https://api.coingecko.com';

export type MarketDataErrorCode =
  /** The request could not be made (no network, DNS failure, connection refused). */
  | 'offline'
  /** No answer within the timeout. */
  | 'timeout'
  /** HTTP 429: too many requests. */
  | 'rate-limited'
  /** Any other non-2xx status. */
  | 'http-error'
  /** The body was not JSON, not an array, or held no usable rows. */
  | 'bad-response'
  /** The cache could not be written. */
  | 'write-failed';

export type RefreshResult =
  | {
      ok: true;
      cache: MarketDataCache;
      /** Number of symbols in the new cache. */
      count: number;
      skipped: SkippedMarketRow[];
      collisions: SymbolCollision[];
    }
  | {
      ok: false;
      code: MarketDataErrorCode;
      message: string;
      /** HTTP status, when there was one. */
      status?: number;
      /** Seconds to wait before retrying, from a Retry-After header. */
      retryAfterSec?: number;
      /** The cache still in use (unchanged), or null. */
      cache: MarketDataCache | null;
    };

export interface RecoveredCache {
  /** Where the unreadable cache file was moved. */
  backupPath: string;
  reason: string;
}

export interface MarketDataServiceOptions {
  /** Directory of the cache file (the app's userData directory in production). */
  cacheDir: string;
  /** CoinGecko base URL, without trailing slash. Tests point it at 127.0.0.1. */
  baseUrl?: string;
  fetchImpl?: RecordingFetch;
  /** Clock, ms since epoch. */
  now?: () => number;
  /** Per-request timeout. Default 15 s. */
  timeoutMs?: number;
  /** Optional CoinGecko demo API key, sent as x-cg-demo-api-key. */
  apiKey?: string;
  /** Bundled catalog; defaults to assets/catalog.json. */
  bundle?: CatalogFile;
}

export interface RefreshOptions {
  /** Number of pages to fetch (1 or 2 is plenty for tiering). Default 2. */
  pages?: number;
  /** Rows per page, at most 250. Default 250. */
  perPage?: number;
}

class RefreshError extends Error {
  constructor(
    readonly code: MarketDataErrorCode,
    message: string,
    readonly status?: number,
    readonly retryAfterSec?: number,
  ) {
    super(message);
  }
}

export class MarketDataService {
  readonly cachePath: string;
  readonly bundle: CatalogFile;
  private readonly baseUrl: string;
  private readonly fetchImpl: RecordingFetch;
  private readonly now: () => number;
  private readonly timeoutMs: number;
  private readonly apiKey: string | undefined;
  private cache: MarketDataCache | null = null;
  private loaded = false;
  private inFlight: Promise<RefreshResult> | null = null;
  /** Set when load() found an unreadable cache file and moved it aside. */
  recovered: RecoveredCache | null = null;

  constructor(opts: MarketDataServiceOptions) {
    this.cachePath = join(opts.cacheDir, MARKET_CACHE_FILE);
    this.baseUrl = (opts.baseUrl ?? DEFAULT_COINGECKO_URL).replace(/\/+$/, '');
    this.fetchImpl = opts.fetchImpl ?? fetch;
    this.now = opts.now ?? Date.now;
    this.timeoutMs = opts.timeoutMs ?? 15_000;
    this.apiKey = opts.apiKey;
    // The bundled catalog is validated by the tests (test/unit/bundled-data.test.ts), not at start.
    this.bundle = opts.bundle ?? (bundledCatalogJson as CatalogFile);
  }

  /**
   * Read the cache from disk. Returns null when there is none. An unreadable or invalid file is
   * moved aside to `market-data.corrupt-<time>.json` (see `recovered`) and null is returned, so the
   * bundled catalog is used.
   */
  load(): MarketDataCache | null {
    this.loaded = true;
    this.cache = null;
    if (!existsSync(this.cachePath)) return null;
    let reason: string;
    try {
      const parsed = marketDataCacheSchema.safeParse(JSON.parse(readFileSync(this.cachePath, 'utf8')));
      if (parsed.success) {
        this.cache = parsed.data;
        return this.cache;
      }
      reason = `invalid cache: ${parsed.error.issues[0]?.message ?? 'schema mismatch'}`;
    } catch (err) {
      reason = err instanceof Error ? err.message : 'unreadable';
    }
    const backupPath = join(dirname(this.cachePath), `market-data.corrupt-${this.now()}.json`);
    try {
      renameSync(this.cachePath, backupPath);
      this.recovered = { backupPath, reason };
    } catch {
      // Could not move it aside: ignore the file; the next successful refresh overwrites it.
      this.recovered = { backupPath: this.cachePath, reason };
    }
    return null;
  }

  /** The cache in memory (loading it from disk on first use), or null. */
  current(): MarketDataCache | null {
    if (!this.loaded) this.load();
    return this.cache;
  }

  /** The merged catalog: bundled sectors, cached market caps when available, user overrides. */
  catalog(overrides?: AssetOverrides | null): Record<string, AssetInfo> {
    return buildCatalog(this.bundle, this.current(), overrides);
  }

  /** Fetch fresh market data. Concurrent calls share one request. Never throws. */
  refresh(opts: RefreshOptions = {}): Promise<RefreshResult> {
    if (!this.inFlight) {
      this.inFlight = this.doRefresh(opts).finally(() => {
        this.inFlight = null;
      });
    }
    return this.inFlight;
  }

  private async doRefresh(opts: RefreshOptions): Promise<RefreshResult> {
    const pages = Math.max(1, Math.min(4, Math.floor(opts.pages ?? 2)));
    const perPage = Math.max(1, Math.min(250, Math.floor(opts.perPage ?? 250)));
    const previous = this.current();
    try {
      const rows: unknown[] = [];
      for (let page = 1; page <= pages; page++) {
        const pageRows = await this.fetchPage(page, perPage);
        rows.push(...pageRows);
        if (pageRows.length < perPage) break;
      }
      const parsed = parseCoinGeckoMarkets(rows, {
        fetchedAt: this.now(),
        preferredIds: preferredIdsOf(this.bundle.assets),
      });
      const count = Object.keys(parsed.cache.entries).length;
      if (count === 0) {
        throw new RefreshError('bad-response', `CoinGecko returned no usable rows (${parsed.skipped.length} invalid)`);
      }
      await this.save(parsed.cache);
      this.cache = parsed.cache;
      return { ok: true, cache: parsed.cache, count, skipped: parsed.skipped, collisions: parsed.collisions };
    } catch (err) {
      const e =
        err instanceof RefreshError
          ? err
          : new RefreshError(
              'offline',
              `market data refresh failed: ${err instanceof Error ? err.message : String(err)}`,
            );
      return {
        ok: false,
        code: e.code,
        message: e.message,
        ...(e.status !== undefined ? { status: e.status } : {}),
        ...(e.retryAfterSec !== undefined ? { retryAfterSec: e.retryAfterSec } : {}),
        cache: previous,
      };
    }
  }

  private async fetchPage(page: number, perPage: number): Promise<unknown[]> {
    const url =
      `${this.baseUrl}/api/v3/coins/markets?vs_currency=usd&order=market_cap_desc` +
      `&per_page=${perPage}&page=${page}`;
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), this.timeoutMs);
    try {
      let res: Response;
      try {
        res = await this.fetchImpl(url, {
          signal: ctrl.signal,
          headers: { accept: 'application/json', ...(this.apiKey ? { 'x-cg-demo-api-key': this.apiKey } : {}) },
        });
      } catch (err) {
        if (ctrl.signal.aborted) {
          throw new RefreshError('timeout', `CoinGecko did not answer within ${this.timeoutMs} ms`);
        }
        const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
        throw new RefreshError(
          'offline',
          `cannot reach CoinGecko (${err instanceof Error ? err.message : String(err)}${cause})`,
        );
      }
      if (res.status === 429) {
        const retry = Number(res.headers.get('retry-after'));
        throw new RefreshError(
          'rate-limited',
          'CoinGecko rate limit reached (HTTP 429); try again later',
          429,
          Number.isFinite(retry) && retry > 0 ? retry : undefined,
        );
      }
      if (!res.ok) {
        throw new RefreshError('http-error', `CoinGecko answered HTTP ${res.status} for page ${page}`, res.status);
      }
      let text: string;
      try {
        text = await res.text();
      } catch (err) {
        if (ctrl.signal.aborted) {
          throw new RefreshError('timeout', `CoinGecko did not finish answering within ${this.timeoutMs} ms`);
        }
        throw new RefreshError('offline', `connection lost while reading CoinGecko's answer (${String(err)})`);
      }
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw new RefreshError('bad-response', `CoinGecko page ${page} is not valid JSON`, res.status);
      }
      if (!Array.isArray(body)) {
        throw new RefreshError('bad-response', `CoinGecko page ${page} is not a list of coins`, res.status);
      }
      return body;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Replace the cache file atomically (see files/atomic.ts). */
  private async save(cache: MarketDataCache): Promise<void> {
    try {
      await ensureDir(dirname(this.cachePath));
      await writeFileAtomic(this.cachePath, JSON.stringify(cache));
    } catch (err) {
      throw new RefreshError(
        'write-failed',
        `cannot save market data: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }
}
