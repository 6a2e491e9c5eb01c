/**
 * Asset catalog helpers for Index Lab: the fallback used when no catalog is given
 * (every asset non-stable in sector "other", well-known stablecoins recognised by symbol)
 * and a lenient zod schema for catalog JSON files.
 */
import { z } from 'zod';
import { SECTORS, type AssetInfo, type Sector } from '../domain/types';
import { fallbackAssetInfo } from './assets';

export { KNOWN_STABLECOINS, fallbackAssetInfo, isKnownStablecoin } from './assets';

const sectorSchema = z.enum(SECTORS as unknown as [Sector, ...Sector[]], {
  error: `must be one of ${SECTORS.join(', ')}`,
});

/** One catalog entry as found in a JSON file; everything except the symbol may be omitted. */
const CatalogEntrySchema = z.object({
  symbol: z.string().trim().min(1).optional(),
  name: z.string().optional(),
  sectors: z.array(sectorSchema).optional(),
  stablecoin: z.boolean().optional(),
  marketCapUsd: z.number().nonnegative().nullable().optional(),
  rank: z.int().positive().nullable().optional(),
});

/** A catalog file keyed by symbol. */
export const AssetCatalogRecordSchema = z.record(z.string(), CatalogEntrySchema);
/** A catalog file as an array of entries, each with its `symbol`. */
export const AssetCatalogArraySchema = z.array(CatalogEntrySchema.extend({ symbol: z.string().trim().min(1) }));

export type CatalogParseResult = { ok: true; catalog: Record<string, AssetInfo> } | { ok: false; errors: string[] };

/**
 * Parses catalog JSON (already JSON.parse'd): an object keyed by symbol or an array of
 * entries with `symbol`. Returns a full Record<symbol, AssetInfo>.
 */
export function parseAssetCatalog(input: unknown): CatalogParseResult {
  const r = Array.isArray(input) ? AssetCatalogArraySchema.safeParse(input) : AssetCatalogRecordSchema.safeParse(input);
  if (!r.success) {
    return {
      ok: false,
      errors: r.error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`),
    };
  }
  const entries: Array<[string, z.infer<typeof CatalogEntrySchema>]> = Array.isArray(r.data)
    ? r.data.map((e) => [e.symbol, e])
    : Object.entries(r.data);
  const catalog: Record<string, AssetInfo> = {};
  for (const [key, e] of entries) {
    const sym = (e.symbol ?? key).toUpperCase();
    const base = fallbackAssetInfo(sym);
    const stablecoin = e.stablecoin ?? base.stablecoin;
    catalog[sym] = {
      symbol: sym,
      name: e.name ?? sym,
      sectors: e.sectors && e.sectors.length > 0 ? e.sectors : stablecoin ? ['stablecoin'] : ['other'],
      stablecoin,
      marketCapUsd: e.marketCapUsd ?? null,
      rank: e.rank ?? null,
    };
  }
  return { ok: true, catalog };
}
