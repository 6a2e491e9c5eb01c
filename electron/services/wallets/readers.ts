/**
 * One read of a watch-only wallet on its networks, turned into the tokens the wallets panel lists:
 * Bitcoin through Esplora (./bitcoin.ts), each EVM network through JSON-RPC (./evm.ts), Solana through
 * JSON-RPC (./solana.ts). Tokens are named through the token mapping; unknown ones keep a name and stay
 * unpriced, probable spam is marked hidden (shared/wallets/spam.ts). Used by the wallet service.
 */
import { NATIVE_ASSET, isSpamToken, type BtcScript, type EvmNetwork, type Network } from '../../../shared/wallets';
import { EsploraReader } from './bitcoin';
import { EvmReader } from './evm';
import { shortAddress, type WalletHttp } from './http';
import { SolanaReader } from './solana';
import type { StoredToken, StoredWallet } from './store';
import type { TokenMapService } from './token-map';

export interface ReadResult {
  tips: Partial<Record<Network, number>>;
  used: number | null;
  tokens: StoredToken[];
}

export interface ReadContext {
  http: WalletHttp;
  tokens: TokenMapService;
  urlFor: (network: Network) => string;
  /** The extended key (or descriptor) of a Bitcoin extended-key wallet, from the keychain. */
  watchKey: () => Promise<{ key: string; script: BtcScript; gapLimit: number }>;
}

const native = (network: Network, amount: number): StoredToken[] =>
  amount > 0 ? [{ network, asset: NATIVE_ASSET[network], name: NATIVE_ASSET[network], amount, hidden: false }] : [];

async function readBitcoin(w: StoredWallet, ctx: ReadContext): Promise<ReadResult> {
  const reader = new EsploraReader(ctx.http, ctx.urlFor('bitcoin'), w.id);
  const source = w.extended ? await ctx.watchKey() : { address: w.address! };
  const r = await reader.read(source, w.lastRead?.tips.bitcoin ?? null);
  return { tips: { bitcoin: r.tip }, used: w.extended ? r.used : null, tokens: native('bitcoin', r.sats / 1e8) };
}

async function readEvm(w: StoredWallet, ctx: ReadContext): Promise<ReadResult> {
  const networks = w.networks.filter((n): n is EvmNetwork => n !== 'bitcoin' && n !== 'solana');
  const reads = await Promise.all(
    networks.map(async (network) => {
      const reader = new EvmReader(ctx.http, network, ctx.urlFor(network), w.id);
      const r = await reader.read(w.address!, ctx.tokens.catalogTokens(network), w.lastRead?.tips[network] ?? null);
      const tokens: StoredToken[] = [
        ...native(network, r.native),
        ...r.tokens.map((t) => ({
          network,
          asset: t.entry.asset,
          name: t.entry.symbol,
          amount: t.amount,
          hidden: false,
        })),
      ];
      return { network, block: r.block, tokens };
    }),
  );
  return {
    tips: Object.fromEntries(reads.map((r) => [r.network, r.block])),
    used: null,
    tokens: reads.flatMap((r) => r.tokens),
  };
}

async function readSolana(w: StoredWallet, ctx: ReadContext): Promise<ReadResult> {
  const reader = new SolanaReader(ctx.http, ctx.urlFor('solana'), w.id);
  const r = await reader.read(w.address!, w.lastRead?.tips.solana ?? null);
  const tokens: StoredToken[] = r.tokens.map((t) => {
    const entry = ctx.tokens.get('solana', t.mint);
    const name = entry?.symbol ?? `SPL ${shortAddress(t.mint)}`;
    const hidden = isSpamToken({
      known: entry !== null,
      name: entry?.name ?? name,
      symbol: entry?.symbol ?? '',
      decimals: t.decimals,
      amount: t.amount,
    });
    return { network: 'solana', asset: entry?.asset ?? null, name, amount: t.amount, hidden };
  });
  return { tips: { solana: r.slot }, used: null, tokens: [...native('solana', r.sol), ...tokens] };
}

/** Reads a wallet once on every network it is read on; throws the first failure (an AppError). */
export function readWallet(w: StoredWallet, ctx: ReadContext): Promise<ReadResult> {
  if (w.kind === 'bitcoin') return readBitcoin(w, ctx);
  if (w.kind === 'evm') return readEvm(w, ctx);
  return readSolana(w, ctx);
}
