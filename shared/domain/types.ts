/**
 * Core domain types shared by main, renderer, CLI and tests.
 * Pure TypeScript: no Node, Electron or DOM imports anywhere under shared/.
 */

/** Market-cap tier used by the diversification breakdown and the allocation rules. */
export type Tier = 'large' | 'mid' | 'small' | 'stablecoin' | 'unranked';
export const TIERS: readonly Tier[] = ['large', 'mid', 'small', 'stablecoin', 'unranked'];

/** Sector / narrative tags. An asset may carry several; the first is its primary sector. */
export type Sector =
  | 'L1'
  | 'L2'
  | 'DeFi'
  | 'AI'
  | 'meme'
  | 'stablecoin'
  | 'exchange'
  | 'RWA'
  | 'gaming'
  | 'privacy'
  | 'oracle'
  | 'infrastructure'
  | 'payments'
  | 'storage'
  | 'other';
export const SECTORS: readonly Sector[] = [
  'L1',
  'L2',
  'DeFi',
  'AI',
  'meme',
  'stablecoin',
  'exchange',
  'RWA',
  'gaming',
  'privacy',
  'oracle',
  'infrastructure',
  'payments',
  'storage',
  'other',
];

/** One entry of the asset catalog. */
export interface AssetInfo {
  /** Upper-case ticker as exchanges report it, e.g. "BTC". */
  symbol: string;
  name: string;
  /** Sector tags; sectors[0] is the primary sector. */
  sectors: Sector[];
  stablecoin: boolean;
  /** Market capitalisation in USD, or null when unknown. */
  marketCapUsd: number | null;
  /** Market-cap rank (1 = largest), or null when unknown. */
  rank: number | null;
  /** CoinGecko coin id (e.g. "bitcoin"), used to match market-data refreshes when tickers collide. */
  coingeckoId?: string;
}

/** Market-cap thresholds (USD) for tiering. Defaults documented in docs/ARCHITECTURE.md. */
export interface TierThresholds {
  /** At or above this market cap an asset is "large". */
  largeMinUsd: number;
  /** At or above this (and below large) an asset is "mid"; below it, "small". */
  midMinUsd: number;
}
export const DEFAULT_TIER_THRESHOLDS: TierThresholds = {
  largeMinUsd: 10_000_000_000,
  midMinUsd: 1_000_000_000,
};

/** Where a holding is kept: an exchange account, a manual wallet/platform or a watch-only wallet read on-chain. */
export interface Custody {
  /** Account id (exchange account), manual wallet id or watch-only wallet id. */
  id: string;
  /** Human label, e.g. "Binance main", "Ledger cold wallet" or "on-chain: Ledger". */
  label: string;
  kind: 'exchange' | 'manual' | 'onchain';
  /**
   * ccxt exchange id for exchange accounts (e.g. "binance"); a free-form platform name for manual; the
   * network ("Bitcoin", "EVM", "Solana") for on-chain wallets.
   */
  platform: string;
}

/** A raw amount of one asset held at one custody (before valuation). */
export interface Position {
  custodyId: string;
  asset: string;
  amount: number;
}

/** A position with its valuation in the base currency; price/value null means "unpriced". */
export interface ValuedPosition extends Position {
  price: number | null;
  value: number | null;
}

/** A portfolio ready for analysis: valued positions plus the custodies they refer to. */
export interface Portfolio {
  /** Base (quote) currency for every value, e.g. "USD". */
  base: string;
  /** Valuation time, ms since epoch (UTC). */
  asOf: number;
  custodies: Custody[];
  positions: ValuedPosition[];
}

/** One daily candle. `t` is the UTC midnight of the day, in ms since epoch. */
export interface Candle {
  t: number;
  o: number;
  h: number;
  l: number;
  c: number;
  /** Volume in quote currency (USD) for the day. */
  v: number;
  /** Market cap in USD at the close, when known. */
  mc?: number;
}

/** Daily price history for many assets, keyed by symbol; each array sorted by t ascending. */
export type PriceHistory = Record<string, Candle[]>;

export const DAY_MS = 86_400_000;
