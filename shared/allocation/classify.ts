/**
 * Classification of assets into market-cap tiers and sectors.
 * Pure functions: the catalog, thresholds and user overrides are all passed in.
 */
import {
  DEFAULT_TIER_THRESHOLDS,
  SECTORS,
  TIERS,
  type AssetInfo,
  type Sector,
  type Tier,
  type TierThresholds,
} from '../domain/types';

/**
 * A user's correction for one asset. `sector` is a string because settings store it as free text;
 * values that are not a known sector (compared case-insensitively) are ignored.
 */
export interface AssetOverride {
  sector?: Sector | string;
  tier?: Tier;
}

/** Overrides keyed by symbol (upper-case tickers; lookups also try the upper-cased symbol). */
export type AssetOverrides = Record<string, AssetOverride>;

/** Asset catalog keyed by symbol. */
export type AssetCatalog = Record<string, AssetInfo>;

export interface ClassifyOptions {
  thresholds?: TierThresholds;
  overrides?: AssetOverrides;
}

export const TIER_LABELS: Record<Tier, string> = {
  large: 'Large caps',
  mid: 'Mid caps',
  small: 'Small caps',
  stablecoin: 'Stablecoins',
  unranked: 'Unranked',
};

export const SECTOR_LABELS: Record<Sector, string> = {
  L1: 'Layer 1',
  L2: 'Layer 2',
  DeFi: 'DeFi',
  AI: 'AI',
  meme: 'Meme coins',
  stablecoin: 'Stablecoins',
  exchange: 'Exchange tokens',
  RWA: 'Real-world assets',
  gaming: 'Gaming',
  privacy: 'Privacy',
  oracle: 'Oracles',
  infrastructure: 'Infrastructure',
  payments: 'Payments',
  storage: 'Storage',
  other: 'Other',
};

const SECTOR_BY_LOWER = new Map<string, Sector>(SECTORS.map((s) => [s.toLowerCase(), s]));

/** Lower-cased sector name -> Sector, or undefined when it is not a known sector. */
export function parseSector(value: string | undefined | null): Sector | undefined {
  if (!value) return undefined;
  return SECTOR_BY_LOWER.get(value.trim().toLowerCase());
}

export function isTier(value: unknown): value is Tier {
  return typeof value === 'string' && (TIERS as readonly string[]).includes(value);
}

/** Look a symbol up in a symbol-keyed record, trying the exact key first, then the upper-cased one. */
export function lookup<T>(record: Record<string, T> | undefined, symbol: string): T | undefined {
  if (!record) return undefined;
  if (Object.prototype.hasOwnProperty.call(record, symbol)) return record[symbol];
  const upper = symbol.toUpperCase();
  if (upper !== symbol && Object.prototype.hasOwnProperty.call(record, upper)) return record[upper];
  return undefined;
}

/**
 * Market-cap tier of an asset.
 * Order of precedence: a valid override tier; the stablecoin flag ('stablecoin'); an unknown or
 * invalid market cap ('unranked'); then the thresholds (>= largeMinUsd 'large', >= midMinUsd 'mid',
 * otherwise 'small'). An asset missing from the catalog is 'unranked'.
 */
export function tierOf(
  info: AssetInfo | undefined,
  thresholds: TierThresholds = DEFAULT_TIER_THRESHOLDS,
  override?: AssetOverride,
): Tier {
  if (override?.tier !== undefined && isTier(override.tier)) return override.tier;
  if (!info) return 'unranked';
  if (info.stablecoin) return 'stablecoin';
  const cap = info.marketCapUsd;
  if (cap === null || !Number.isFinite(cap) || cap <= 0) return 'unranked';
  if (cap >= thresholds.largeMinUsd) return 'large';
  if (cap >= thresholds.midMinUsd) return 'mid';
  return 'small';
}

/**
 * Primary sector of an asset.
 * Order of precedence: a known override sector; the catalog's first sector; 'stablecoin' for a
 * stablecoin without sector tags; otherwise 'other'.
 */
export function sectorOf(info: AssetInfo | undefined, override?: AssetOverride): Sector {
  const fromOverride = parseSector(override?.sector);
  if (fromOverride) return fromOverride;
  const primary = info?.sectors[0];
  if (primary !== undefined && (SECTORS as readonly string[]).includes(primary)) return primary;
  if (info?.stablecoin) return 'stablecoin';
  return 'other';
}

/** Tier and sector of a symbol, resolving catalog entry and override by symbol. */
export function classify(
  symbol: string,
  catalog: AssetCatalog,
  opts: ClassifyOptions = {},
): { tier: Tier; sector: Sector; info: AssetInfo | undefined } {
  const info = lookup(catalog, symbol);
  const override = lookup(opts.overrides, symbol);
  return {
    tier: tierOf(info, opts.thresholds ?? DEFAULT_TIER_THRESHOLDS, override),
    sector: sectorOf(info, override),
    info,
  };
}
