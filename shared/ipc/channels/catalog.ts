/** IPC channels of the asset catalog: market-data refresh and the user's per-asset overrides. */
import { z } from 'zod';
import { symbolInputSchema } from '../../catalog/schema';
import { SECTORS, TIERS, type Sector, type Tier } from '../../domain/types';
import { channel, NoArgs } from '../define';

export interface CatalogStatus {
  /** Where market caps come from now. */
  source: 'bundle' | 'market-data';
  /** Date of the bundled figures (YYYY-MM-DD). */
  bundleAsOf: string;
  /** When the market-data cache was last refreshed, or null. */
  fetchedAt: number | null;
  /** Number of assets in the effective catalog. */
  assets: number;
  /** The user's overrides, by symbol. */
  overrides: Record<string, { sector?: Sector; tier?: Tier }>;
  /** Every symbol with its name, primary sector and tier inputs, for the override editor. */
  entries: { symbol: string; name: string; sector: Sector; marketCapUsd: number | null }[];
}

export type CatalogRefreshResult =
  | { ok: true; status: CatalogStatus; count: number }
  | { ok: false; code: string; message: string; status: CatalogStatus };

const symbol = symbolInputSchema;

export const catalogChannels = {
  'catalog:status': channel<CatalogStatus>()(NoArgs),
  'catalog:refresh': channel<CatalogRefreshResult>()(NoArgs),
  'catalog:setOverride': channel<CatalogStatus>()(
    z.strictObject({
      symbol,
      sector: z.enum(SECTORS as [Sector, ...Sector[]]).optional(),
      tier: z.enum(TIERS as [Tier, ...Tier[]]).optional(),
    }),
  ),
  'catalog:clearOverride': channel<CatalogStatus>()(z.strictObject({ symbol })),
};
