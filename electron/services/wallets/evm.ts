/**
 * Reads an EVM address over standard JSON-RPC with viem: the chain id (a node of another network, e.g.
 * Sepolia for Ethereum, is refused), the block number (checked against the last one seen), the native
 * balance (`eth_getBalance`) and the `balanceOf` of every catalog token of the chain in one Multicall3
 * `aggregate3` call (viem's `multicall`, at the chain's multicall3 address), all at that block; requests
 * made together go as one JSON-RPC batch. ENS names resolve on Ethereum (viem `getEnsAddress`).
 * Every HTTP call goes through WalletHttp (./http.ts), so it is recorded and its failures are Ballast's
 * errors. Used by the wallet service (./service.ts).
 */
import { createPublicClient, erc20Abi, formatUnits, getAddress, http, type Chain, type PublicClient } from 'viem';
import { arbitrum, base, bsc, mainnet, optimism, polygon } from 'viem/chains';
import { normalize } from 'viem/ens';
import { NETWORK_LABELS, type EvmNetwork, type TokenEntry } from '../../../shared/wallets';
import { AppError } from '../errors';
import { behindError, unreadable, type WalletHttp } from './http';

export const EVM_CHAINS: Record<EvmNetwork, Chain> = {
  ethereum: mainnet,
  arbitrum,
  base,
  optimism,
  polygon,
  bsc,
};

export interface EvmRead {
  native: number;
  tokens: { entry: TokenEntry; amount: number }[];
  block: number;
}

/** "eth_chainId" or "batch eth_blockNumber, eth_chainId": what a JSON-RPC body asks, for the log. */
export function rpcMethods(body: string): string {
  try {
    const json: unknown = JSON.parse(body);
    const list = (Array.isArray(json) ? json : [json]) as { method?: unknown }[];
    const methods = [...new Set(list.map((r) => (typeof r?.method === 'string' ? r.method : '?')))].sort();
    return `${Array.isArray(json) ? 'batch ' : ''}${methods.join(', ')}`.slice(0, 200);
  } catch {
    return 'rpc';
  }
}

/** The AppError a viem error carries (thrown by WalletHttp), or an "unreadable answer" one. */
function appErrorIn(err: unknown, network: EvmNetwork): AppError {
  for (let e: unknown = err, depth = 0; e && depth < 10; depth++) {
    if (e instanceof AppError) return e;
    e = (e as { cause?: unknown }).cause;
  }
  return unreadable(network);
}

export class EvmReader {
  private readonly client: PublicClient;

  constructor(
    http_: WalletHttp,
    private readonly network: EvmNetwork,
    url: string,
    walletId: string | null,
  ) {
    this.client = createPublicClient({
      chain: EVM_CHAINS[network],
      transport: http(url, {
        batch: true,
        retryCount: 0,
        fetchFn: http_.fetchFor({ walletId, network }, rpcMethods),
      }),
    }) as PublicClient;
  }

  /** Refuses a node of another network ('invalid', not retried). */
  async checkChain(): Promise<number> {
    const [chainId, block] = await this.call(() =>
      Promise.all([this.client.getChainId(), this.client.getBlockNumber({ cacheTime: 0 })]),
    );
    const expected = EVM_CHAINS[this.network].id;
    if (chainId !== expected) {
      throw new AppError(
        'invalid',
        `This ${NETWORK_LABELS[this.network]} provider is on another network (chain id ${chainId}, expected ${expected}). Check its URL.`,
      );
    }
    return Number(block);
  }

  /** Native and token balances of `address` at the node's current block. */
  async read(address: string, tokens: readonly TokenEntry[], lastBlock: number | null): Promise<EvmRead> {
    const block = await this.checkChain();
    if (lastBlock !== null && block < lastBlock) throw behindError(this.network, block, lastBlock);
    const owner = getAddress(address);
    const blockNumber = BigInt(block);
    const [native, results] = await this.call(() =>
      Promise.all([
        this.client.getBalance({ address: owner, blockNumber }),
        tokens.length === 0
          ? Promise.resolve([])
          : this.client.multicall({
              contracts: tokens.map((t) => ({
                address: getAddress(t.address),
                abi: erc20Abi,
                functionName: 'balanceOf' as const,
                args: [owner] as const,
              })),
              allowFailure: true,
              blockNumber,
            }),
      ]),
    );
    const out: EvmRead['tokens'] = [];
    results.forEach((r, i) => {
      // A token whose call failed (not deployed at this block, odd contract) is left out of this read.
      if (r.status !== 'success' || typeof r.result !== 'bigint' || r.result === 0n) return;
      out.push({ entry: tokens[i]!, amount: Number(formatUnits(r.result, tokens[i]!.decimals)) });
    });
    return { native: Number(formatUnits(native, 18)), tokens: out, block };
  }

  /** The address an ENS name points to (Ethereum only), or null when it has none. */
  async resolveEns(name: string): Promise<string | null> {
    let normalized: string;
    try {
      normalized = normalize(name);
    } catch {
      throw new AppError('invalid', 'This ENS name is not valid.');
    }
    const address = await this.call(() => this.client.getEnsAddress({ name: normalized }));
    return address ?? null;
  }

  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw appErrorIn(err, this.network);
    }
  }
}
