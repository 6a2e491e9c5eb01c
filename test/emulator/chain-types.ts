/**
 * Types of the local blockchain provider emulators (test/emulator/chain-server.ts): an Esplora REST API,
 * EVM JSON-RPC nodes (one per chain id) and a Solana JSON-RPC node, with their fixture state and
 * injectable faults, so the watch-only wallet readers run unchanged against 127.0.0.1.
 */

export type ChainService = 'esplora' | 'evm' | 'solana';

export interface EsploraState {
  /** Address -> funded/spent sums (sats) and transaction count; absent addresses are unused. */
  addresses: Map<string, { funded: number; spent: number; txs: number; mempoolFunded?: number }>;
  tipHeight: number;
}

export interface EvmChainState {
  blockNumber: number;
  /** Lower-cased address -> wei. */
  native: Map<string, bigint>;
  /** Lower-cased token contract -> lower-cased owner -> raw amount. */
  tokens: Map<string, Map<string, bigint>>;
}

export interface EvmState {
  /** Per chain id. */
  chains: Map<number, EvmChainState>;
  /** ENS name -> address (resolved on chain 1 through the universal resolver). */
  ens: Map<string, string>;
}

export interface SplAccount {
  mint: string;
  /** Raw amount (integer string). */
  amount: string;
  decimals: number;
  program: 'token' | 'token-2022';
}

export interface SolanaState {
  slot: number;
  genesisHash: string;
  /** Address -> lamports. */
  lamports: Map<string, number>;
  /** Owner -> token accounts. */
  tokenAccounts: Map<string, SplAccount[]>;
}

export type ChainFaultKind =
  /** HTTP 429 with a Retry-After header (seconds, default 1). */
  | 'rate-limit'
  /** HTTP 503. */
  | 'server-error'
  /** Never answer. */
  | 'timeout'
  /** Answer for an older block/slot than the current one (a lagging node behind a load balancer). */
  | 'lag';

export interface ChainFault {
  kind: ChainFaultKind;
  /** Apply to the next N requests of the service only (every request when absent). */
  times?: number;
  /** Retry-After seconds for 'rate-limit'. */
  retryAfterSec?: number;
  /** How far behind 'lag' answers (default 10). */
  behind?: number;
}

export interface ChainRequest {
  service: ChainService;
  method: string;
  /** Esplora path, or the JSON-RPC methods of the body. */
  what: string;
  fault: ChainFaultKind | null;
}

export interface ChainEmulator {
  port: number;
  /** Base URL of each provider: `esplora`, `solana`, and `evm(chainId)`. */
  urls: { esplora: string; solana: string; evm: (chainId: number) => string };
  esplora: EsploraState;
  evm: EvmState;
  solana: SolanaState;
  requests: ChainRequest[];
  setFault(service: ChainService, fault: ChainFault | null): void;
  close(): Promise<void>;
}
