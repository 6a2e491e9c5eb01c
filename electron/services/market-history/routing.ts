/**
 * Which assets an update covers and where each one's prices come from.
 *
 * - The universe is the catalog's current top N by market cap, stablecoins included (the Index Lab can
 *   include them). Held assets play no part in it: market-data requests never single out holdings.
 * - Each asset is routed to the provider it came from before when that provider still lists the same
 *   market (one source per series), otherwise to the first provider of the chain that lists a USD, USDT
 *   or USDC spot market for it. Without any: 'delisted' when history is stored (it is kept), else
 *   'no-market'.
 */
import type { AssetInfo } from '../../../shared/domain/types';
import { usdMarketFor, type ProviderMarket } from './providers';
import type { ProviderHandle } from './prices';
import { isStorableSymbol, type MarketHistoryStore } from './store';

/** The `topN` largest assets of the catalog by market cap, largest first. */
export function topUniverse(catalog: Record<string, AssetInfo>, topN: number): string[] {
  return Object.values(catalog)
    .filter((a) => a.marketCapUsd !== null && a.marketCapUsd > 0 && isStorableSymbol(a.symbol))
    .sort((a, b) => (b.marketCapUsd ?? 0) - (a.marketCapUsd ?? 0) || a.symbol.localeCompare(b.symbol))
    .slice(0, topN)
    .map((a) => a.symbol);
}

export interface Route {
  symbol: string;
  /** Providers that list a market for it, the chosen one first. */
  candidates: { provider: ProviderHandle; market: ProviderMarket }[];
}

/**
 * Routes for `universe` over the providers that are up (in chain order). An asset no provider lists is
 * marked 'delisted' or 'no-market' only when every provider could be asked (`unreachable` is empty);
 * otherwise it keeps what it has and says why it was not updated.
 */
export function routeAssets(
  universe: readonly string[],
  providers: readonly ProviderHandle[],
  store: MarketHistoryStore,
  unreachable: readonly string[] = [],
): Route[] {
  const routes: Route[] = [];
  for (const symbol of universe) {
    const candidates = providers.flatMap((provider) => {
      const market = usdMarketFor(provider.client, symbol);
      return market ? [{ provider, market }] : [];
    });
    const meta = store.meta(symbol);
    const same = candidates.findIndex((c) => c.provider.info.id === meta?.provider && c.market.symbol === meta.market);
    if (same > 0) candidates.unshift(...candidates.splice(same, 1));
    if (candidates.length > 0) {
      routes.push({ symbol, candidates });
      continue;
    }
    const stored = (meta?.days ?? 0) > 0 || store.read(symbol).candles.day.length > 0;
    if (unreachable.length > 0) {
      store.setMeta(symbol, {
        status: 'error',
        notes: [
          `Not updated: ${unreachable.join(', ')} could not be reached.${stored ? ' The stored history is kept.' : ''}`,
        ],
      });
      continue;
    }
    store.setMeta(symbol, {
      status: stored ? 'delisted' : 'no-market',
      notes: [
        stored
          ? 'No provider of the chain lists it any more: its stored history is kept as it is.'
          : 'No provider of the chain (Binance, Coinbase, Kraken, OKX, Bybit) lists a USD, USDT or USDC market for it.',
      ],
    });
  }
  return routes;
}
