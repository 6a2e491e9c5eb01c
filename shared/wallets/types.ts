/**
 * Watch-only wallets: the chains Ballast reads, the kinds of wallet the user can add, and what the
 * wallets channels answer. Public data only: a wallet is an address (or an extended public key kept in
 * the OS keychain), never a private key or a seed phrase. Used by main (electron/services/wallets), the
 * IPC contract (shared/ipc/channels/wallets.ts) and the Keys & Activity view.
 */

/** Networks a wallet is read on; each has one provider URL (Esplora for Bitcoin, JSON-RPC otherwise). */
export const NETWORKS = ['bitcoin', 'ethereum', 'arbitrum', 'base', 'optimism', 'polygon', 'bsc', 'solana'] as const;
export type Network = (typeof NETWORKS)[number];

/** The EVM networks an EVM address is read on. */
export const EVM_NETWORKS = ['ethereum', 'arbitrum', 'base', 'optimism', 'polygon', 'bsc'] as const;
export type EvmNetwork = (typeof EVM_NETWORKS)[number];

export const WALLET_KINDS = ['bitcoin', 'evm', 'solana'] as const;
/** What the user adds: a Bitcoin address or extended key, an EVM address (or ENS name), a Solana address. */
export type WalletKind = (typeof WALLET_KINDS)[number];

/** Bitcoin output scripts of extended keys: legacy, nested SegWit, native SegWit, Taproot. */
export const BTC_SCRIPTS = ['pkh', 'sh-wpkh', 'wpkh', 'tr'] as const;
export type BtcScript = (typeof BTC_SCRIPTS)[number];

export const NETWORK_LABELS: Record<Network, string> = {
  bitcoin: 'Bitcoin',
  ethereum: 'Ethereum',
  arbitrum: 'Arbitrum',
  base: 'Base',
  optimism: 'Optimism',
  polygon: 'Polygon',
  bsc: 'BNB Chain',
  solana: 'Solana',
};

export const SCRIPT_LABELS: Record<BtcScript, string> = {
  pkh: 'Legacy (pkh, addresses 1…)',
  'sh-wpkh': 'Nested SegWit (sh(wpkh), addresses 3…)',
  wpkh: 'Native SegWit (wpkh, addresses bc1q…)',
  tr: 'Taproot (tr, addresses bc1p…)',
};

/** Native asset of each network, as the catalog names it. */
export const NATIVE_ASSET: Record<Network, string> = {
  bitcoin: 'BTC',
  ethereum: 'ETH',
  arbitrum: 'ETH',
  base: 'ETH',
  optimism: 'ETH',
  polygon: 'POL',
  bsc: 'BNB',
  solana: 'SOL',
};

/** Gap limit of extended-key scans: this many unused addresses in a row end a chain. */
export const DEFAULT_GAP_LIMIT = 20;
export const MAX_GAP_LIMIT = 200;
export const MAX_WALLET_LABEL = 60;
/** Upper bound of wallets, so the file and a sync stay small. */
export const MAX_WALLETS = 100;
/** Longest text accepted where an address, ENS name, extended key or descriptor is pasted. */
export const MAX_WALLET_INPUT = 1000;
export const MAX_PROVIDER_URL = 500;

/** One token (or native coin) a wallet holds, as shown in the wallets panel. */
export interface WalletTokenView {
  network: Network;
  /** Catalog symbol, or null for a token Ballast does not know (it stays unpriced). */
  asset: string | null;
  /** What the token calls itself (symbol or a shortened contract/mint) when `asset` is null. */
  name: string;
  amount: number;
  /** Hidden behind the "show hidden tokens" toggle (probable spam or NFT). */
  hidden: boolean;
}

/** A watch-only wallet as the renderer sees it. Never the extended key itself. */
export interface WalletView {
  id: string;
  label: string;
  kind: WalletKind;
  /** The public address (EVM, Solana, single Bitcoin address); null for an extended key. */
  address: string | null;
  /** The ENS name the address was resolved from, if any. */
  ensName: string | null;
  /** Extended keys: the script and a short form ("zpub … fp 1a2b3c4d"); null otherwise. */
  extendedKey: { script: BtcScript; shortForm: string; gapLimit: number } | null;
  networks: Network[];
  createdAt: number;
  /** Sync health, as for exchange accounts. */
  lastSuccessAt: number | null;
  lastAttemptAt: number | null;
  lastError: { code: string; message: string } | null;
  stale: boolean;
  /** Extended keys: addresses found used in the last scan (receive + change). */
  usedAddresses: number | null;
  tokens: WalletTokenView[];
}

/** Provider of one network: the URL in use, the default, and whether the user set their own. */
export interface ProviderView {
  network: Network;
  url: string;
  defaultUrl: string;
  custom: boolean;
}

export interface WalletsView {
  wallets: WalletView[];
  providers: ProviderView[];
  /** Whether hidden (probable spam) tokens are shown. */
  showHidden: boolean;
  /** When the token list was last refreshed (null: the bundled one only). */
  tokenListAt: number | null;
}
