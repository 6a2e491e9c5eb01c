/**
 * Parsing of CoinGecko's `/api/v3/coins/markets?vs_currency=usd` response into a MarketDataCache.
 *
 * Rows that do not validate are skipped and reported, never fatal. When several coins share a ticker,
 * the coin the catalog names for that ticker wins; otherwise the highest-ranked one does.
 */
import { z } from 'zod';
import type { MarketDataCache, MarketDataEntry } from './schema';
import { symbolSchema } from './schema';

const nonNegative = z.number().finite().nonnegative();

/** One row of /coins/markets (only the fields Ballast uses; others are ignored). */
export const coinGeckoMarketRowSchema = z.object({
  id: z.string().min(1),
  symbol: z.string().min(1),
  name: z.string().min(1),
  market_cap: nonNegative.nullish(),
  market_cap_rank: z.number().int().positive().nullish(),
  current_price: nonNegative.nullish(),
  total_volume: nonNegative.nullish(),
});
export type CoinGeckoMarketRow = z.infer<typeof coinGeckoMarketRowSchema>;

export interface SkippedMarketRow {
  /** Position of the row in the input array. */
  index: number;
  /** CoinGecko id, when the row had one. */
  id?: string;
  reason: string;
}

export interface SymbolCollision {
  symbol: string;
  /** CoinGecko id kept for the symbol. */
  kept: string;
  /** CoinGecko ids that shared the ticker and were dropped. */
  dropped: string[];
}

export interface ParseMarketsOptions {
  /** Fetch time stored in the cache, ms since epoch. */
  fetchedAt: number;
  /** Catalog's coin id per symbol (e.g. { BTC: "bitcoin" }); preferred when tickers collide. */
  preferredIds?: Record<string, string>;
}

export interface ParsedMarkets {
  cache: MarketDataCache;
  skipped: SkippedMarketRow[];
  collisions: SymbolCollision[];
}

/** The symbol → coingeckoId map of a catalog, for ParseMarketsOptions.preferredIds. */
export function preferredIdsOf(assets: Iterable<{ symbol: string; coingeckoId?: string }>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of assets) if (a.coingeckoId) out[a.symbol] = a.coingeckoId;
  return out;
}

/** Whether candidate `a` should replace `b` for the same symbol (better rank, then larger cap). */
function outranks(a: CoinGeckoMarketRow, b: CoinGeckoMarketRow): boolean {
  const ra = a.market_cap_rank ?? Number.POSITIVE_INFINITY;
  const rb = b.market_cap_rank ?? Number.POSITIVE_INFINITY;
  if (ra !== rb) return ra < rb;
  return (a.market_cap ?? -1) > (b.market_cap ?? -1);
}

/**
 * Validate a /coins/markets response (an array of rows; several pages may be concatenated).
 * Throws only when the input is not an array at all.
 */
export function parseCoinGeckoMarkets(json: unknown, opts: ParseMarketsOptions): ParsedMarkets {
  if (!Array.isArray(json)) {
    throw new Error('CoinGecko /coins/markets response is not an array');
  }
  const preferred = opts.preferredIds ?? {};
  const skipped: SkippedMarketRow[] = [];
  const bySymbol = new Map<string, CoinGeckoMarketRow[]>();
  const seenIds = new Set<string>();

  json.forEach((raw: unknown, index) => {
    const res = coinGeckoMarketRowSchema.safeParse(raw);
    const rawId =
      raw !== null && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string'
        ? (raw as { id: string }).id
        : undefined;
    if (!res.success) {
      const issue = res.error.issues[0];
      const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      skipped.push({ index, ...(rawId ? { id: rawId } : {}), reason: `${where}${issue?.message ?? 'invalid row'}` });
      return;
    }
    const row = res.data;
    const symbol = row.symbol.trim().toUpperCase();
    if (!symbolSchema.safeParse(symbol).success) {
      skipped.push({ index, id: row.id, reason: `unsupported ticker "${row.symbol}"` });
      return;
    }
    if (seenIds.has(row.id)) {
      skipped.push({ index, id: row.id, reason: 'duplicate coin id' });
      return;
    }
    seenIds.add(row.id);
    const list = bySymbol.get(symbol);
    if (list) list.push(row);
    else bySymbol.set(symbol, [row]);
  });

  const entries: Record<string, MarketDataEntry> = {};
  const collisions: SymbolCollision[] = [];
  for (const [symbol, rows] of bySymbol) {
    const want = preferred[symbol];
    let best = (want && rows.find((r) => r.id === want)) || undefined;
    if (!best) {
      for (const r of rows) if (!best || outranks(r, best)) best = r;
    }
    if (!best) continue;
    if (rows.length > 1) {
      const kept = best.id;
      collisions.push({ symbol, kept, dropped: rows.filter((r) => r.id !== kept).map((r) => r.id) });
    }
    entries[symbol] = {
      coingeckoId: best.id,
      marketCapUsd: best.market_cap ?? null,
      rank: best.market_cap_rank ?? null,
      priceUsd: best.current_price ?? null,
      volumeUsd: best.total_volume ?? null,
    };
  }
  return { cache: { fetchedAt: opts.fetchedAt, entries }, skipped, collisions };
}

/** Whether a cache exists and is younger than maxAgeMs at `now` (a cache from the future counts as stale). */
export function isCacheFresh(cache: MarketDataCache | null | undefined, now: number, maxAgeMs: number): boolean {
  if (!cache) return false;
  const age = now - cache.fetchedAt;
  return age >= 0 && age <= maxAgeMs;
}
