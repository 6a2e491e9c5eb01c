/**
 * IPC channels of watch-only wallets (see shared/ipc/contract.ts): add, rename, remove and re-scan
 * wallets, the provider URL of each network, the hidden-token toggle and the token list.
 *
 * What is pasted travels once, renderer to main (`wallets:add`); an extended key or descriptor is kept in
 * the OS keychain and no answer ever carries it (only its short form). A pasted private key or seed phrase
 * is refused and dropped.
 */
import { z } from 'zod';
import { displayNameSchema } from '../../schema';
import { channel, NoArgs } from '../define';
import {
  BTC_SCRIPTS,
  MAX_GAP_LIMIT,
  MAX_PROVIDER_URL,
  MAX_WALLET_INPUT,
  MAX_WALLET_LABEL,
  NETWORKS,
  WALLET_KINDS,
  type ProviderView,
  type WalletsView,
  type WalletView,
} from '../../wallets/types';

export type { ProviderView, WalletsView, WalletView, WalletTokenView } from '../../wallets/types';

const WalletId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'not a valid wallet id');
const Label = displayNameSchema(MAX_WALLET_LABEL);
const GapLimit = z.number().int().min(1).max(MAX_GAP_LIMIT);
const Network = z.enum(NETWORKS);

export const AddWalletSchema = z.strictObject({
  kind: z.enum(WALLET_KINDS),
  label: Label,
  /** Address, ENS name, extended public key or descriptor, as pasted. */
  input: z.string().max(MAX_WALLET_INPUT),
  /** Bitcoin extended keys: the script (absent: the one the key or descriptor implies). */
  script: z.enum(BTC_SCRIPTS).optional(),
  gapLimit: GapLimit.optional(),
  /** EVM: the networks read (absent: all of them). */
  networks: z.array(Network).min(1).max(NETWORKS.length).optional(),
});

export const walletsChannels = {
  /** Every wallet with its sync health and tokens, the providers and the display choices. */
  'wallets:list': channel<WalletsView>()(NoArgs),
  'wallets:add': channel<WalletView>()(AddWalletSchema),
  'wallets:rename': channel<WalletView>()(z.strictObject({ id: WalletId, label: Label })),
  /** Removes the wallet (and its keychain item); its activity history stays. */
  'wallets:remove': channel<{ removed: boolean }>()(z.strictObject({ id: WalletId })),
  /** Reads the wallets again now (optionally with a new gap limit for an extended key); resolves when done. */
  'wallets:rescan': channel<WalletView>()(z.strictObject({ id: WalletId, gapLimit: GapLimit.optional() })),
  /** Sets a network's provider (null: back to the default) after checking that it answers for that network. */
  'wallets:setProvider': channel<ProviderView[]>()(
    z.strictObject({ network: Network, url: z.string().trim().min(1).max(MAX_PROVIDER_URL).nullable() }),
  ),
  'wallets:setShowHidden': channel<{ showHidden: boolean }>()(z.strictObject({ showHidden: z.boolean() })),
  /** Downloads the token list again (Uniswap default token list). */
  'wallets:refreshTokens': channel<{ tokens: number; at: number | null }>()(NoArgs),
};
