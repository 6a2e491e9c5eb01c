/**
 * Token contract (EVM) or mint (Solana) -> catalog asset: the bundled mapping (assets/token-map.json,
 * built by scripts/build-token-map.ts from the Uniswap default token list) and the same mapping built
 * from a token list fetched later (the Uniswap token-list format, https://tokenlists.org). A token maps
 * to the catalog asset of its symbol, or of the asset it wraps (WETH -> ETH, see ALIASES); a listed token
 * without a catalog asset keeps its symbol and name and stays unpriced. Pure; used by main
 * (electron/services/wallets/token-map.ts) and the build script.
 */
import { z } from 'zod';
import type { Network } from './types';

/** Token-list chain ids of the networks read (Solana's is the id the Uniswap list uses). */
export const CHAIN_IDS: Record<Exclude<Network, 'bitcoin'>, number> = {
  ethereum: 1,
  arbitrum: 42161,
  base: 8453,
  optimism: 10,
  polygon: 137,
  bsc: 56,
  solana: 501000101,
};

/** Wrapped and bridged forms counted as the asset they stand for (redeemable one for one). */
export const ALIASES: Readonly<Record<string, string>> = {
  WETH: 'ETH',
  WBNB: 'BNB',
  WPOL: 'POL',
  WMATIC: 'POL',
  WSOL: 'SOL',
  'USDC.E': 'USDC',
  USDBC: 'USDC',
  'USDT.E': 'USDT',
};

export const tokenEntrySchema = z.strictObject({
  network: z.enum(['ethereum', 'arbitrum', 'base', 'optimism', 'polygon', 'bsc', 'solana']),
  /** EVM contract (checksummed) or Solana mint. */
  address: z.string().min(32).max(64),
  symbol: z.string().min(1).max(40),
  name: z.string().min(1).max(120),
  decimals: z.number().int().min(0).max(36),
  /** Catalog symbol, or null when the catalog does not know the token. */
  asset: z.string().min(1).max(20).nullable(),
});
export type TokenEntry = z.infer<typeof tokenEntrySchema>;

export const tokenMapSchema = z.strictObject({
  version: z.literal(1),
  source: z.string().min(1).max(500),
  /** Day of the token list's data, YYYY-MM-DD. */
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  tokens: z.array(tokenEntrySchema).max(20_000),
});
export type TokenMap = z.infer<typeof tokenMapSchema>;

/** One token of a token list (the fields Ballast reads). */
const listTokenSchema = z.object({
  chainId: z.number().int(),
  address: z.string().min(32).max(64),
  symbol: z.string().min(1).max(40),
  name: z.string().min(1).max(120),
  decimals: z.number().int().min(0).max(36),
});
const tokenListSchema = z.object({ tokens: z.array(z.unknown()).max(100_000) });

const NETWORK_BY_CHAIN = new Map(Object.entries(CHAIN_IDS).map(([n, id]) => [id, n as TokenEntry['network']]));

/** The catalog asset of a token symbol (through ALIASES), or null. */
export function catalogAssetOf(symbol: string, catalogSymbols: ReadonlySet<string>): string | null {
  const upper = symbol.toUpperCase();
  const target = ALIASES[upper] ?? upper;
  return catalogSymbols.has(target) ? target : null;
}

/**
 * Token entries of a token list (tokens of other chains and malformed rows are skipped), each mapped to
 * its catalog asset. Throws when the value is not a token list at all.
 */
export function entriesFromTokenList(list: unknown, catalogSymbols: ReadonlySet<string>): TokenEntry[] {
  const parsed = tokenListSchema.safeParse(list);
  if (!parsed.success) throw new Error('not a token list');
  const out: TokenEntry[] = [];
  const seen = new Set<string>();
  for (const raw of parsed.data.tokens) {
    const t = listTokenSchema.safeParse(raw);
    if (!t.success) continue;
    const network = NETWORK_BY_CHAIN.get(t.data.chainId);
    if (!network) continue;
    const address = network === 'solana' ? t.data.address : t.data.address.toLowerCase();
    if (seen.has(`${network}:${address}`)) continue;
    seen.add(`${network}:${address}`);
    out.push({
      network,
      address: t.data.address,
      symbol: t.data.symbol,
      name: t.data.name,
      decimals: t.data.decimals,
      asset: catalogAssetOf(t.data.symbol, catalogSymbols),
    });
  }
  return out;
}

/** A lookup by network and address (EVM addresses case-insensitively); later entries win. */
export function tokenIndex(entries: readonly TokenEntry[]): (network: Network, address: string) => TokenEntry | null {
  const by = new Map<string, TokenEntry>();
  const key = (network: string, address: string) =>
    `${network}:${network === 'solana' ? address : address.toLowerCase()}`;
  for (const e of entries) by.set(key(e.network, e.address), e);
  return (network, address) => by.get(key(network, address)) ?? null;
}
