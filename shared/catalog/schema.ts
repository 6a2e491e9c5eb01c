/**
 * Zod schemas for the bundled asset catalog (assets/catalog.json) and the market-data cache.
 */
import { z } from 'zod';
import { SECTORS, TIERS, type AssetInfo, type Sector, type Tier } from '../domain/types';
import { SYMBOL_PATTERN } from '../holdings/types';

export const sectorSchema = z.enum(SECTORS as [Sector, ...Sector[]]);
export const tierSchema = z.enum(TIERS as [Tier, ...Tier[]]);

/**
 * An upper-case ticker: letters, digits and dots (e.g. "1INCH", "USD.E"), at most 20 characters. The one
 * schema for a symbol, in every request and file that names one: no symbol can start a spreadsheet
 * formula in an export's cell or header.
 */
export const symbolSchema = z
  .string()
  .max(20, 'must be a ticker symbol of at most 20 characters')
  .regex(SYMBOL_PATTERN, 'must be a ticker symbol: upper-case letters, digits and dots, up to 20');

/** A symbol as typed: spaces around it dropped, upper-cased, then checked as `symbolSchema`. */
export const symbolInputSchema = z
  .string({ error: 'must be a ticker symbol (text)' })
  .max(40, 'is too long for a ticker symbol')
  .trim()
  .min(1, 'must not be empty')
  .toUpperCase()
  .pipe(symbolSchema);

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
