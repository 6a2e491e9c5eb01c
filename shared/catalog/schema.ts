/**
 * Zod schemas for the bundled asset catalog (assets/catalog.json) and the market-data cache.
 */
import { z } from 'zod';
import { SECTORS, TIERS, type AssetInfo, type Sector, type Tier } from '../domain/types';

export const sectorSchema = z.enum(SECTORS as [Sector, ...Sector[]]);
export const tierSchema = z.enum(TIERS as [Tier, ...Tier[]]);

/** Upper-case ticker: letters, digits and a few separators exchanges use (e.g. "1INCH", "USD.E"). */
export const symbolSchema = z
  .string()
  .min(1)
  .max(20)
  .regex(/^[A-Z0-9][A-Z0-9._-]*$/, 'symbol must be an upper-case ticker');

export const assetInfoSchema = z.object({
  symbol: symbolSchema,
  name: z.string().min(1),
  sectors: z.array(sectorSchema).min(1),
  stablecoin: z.boolean(),
  marketCapUsd: z.number().nonnegative().finite().nullable(),
  rank: z.number().int().positive().nullable(),
  coingeckoId: z.string().min(1).optional(),
}) satisfies z.ZodType<AssetInfo>;

export const CATALOG_VERSION = 1;

export const catalogFileSchema = z
  .object({
    version: z.literal(CATALOG_VERSION),
    /** Day the bundled figures describe, YYYY-MM-DD. */
    asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'asOf must be YYYY-MM-DD'),
    /** Where the figures come from and how approximate they are. */
    source: z.string().min(1),
    assets: z.array(assetInfoSchema),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.assets.forEach((a, i) => {
      if (seen.has(a.symbol)) {
        ctx.addIssue({ code: 'custom', path: ['assets', i, 'symbol'], message: `duplicate symbol ${a.symbol}` });
      }
      seen.add(a.symbol);
      if (a.stablecoin !== a.sectors.includes('stablecoin')) {
        ctx.addIssue({
          code: 'custom',
          path: ['assets', i, 'sectors'],
          message: `${a.symbol}: the stablecoin flag and the "stablecoin" sector tag disagree`,
        });
      }
    });
  });

export type CatalogFile = z.infer<typeof catalogFileSchema>;

/** Parse and validate a catalog file; throws a readable error when it is invalid. */
export function parseCatalogFile(json: unknown): CatalogFile {
  const res = catalogFileSchema.safeParse(json);
  if (!res.success) throw new Error(`invalid asset catalog: ${z.prettifyError(res.error)}`);
  return res.data;
}

/** Fresh market data for one symbol, from CoinGecko's /coins/markets. */
export interface MarketDataEntry {
  coingeckoId: string;
  marketCapUsd: number | null;
  rank: number | null;
  priceUsd: number | null;
  volumeUsd: number | null;
}

/** Market data fetched at one time, keyed by upper-case symbol. */
export interface MarketDataCache {
  /** Fetch time, ms since epoch (UTC). */
  fetchedAt: number;
  entries: Record<string, MarketDataEntry>;
}

export const marketDataEntrySchema = z.object({
  coingeckoId: z.string().min(1),
  marketCapUsd: z.number().nonnegative().finite().nullable(),
  rank: z.number().int().positive().nullable(),
  priceUsd: z.number().nonnegative().finite().nullable(),
  volumeUsd: z.number().nonnegative().finite().nullable(),
}) satisfies z.ZodType<MarketDataEntry>;

export const marketDataCacheSchema = z.object({
  fetchedAt: z.number().int().nonnegative(),
  entries: z.record(z.string(), marketDataEntrySchema),
}) satisfies z.ZodType<MarketDataCache>;
