/**
 * IPC channels of the portfolio (see shared/ipc/contract.ts): the portfolio the app shows (the user's,
 * or the sample while there is none) and how its value changed.
 */
import { channel, NoArgs } from '../define';
import type { AssetInfo, Portfolio } from '../../domain/types';
import type { PortfolioChanges } from '../../portfolio/snapshots';

export interface PortfolioView {
  portfolio: Portfolio;
  /** True when this is the bundled sample portfolio, not the user's. */
  sample: boolean;
  /** Catalog entries for every asset in the portfolio (and the sample price universe). */
  catalog: Record<string, AssetInfo>;
  /** Assets held for which no price could be found: shown as "unpriced". */
  unpriced: string[];
}

export interface ChangesView extends PortfolioChanges {
  base: string;
  sample: boolean;
  /** True when a change is estimated from price history x current amounts (no snapshot that old yet). */
  estimated: boolean;
}

export const portfolioChannels = {
  'portfolio:get': channel<PortfolioView>()(NoArgs),
  /** Change of the portfolio's value over the last day, week, month... */
  'portfolio:changes': channel<ChangesView>()(NoArgs),
};
