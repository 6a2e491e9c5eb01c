/**
 * What Index Lab assumes about an asset the catalog does not describe: well-known stablecoins are
 * recognised by symbol, every other asset is non-stable in sector "other". Free of zod, so the
 * simulation worker can use it; catalog.ts re-exports it next to the catalog file schema.
 */
import type { AssetInfo } from '../domain/types';

/** Symbols treated as USD-pegged stablecoins when the catalog says nothing about them. */
export const KNOWN_STABLECOINS: ReadonlySet<string> = new Set([
  'USDT',
  'USDC',
  'DAI',
  'BUSD',
  'TUSD',
  'USDP',
  'PAX',
  'GUSD',
  'FDUSD',
  'PYUSD',
  'USDD',
  'USDE',
  'USDS',
  'FRAX',
  'LUSD',
  'SUSD',
  'USDJ',
  'USDK',
  'UST',
  'USTC',
  'CUSD',
  'EURC',
  'EURT',
  'EURS',
  'USD1',
  'RLUSD',
  'GHO',
  'CRVUSD',
]);

export function isKnownStablecoin(symbol: string): boolean {
  return KNOWN_STABLECOINS.has(symbol.toUpperCase());
}

/** Catalog entry used for a symbol the catalog does not know. */
export function fallbackAssetInfo(symbol: string): AssetInfo {
  const sym = symbol.toUpperCase();
  const stable = isKnownStablecoin(sym);
  return {
    symbol: sym,
    name: sym,
    sectors: [stable ? 'stablecoin' : 'other'],
    stablecoin: stable,
    marketCapUsd: null,
    rank: null,
  };
}
