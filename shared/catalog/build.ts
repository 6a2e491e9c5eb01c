/**
 * Merge of the bundled catalog, the market-data cache and the user's per-asset overrides.
 */
import type { AssetInfo, Sector, Tier } from '../domain/types';
import type { CatalogFile, MarketDataCache } from './schema';

/** A user's per-asset correction: a different primary sector and/or a forced tier. */
export interface AssetOverride {
  sector?: Sector;
  tier?: Tier;
}
export type AssetOverrides = Record<string, AssetOverride>;

export interface BuildCatalogOptions {
  /**
   * Add cache entries whose symbol is not in the bundle (sector "other", not a stablecoin), so assets
   * outside the bundled list still get a market cap for tiering. Default true.
   */
  includeUnlisted?: boolean;
}

/**
 * Build the effective catalog, keyed by symbol.
 *
 * - Market cap comes from the cache when it has an entry for the symbol whose CoinGecko id matches the
 *   bundled one (or when the bundle has no id for it); otherwise the bundled figure stays.
 * - Sectors come from the bundle; an override's `sector` becomes the primary sector (moved to the front
 *   if already tagged) and decides the stablecoin flag: overriding to "stablecoin" marks the asset as
 *   one, overriding to anything else drops the "stablecoin" tag.
 * - Ranks are recomputed over the merged catalog by market cap (largest = 1), so they stay unique even
 *   when fresh and bundled figures are mixed; assets without a cap get rank null.
 * - Tier overrides are not applied here: see {@link tierOverridesOf}.
 */
export function buildCatalog(
  bundle: Pick<CatalogFile, 'assets'>,
  cache?: MarketDataCache | null,
  overrides?: AssetOverrides | null,
  opts: BuildCatalogOptions = {},
): Record<string, AssetInfo> {
  const out: Record<string, AssetInfo> = {};
  for (const a of bundle.assets) {
    const info: AssetInfo = { ...a, sectors: [...a.sectors] };
    const fresh = cache?.entries[a.symbol];
    if (fresh && (!a.coingeckoId || a.coingeckoId === fresh.coingeckoId) && fresh.marketCapUsd !== null) {
      info.marketCapUsd = fresh.marketCapUsd;
      if (!info.coingeckoId) info.coingeckoId = fresh.coingeckoId;
    }
    out[a.symbol] = info;
  }

  if (cache && opts.includeUnlisted !== false) {
    for (const [symbol, e] of Object.entries(cache.entries)) {
      if (out[symbol] || e.marketCapUsd === null || e.marketCapUsd <= 0) continue;
      out[symbol] = {
        symbol,
        name: symbol,
        sectors: ['other'],
        stablecoin: false,
        marketCapUsd: e.marketCapUsd,
        rank: null,
        coingeckoId: e.coingeckoId,
      };
    }
  }

  for (const [symbol, o] of Object.entries(overrides ?? {})) {
    const info = out[symbol];
    if (!info || !o.sector) continue;
    const stable = o.sector === 'stablecoin';
    info.sectors = [o.sector, ...info.sectors.filter((s) => s !== o.sector && s !== 'stablecoin')];
    info.stablecoin = stable;
  }

  const ranked = Object.values(out)
    .filter((a) => a.marketCapUsd !== null && a.marketCapUsd > 0)
    .sort(byCapDesc);
  for (const a of Object.values(out)) a.rank = null;
  ranked.forEach((a, i) => {
    a.rank = i + 1;
  });
  return out;
}

/** Order by market cap, largest first; equal caps by symbol so ranks are deterministic. */
export function byCapDesc(x: AssetInfo, y: AssetInfo): number {
  const d = (y.marketCapUsd ?? 0) - (x.marketCapUsd ?? 0);
  if (d !== 0) return d;
  return x.symbol < y.symbol ? -1 : x.symbol > y.symbol ? 1 : 0;
}

/** The forced tiers among the overrides, for shared/allocation's tiering. */
export function tierOverridesOf(overrides?: AssetOverrides | null): Record<string, Tier> {
  const out: Record<string, Tier> = {};
  for (const [symbol, o] of Object.entries(overrides ?? {})) if (o.tier) out[symbol] = o.tier;
  return out;
}
