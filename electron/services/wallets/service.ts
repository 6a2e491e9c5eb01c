/**
 * Watch-only wallets (`WalletService`, ctx.wallets, built once by createServices): add, rename, remove and
 * re-scan wallets, the provider URL of each network, the token mapping and the "show hidden tokens"
 * choice; during a sync the engine asks it to read each wallet (`read`), and the portfolio reads its
 * custodies ("on-chain: <label>") and positions from the last good read.
 *
 * - What is pasted is checked first (shared/wallets/inputs.ts): a private key or seed phrase is refused
 *   with SECRET_REFUSAL and dropped, never stored, logged or echoed.
 * - Addresses live only in wallets.json (./store.ts). An extended key or descriptor is a secret: it goes
 *   to the OS keychain (one item per wallet) and only its short form ("zpub · fp 1a2b3c4d") is kept
 *   and shown. The keychain item is written first and removed again if the file cannot be.
 * - A failed read keeps the wallet's last good read; a node answering for an older block than the last
 *   one seen counts as a failure (the engine retries, then marks the wallet stale).
 */
import type { Custody, Position } from '../../../shared/domain/types';
import type { Notice } from '../../../shared/ipc/channels/app';
import {
  checkExtendedKey,
  checkWalletInput,
  DEFAULT_GAP_LIMIT,
  EVM_NETWORKS,
  extendedKeyShortForm,
  MAX_WALLET_LABEL,
  MAX_WALLETS,
  NATIVE_ASSET,
  NETWORK_LABELS,
  NETWORKS,
  type BtcScript,
  type Network,
  type ProviderView,
  type WalletKind,
} from '../../../shared/wallets';
import { clockOf, type ClockDeps } from '../clock';
import { AppError } from '../errors';
import { fileNotice } from '../notices';
import { EsploraReader } from './bitcoin';
import { EvmReader } from './evm';
import type { WalletHttp } from './http';
import { readWallet } from './readers';
import { SolanaReader } from './solana';
import { WalletStore, type StoredWallet } from './store';
import { DEFAULT_TOKEN_LIST_URL, type TokenMapService } from './token-map';

/** Public providers used unless the user sets their own. */
export const DEFAULT_PROVIDER_URLS: Record<Network, string> = {
  bitcoin: 'https://blockstream.info/api',
  ethereum: 'https://ethereum-rpc.publicnode.com',
  arbitrum: 'https://arb1.arbitrum.io/rpc',
  base: 'https://mainnet.base.org',
  optimism: 'https://mainnet.optimism.io',
  polygon: 'https://polygon-rpc.com',
  bsc: 'https://bsc-dataseed.bnbchain.org',
  solana: 'https://api.mainnet-beta.solana.com',
};

export interface WalletVault {
  setWatchKey(walletId: string, key: string): Promise<void>;
  getWatchKey(walletId: string): Promise<string | null>;
  deleteWatchKey(walletId: string): Promise<boolean>;
}

export interface WalletServiceDeps extends ClockDeps {
  path: string;
  vault: WalletVault;
  http: WalletHttp;
  tokens: TokenMapService;
  notice: (n: Omit<Notice, 'at'>) => void;
  /** Provider URLs used by default (tests point them at the local emulators). */
  defaultUrls?: Partial<Record<Network, string>>;
  tokenListUrl?: string;
}

export interface AddWalletInput {
  kind: WalletKind;
  label: string;
  /** The address, ENS name, extended public key or descriptor as pasted. */
  input: string;
  /** Bitcoin extended keys: the script (null: the one the key or descriptor implies). */
  script?: BtcScript | null;
  gapLimit?: number;
  /** EVM: the networks to read (default all). */
  networks?: Network[];
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what a label may not hold
const CONTROL = /[\u0000-\u001f\u007f]/;

function checkLabel(label: string, input: string): string {
  const text = label.trim().replace(/\s+/g, ' ');
  if (text.length === 0 || text.length > MAX_WALLET_LABEL || CONTROL.test(text)) {
    throw new AppError('invalid', `Give the wallet a name of 1 to ${MAX_WALLET_LABEL} characters.`);
  }
  if (input.trim().length >= 12 && text.includes(input.trim())) {
    throw new AppError('invalid', 'The name seems to contain the key itself. Choose a different name.');
  }
  return text;
}

function checkUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    throw new AppError('invalid', 'This is not a valid URL (https://… or http://… for a node on your network).');
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') {
    throw new AppError('invalid', 'The URL must start with https:// (or http:// for a node on your network).');
  }
  if (u.username || u.password) {
    throw new AppError(
      'invalid',
      'Put no user name or password in the URL: Ballast keeps provider URLs in a plain file.',
    );
  }
  return u.href.replace(/\/+$/, '');
}

const notFound = () => new AppError('not-found', 'This wallet does not exist (it may have been removed).');

export class WalletService {
  private readonly store: WalletStore;
  private readonly deps: WalletServiceDeps;
  private readonly now: () => number;
  private readonly newId: () => string;
  private readonly listeners = new Set<() => void>();

