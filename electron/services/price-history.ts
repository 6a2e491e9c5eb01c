/**
 * The price history grades and the Index Lab read (`ctx.priceHistory()`): for a user with holdings, the
 * market history (USD, with market caps) laid over the held assets' exchange candles; without holdings,
 * the market history once it holds anything (still labelled sample), else the generated sample history.
 * Each view names its providers and asset list (`sources`), which every Index Lab result states.
 * The merged history is rebuilt only when either side changes, so grades can cache per history object.
 * Built once by app-services.ts.
 */
import type { AssetInfo } from '../../shared/domain/types';
import type { DataSources } from '../../shared/indexlab';
import type { PriceHistoryView } from '../../shared/ipc/channels/prices';
import { CAP_SOURCE_NAMES, mergeHistories, type CapSourceId } from '../../shared/market-history';
import type { MarketHistoryService } from './market-history';

export interface PriceHistoryDeps {
  /** The sync service's own view: the sample, or the held assets' exchange candles. */
  own: () => PriceHistoryView;
  marketHistory: MarketHistoryService;
  catalog: () => Record<string, AssetInfo>;
}

/** The market history's providers (from its manifest) and its asset list: today's top N. */
function historySources(marketHistory: MarketHistoryService): DataSources {
  const { totals } = marketHistory.coverage();
  const caps = Object.keys(totals.capSources).filter((s) => s !== 'none');
  const providers = [
    ...Object.keys(totals.providers).map((p) => `${p} (prices)`),
    ...caps.map((c) => `${CAP_SOURCE_NAMES[c as CapSourceId] ?? c} (market caps)`),
  ];
  return totals.withPrices > 0 ? { providers, assetList: 'today-top' } : { providers: ['your exchanges (prices)'] };
}

/**
 * True when the prices are the generated sample's (no market history yet): grades and their report
 * card then say the numbers describe no market. A user without holdings whose grades run on the
 * downloaded market history is still "sample" for the portfolio, but not for the prices.
 */
export function generatedPrices(view: PriceHistoryView): boolean {
  return view.sample && view.sources === undefined;
}

export function createPriceHistory({ own: ownView, marketHistory, catalog }: PriceHistoryDeps): () => PriceHistoryView {
  let merged: { key: [PriceHistoryView['history'], number]; history: PriceHistoryView['history'] } | null = null;
  return () => {
    const own = ownView();
    const all = catalog();
    const pickCatalog = (h: PriceHistoryView['history']): PriceHistoryView['catalog'] =>
      Object.fromEntries(Object.keys(h).flatMap((s) => (all[s] ? [[s, all[s]]] : [])));
    if (own.sample) {
      const market = marketHistory.history();
      if (Object.keys(market).length === 0) return own;
      return { sample: true, history: market, catalog: pickCatalog(market), sources: historySources(marketHistory) };
    }
    if (!merged || merged.key[0] !== own.history || merged.key[1] !== marketHistory.revision) {
      merged = {
        key: [own.history, marketHistory.revision],
        history: mergeHistories(marketHistory.history(), own.history),
      };
    }
    return {
      sample: false,
      history: merged.history,
      catalog: pickCatalog(merged.history),
      sources: historySources(marketHistory),
    };
  };
}
