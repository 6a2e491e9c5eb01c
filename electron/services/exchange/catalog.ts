/**
 * Which exchanges the app offers and what each needs (passphrase, permission check).
 * The featured list is static; details come from ccxt itself (`requiredCredentials`, `name`),
 * loading only the one exchange module involved. `supportedExchanges()` loads the whole library
 * and is meant for the exchange picker only.
 */
import { loadCcxt, loadExchangeClass } from './loader';

export interface FeaturedExchange {
  id: string;
  name: string;
  /** Whether ccxt asks for a passphrase ("password") besides key and secret. */
  requiresPassword: boolean;
}

/**
 * The exchanges shown first in the picker. `requiresPassword` mirrors ccxt's
 * `requiredCredentials.password` (checked by the tests against the installed ccxt).
 */
export const FEATURED_EXCHANGES: readonly FeaturedExchange[] = [
  { id: 'binance', name: 'Binance', requiresPassword: false },
  { id: 'coinbase', name: 'Coinbase', requiresPassword: false },
  { id: 'kraken', name: 'Kraken', requiresPassword: false },
  { id: 'okx', name: 'OKX', requiresPassword: true },
  { id: 'bybit', name: 'Bybit', requiresPassword: false },
  { id: 'kucoin', name: 'KuCoin', requiresPassword: true },
  { id: 'bitget', name: 'Bitget', requiresPassword: true },
  { id: 'gate', name: 'Gate', requiresPassword: false },
];

/** Exchanges whose API tells what a key may do (see permissions.ts). */
export const PERMISSION_CHECKED_EXCHANGES: readonly string[] = [
  'binance',
  'okx',
  'kraken',
  'bybit',
  'kucoin',
  'coinbase',
];

export interface ExchangeInfo {
  id: string;
  name: string;
  requiresPassword: boolean;
  /** Whether Ballast can ask this exchange what a key may do. */
  hasPermissionCheck: boolean;
}

/** Display name without loading ccxt: featured name, else the id with a capital letter. */
export function exchangeDisplayName(exchangeId: string): string {
  const featured = FEATURED_EXCHANGES.find((e) => e.id === exchangeId);
  if (featured) return featured.name;
  return exchangeId.length > 0 ? exchangeId[0]!.toUpperCase() + exchangeId.slice(1) : exchangeId;
}

export function hasPermissionCheck(exchangeId: string): boolean {
  return PERMISSION_CHECKED_EXCHANGES.includes(exchangeId);
}

const infoCache = new Map<string, Promise<ExchangeInfo>>();

/** Details of one exchange, read from its ccxt class (loads only that module). */
export function exchangeInfo(exchangeId: string): Promise<ExchangeInfo> {
  let p = infoCache.get(exchangeId);
  if (!p) {
    p = (async () => {
      const Cls = await loadExchangeClass(exchangeId);
      const ex = new Cls();
      const featured = FEATURED_EXCHANGES.find((e) => e.id === exchangeId);
      return {
        id: exchangeId,
        name: featured?.name ?? ex.name ?? exchangeDisplayName(exchangeId),
        requiresPassword: ex.requiredCredentials?.password === true,
        hasPermissionCheck: hasPermissionCheck(exchangeId),
      };
    })();
    p.catch(() => infoCache.delete(exchangeId));
    infoCache.set(exchangeId, p);
  }
  return p;
}

export interface SupportedExchange {
  id: string;
  name: string;
  requiresPassword: boolean;
  featured: boolean;
}

let supportedCache: Promise<SupportedExchange[]> | null = null;

/**
 * Every ccxt exchange that can fetch balances, featured ones first, then by name.
 * Loads the full ccxt library (about a second) and caches the result.
 */
export function supportedExchanges(): Promise<SupportedExchange[]> {
  if (!supportedCache) {
    supportedCache = (async () => {
      const ccxt = await loadCcxt();
      const out: SupportedExchange[] = [];
      const table = ccxt.exchanges as unknown as Record<string, unknown>;
      for (const id of Object.keys(table)) {
        const Cls = table[id];
        if (typeof Cls !== 'function') continue;
        let ex: { has?: Record<string, unknown>; name?: string; requiredCredentials?: Record<string, unknown> };
        try {
          ex = new (Cls as new () => typeof ex)();
        } catch {
          continue;
        }
        if (ex.has?.['fetchBalance'] !== true) continue;
        const featured = FEATURED_EXCHANGES.find((e) => e.id === id);
        out.push({
          id,
          name: featured?.name ?? ex.name ?? exchangeDisplayName(id),
          requiresPassword: ex.requiredCredentials?.['password'] === true,
          featured: featured !== undefined,
        });
      }
      const rank = (id: string): number => {
        const i = FEATURED_EXCHANGES.findIndex((e) => e.id === id);
        return i < 0 ? FEATURED_EXCHANGES.length : i;
      };
      out.sort((a, b) => rank(a.id) - rank(b.id) || a.name.localeCompare(b.name));
      return out;
    })();
    supportedCache.catch(() => {
      supportedCache = null;
    });
  }
  return supportedCache;
}
