/**
 * Prices without an exchange key: when a sync leaves held assets (manual holdings, watch-only
 * wallets, accounts whose exchange lacks a market) unpriced by the accounts' own tickers, the public
 * tickers of a short, fixed list of exchanges are asked, in order, until every held asset is priced
 * or the list is exhausted.
 *
 * - Privacy: each provider is asked for one broad, fixed set of markets (the catalog's top
 *   BROAD_MARKET_ASSETS by market cap, the hubs and base currencies, plus the held assets) in one
 *   `fetchTickers` batch where the exchange has one, so the answer does not single out what is held.
 * - One keyless client per exchange, kept for the app's life (its markets are loaded once); it goes
 *   through the exchange gate and records every call with purpose 'prices' (built by createServices).
 * - A provider that cannot be reached (down, paused by the gate, no answer) is skipped; this never
 *   throws, so the sync never fails for it: what stays unpriced is listed as unpriced.
 *
 * Called by the sync engine (SyncEngineDeps.publicPrices), built by createSyncService.
 */
import type { AssetInfo } from '../../../shared/domain/types';
import { mergeTickers, priceAssets, type TickerMap } from '../../../shared/portfolio/pricing';
import type { ExchangeClient } from '../exchange';
import type { ExchangeTickers } from './balance-store';
import { fetchRelevantTickers } from './tickers';

/** The exchanges asked, in this order (all list most large assets against USD or USDT). */
export const PRICE_PROVIDERS: readonly string[] = ['binance', 'kraken', 'coinbase'];

/** How many of the largest assets by market cap every price request asks for besides the held ones. */
export const BROAD_MARKET_ASSETS = 50;

export interface PublicPricesDeps {
  /** Exchange ids to ask, in order (default PRICE_PROVIDERS). */
  providers?: readonly string[];
  /** A keyless client for `exchange` (gated, recorded with purpose 'prices'). */
  client: (exchange: string) => Promise<ExchangeClient>;
  catalog: () => Record<string, AssetInfo>;
  baseCurrency: () => string;
}

/** Prices by provider exchange id for `held` assets that `fresh` does not price; {} when none is missing. */
export type PublicPrices = (held: readonly string[], fresh: TickerMap) => Promise<Record<string, TickerMap>>;

/** The catalog's `n` largest assets by market cap (rank), largest first. */
export function broadAssets(catalog: Record<string, AssetInfo>, n: number): string[] {
  return Object.values(catalog)
    .filter((a) => a.rank !== null)
    .sort((a, b) => a.rank! - b.rank!)
    .slice(0, n)
    .map((a) => a.symbol);
}

export function createPublicPrices(deps: PublicPricesDeps): PublicPrices {
  const providers = deps.providers ?? PRICE_PROVIDERS;
  const clients = new Map<string, Promise<ExchangeClient>>();
  const clientOf = (exchange: string): Promise<ExchangeClient> => {
    let client = clients.get(exchange);
    if (!client) {
      client = deps.client(exchange);
      clients.set(exchange, client);
      // a client that could not be built is built again next time
      client.catch(() => clients.delete(exchange));
    }
    return client;
  };

  return async (held, fresh) => {
    const base = deps.baseCurrency();
    const missing = (tickers: TickerMap) => priceAssets(held, tickers, base).unpriced;
    const found: Record<string, TickerMap> = {};
    let known = fresh;
    if (held.length === 0 || missing(known).length === 0) return found;
    const asked = [...new Set([...broadAssets(deps.catalog(), BROAD_MARKET_ASSETS), ...held])];
    for (const exchange of providers) {
      let tickers: TickerMap;
      try {
        tickers = await fetchRelevantTickers(await clientOf(exchange), asked);
      } catch {
        // unreachable or paused: the next provider is asked
        continue;
      }
      if (Object.keys(tickers).length === 0) continue;
      found[exchange] = tickers;
      known = mergeTickers([known, tickers]);
      if (missing(known).length === 0) break;
    }
    return found;
  };
}

/**
 * Adds to a run's `tickers` (by exchange) the public prices of the `held` assets those tickers leave
 * unpriced; an account's own tickers of the same exchange win. True when any price was added.
 */
export async function addPublicTickers(
  publicPrices: PublicPrices,
  held: readonly string[],
  tickers: Record<string, ExchangeTickers>,
  now: () => number,
): Promise<boolean> {
  const fresh = mergeTickers(Object.values(tickers).map((t) => t.prices));
  const found = await publicPrices(held, fresh).catch(() => ({}) as Record<string, TickerMap>);
  const at = now();
  for (const [exchange, prices] of Object.entries(found)) {
    tickers[exchange] = { at, prices: { ...prices, ...(tickers[exchange]?.prices ?? {}) } };
  }
  return Object.keys(found).length > 0;
}
