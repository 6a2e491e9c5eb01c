/**
 * The token mapping in use: the bundled one (assets/token-map.json) with, once the user refreshes it,
 * the tokens of a fetched token list on top (kept in `<dataDir>/token-list.json`, written atomically; an
 * unreadable copy is ignored and the bundle used). Refreshing happens only when the user asks; the
 * default list is the Uniswap default token list. Used by the wallet service (./service.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import bundledJson from '../../../assets/token-map.json' with { type: 'json' };
import {
  entriesFromTokenList,
  tokenIndex,
  tokenMapSchema,
  type Network,
  type TokenEntry,
  type TokenMap,
} from '../../../shared/wallets';
import { AppError } from '../errors';
import { writeFileAtomic } from '../files/atomic';
import type { WalletHttp } from './http';

export const DEFAULT_TOKEN_LIST_URL = 'https://tokens.uniswap.org';
const CACHE_FILE = 'token-list.json';

export class TokenMapService {
  private readonly bundle: TokenMap;
  private fetched: { at: number; tokens: TokenEntry[] } | null = null;
  private lookup: (network: Network, address: string) => TokenEntry | null;

  constructor(
    private readonly dataDir: string,
    private readonly catalogSymbols: () => ReadonlySet<string>,
    private readonly now: () => number,
  ) {
    this.bundle = tokenMapSchema.parse(bundledJson);
    this.fetched = this.readCache();
    this.lookup = tokenIndex(this.entries());
  }

  /** Bundled tokens, then fetched ones (which win for the same address). */
  entries(): TokenEntry[] {
    return [...this.bundle.tokens, ...(this.fetched?.tokens ?? [])];
  }

  /** When the list was last refreshed; null while only the bundle is used. */
  refreshedAt(): number | null {
    return this.fetched?.at ?? null;
  }

  get(network: Network, address: string): TokenEntry | null {
    return this.lookup(network, address);
  }

  /** Tokens of `network` that map to a catalog asset (the ones an EVM address is asked about). */
  catalogTokens(network: Network): TokenEntry[] {
    const seen = new Set<string>();
    const out: TokenEntry[] = [];
    for (const e of this.entries().reverse()) {
      const key = e.address.toLowerCase();
      if (e.network !== network || e.asset === null || seen.has(key)) continue;
      seen.add(key);
      out.push(e);
    }
    return out;
  }

  /** Downloads a token list (Uniswap token-list format) and keeps its tokens of the supported networks. */
  async refresh(http: WalletHttp, url: string): Promise<{ tokens: number }> {
    let tokens: TokenEntry[];
    try {
      const json = await http.json({ walletId: null, network: 'ethereum', endpoint: 'token list' }, url, {
        method: 'GET',
      });
      tokens = entriesFromTokenList(json, this.catalogSymbols());
    } catch {
      throw new AppError('network', 'The token list could not be downloaded or read. The current one stays in use.');
    }
    const at = this.now();
    await writeFileAtomic(join(this.dataDir, CACHE_FILE), JSON.stringify({ at, tokens }));
    this.fetched = { at, tokens };
    this.lookup = tokenIndex(this.entries());
    return { tokens: tokens.length };
  }

  private readCache(): { at: number; tokens: TokenEntry[] } | null {
    try {
      const json = JSON.parse(readFileSync(join(this.dataDir, CACHE_FILE), 'utf8')) as {
        at?: unknown;
        tokens?: unknown;
      };
      const tokens = tokenMapSchema.shape.tokens.safeParse(json.tokens);
      return typeof json.at === 'number' && tokens.success ? { at: json.at, tokens: tokens.data } : null;
    } catch {
      // No refreshed list (or an unreadable one): the bundle alone is used.
      return null;
    }
  }
}
