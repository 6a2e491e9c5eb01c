import { channel } from '../define';
import { NoArgs } from './app';
import type { AssetInfo, Portfolio, PriceHistory } from '../../domain/types';

export interface PortfolioView {
  portfolio: Portfolio;
  /** True when this is the bundled sample portfolio, not the user's. */
  sample: boolean;
  /** Catalog entries for every asset in the portfolio (and the sample price universe). */
  catalog: Record<string, AssetInfo>;
  /** Assets held for which no price could be found: shown as "unpriced". */
  unpriced: string[];
}

export interface PriceHistoryView {
  sample: boolean;
  history: PriceHistory;
  catalog: Record<string, AssetInfo>;
}

export const portfolioChannels = {
  'portfolio:get': channel<PortfolioView>()(NoArgs),
  'prices:history': channel<PriceHistoryView>()(NoArgs),
};