  constructor(deps: WalletServiceDeps) {
    this.deps = deps;
    ({ now: this.now, newId: this.newId } = clockOf(deps));
    this.store = new WalletStore(deps.path, this.now);
    if (this.store.recovered) {
      deps.notice(
        fileNotice({
          id: 'recovered:wallets',
          subject: 'Your watch-only wallets file',
          outcome: 'started without watch-only wallets (their keys stay in the system keychain)',
          backupPath: this.store.recovered.backupPath,
          reason: this.store.recovered.reason,
        }),
      );
    }
  }

  list(): StoredWallet[] {
    return this.store.read().wallets;
  }

  /**
   * Calls `listener` after a wallet is added, renamed or removed, or hidden tokens are shown or hidden:
   * what the portfolio holds changed (a read is announced by the sync run that made it). Returns an
   * unsubscribe.
   */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get(id: string): StoredWallet {
    const w = this.list().find((x) => x.id === id);
    if (!w) throw notFound();
    return w;
  }

  showHidden(): boolean {
    return this.store.read().showHidden;
  }

  urlFor(network: Network): string {
    return this.store.read().providers[network] ?? this.defaultUrl(network);
  }

  providers(): ProviderView[] {
    const custom = this.store.read().providers;
    return NETWORKS.map((network) => ({
      network,
      url: custom[network] ?? this.defaultUrl(network),
      defaultUrl: this.defaultUrl(network),
      custom: custom[network] !== undefined,
    }));
  }

  tokenListAt(): number | null {
    return this.deps.tokens.refreshedAt();
  }

  /** Checks what was pasted, resolves an ENS name, keeps an extended key in the keychain, then adds the wallet. */
  async add(req: AddWalletInput): Promise<StoredWallet> {
    const checked = checkWalletInput(req.kind, req.input, req.script ?? null);
    if (!checked.ok) throw new AppError('invalid', checked.message);
    const label = checkLabel(req.label, req.input);
    const wallets = this.list();
    if (wallets.length >= MAX_WALLETS) throw new AppError('limit', `Ballast watches at most ${MAX_WALLETS} wallets.`);
    if (wallets.some((w) => w.label.toLowerCase() === label.toLowerCase())) {
      throw new AppError('wallet-exists', `A wallet named “${label}” already exists. Choose another name.`);
    }
    const id = this.newId();
    const base = { id, label, kind: req.kind, createdAt: this.now(), lastRead: null, ensName: null };
    let wallet: StoredWallet;
    let watchKey: string | null = null;
    if (checked.kind === 'bitcoin' && 'extended' in checked) {
      const { key, script, descriptor } = checked.extended;
      const gapLimit = req.gapLimit ?? DEFAULT_GAP_LIMIT;
      watchKey = descriptor ?? key;
      wallet = {
        ...base,
        address: null,
        networks: ['bitcoin'],
        extended: { script, shortForm: extendedKeyShortForm(key), gapLimit },
      };
      if (wallets.some((w) => w.extended?.shortForm === wallet.extended!.shortForm && w.extended.script === script)) {
        throw new AppError('wallet-exists', 'This extended key is already watched.');
      }
    } else {
      let address = 'address' in checked ? checked.address : null;
      let ensName: string | null = null;
      if ('ensName' in checked) {
        ensName = checked.ensName;
        address = await new EvmReader(this.deps.http, 'ethereum', this.urlFor('ethereum'), null).resolveEns(ensName);
        if (!address) throw new AppError('invalid', 'This ENS name does not point to an address.');
      }
      const networks: Network[] =
        req.kind === 'evm' ? this.evmNetworks(req.networks) : req.kind === 'bitcoin' ? ['bitcoin'] : ['solana'];
      wallet = { ...base, ensName, address, networks, extended: null };
      const same = (w: StoredWallet) => w.kind === req.kind && w.address?.toLowerCase() === address!.toLowerCase();
      if (wallets.some(same)) throw new AppError('wallet-exists', 'This address is already watched.');
    }
    if (watchKey !== null) await this.deps.vault.setWatchKey(id, watchKey);
    try {
      await this.store.update((d) => void d.wallets.push(wallet));
    } catch (err) {
      if (watchKey !== null) await this.deps.vault.deleteWatchKey(id).catch(() => false);
      throw err;
    }
    this.changed();
    return wallet;
  }

  async rename(id: string, label: string): Promise<StoredWallet> {
    const next = checkLabel(label, '');
    const renamed = await this.store.update((d) => {
      const w = d.wallets.find((x) => x.id === id);
      if (!w) throw notFound();
      if (d.wallets.some((x) => x.id !== id && x.label.toLowerCase() === next.toLowerCase())) {
        throw new AppError('wallet-exists', `A wallet named “${next}” already exists. Choose another name.`);
      }
      w.label = next;
      return structuredClone(w);
    });
    this.changed();
    return renamed;
  }

  /** Changes the gap limit of an extended-key wallet (the next read scans with it). */
  setGapLimit(id: string, gapLimit: number): Promise<StoredWallet> {
    return this.store.update((d) => {
      const w = d.wallets.find((x) => x.id === id);
      if (!w) throw notFound();
      if (!w.extended) throw new AppError('invalid', 'Only wallets added by extended key have a gap limit.');
      w.extended.gapLimit = gapLimit;
      return structuredClone(w);
    });
  }

  /** Removes a wallet and, for an extended key, its keychain item (keychain errors keep the wallet). */
  async remove(id: string): Promise<void> {
    const w = this.get(id);
    if (w.extended) await this.deps.vault.deleteWatchKey(id);
    await this.store.update((d) => {
      d.wallets = d.wallets.filter((x) => x.id !== id);
    });
    this.changed();
  }

  /**
   * Sets the provider of a network (null: back to the default) after checking that it answers for the
   * right network (an Esplora tip height, the EVM chain id, the Solana genesis hash).
   */
  async setProvider(network: Network, url: string | null): Promise<ProviderView[]> {
    const next = url === null ? null : checkUrl(url);
    if (next !== null) await this.checkProvider(network, next);
    await this.store.update((d) => {
      if (next === null || next === this.defaultUrl(network)) delete d.providers[network];
      else d.providers[network] = next;
    });
    return this.providers();
  }

  async setShowHidden(show: boolean): Promise<void> {
    await this.store.update((d) => {
      d.showHidden = show;
    });
    this.changed();
  }

  refreshTokens(): Promise<{ tokens: number }> {
    return this.deps.tokens.refresh(this.deps.http, this.deps.tokenListUrl ?? DEFAULT_TOKEN_LIST_URL);
  }

  // ---- sync ---------------------------------------------------------------------------------------

  /** The wallets a sync reads, with the label its progress shows. */
  syncList(): { id: string; label: string }[] {
    return this.list().map((w) => ({ id: w.id, label: `on-chain: ${w.label}` }));
  }

  /** Reads one wallet and keeps the result as its last good read; throws (an AppError) when it cannot. */
  async read(id: string): Promise<void> {
    const wallet = this.get(id);
    const result = await readWallet(wallet, {
      http: this.deps.http,
      tokens: this.deps.tokens,
      urlFor: (n) => this.urlFor(n),
      watchKey: async () => {
        const text = await this.deps.vault.getWatchKey(id);
        const checked = text === null ? null : checkExtendedKey(text, wallet.extended!.script);
        if (!checked?.ok || checked.kind !== 'extended') {
          throw new AppError(
            'key-missing',
            `The extended key of “${wallet.label}” is no longer in the system keychain. Remove the wallet and add it again.`,
          );
        }
        return { key: checked.key, script: checked.script, gapLimit: wallet.extended!.gapLimit };
      },
    });
    const at = this.now();
    await this.store.update((d) => {
      const w = d.wallets.find((x) => x.id === id);
      // removed while it was read: nothing to keep
      if (w)
        w.lastRead = { at, tips: { ...w.lastRead?.tips, ...result.tips }, used: result.used, tokens: result.tokens };
    });
  }

  // ---- portfolio ----------------------------------------------------------------------------------

  custodies(): Custody[] {
    return this.list().map((w) => ({
      id: w.id,
      label: `on-chain: ${w.label}`,
      kind: 'onchain' as const,
      platform: w.kind === 'evm' ? 'EVM' : NETWORK_LABELS[w.networks[0]!],
    }));
  }

  /** Amounts of the last good read per wallet and asset (an unknown token under its name; hidden ones only when shown). */
  positions(): Position[] {
    const { wallets, showHidden } = this.store.read();
    const out: Position[] = [];
    for (const w of wallets) {
      const by = new Map<string, number>();
      for (const t of w.lastRead?.tokens ?? []) {
        if (t.hidden && !showHidden) continue;
        const asset = t.asset ?? t.name;
        by.set(asset, (by.get(asset) ?? 0) + t.amount);
      }
      for (const [asset, amount] of by) out.push({ custodyId: w.id, asset, amount });
    }
    return out;
  }

  /** Assets the wallets hold or may hold (their native coins): the sync asks exchanges for their prices. */
  assets(): string[] {
    const set = new Set<string>();
    for (const w of this.list()) {
      for (const n of w.networks) set.add(NATIVE_ASSET[n]);
      for (const t of w.lastRead?.tokens ?? []) if (t.asset) set.add(t.asset);
    }
    return [...set];
  }

  // -------------------------------------------------------------------------------------------------

  private changed(): void {
    for (const l of this.listeners) l();
  }

  private defaultUrl(network: Network): string {
    return this.deps.defaultUrls?.[network] ?? DEFAULT_PROVIDER_URLS[network];
  }

  private evmNetworks(requested: Network[] | undefined): Network[] {
    const list = (requested ?? [...EVM_NETWORKS]).filter((n) => (EVM_NETWORKS as readonly string[]).includes(n));
    if (list.length === 0) throw new AppError('invalid', 'Choose at least one EVM network to read.');
    return [...new Set(list)];
  }

  private async checkProvider(network: Network, url: string): Promise<void> {
    if (network === 'bitcoin') await new EsploraReader(this.deps.http, url, null).tip();
    else if (network === 'solana') await new SolanaReader(this.deps.http, url, null).checkCluster();
    else await new EvmReader(this.deps.http, network, url, null).checkChain();
  }
}
