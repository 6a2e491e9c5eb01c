/**
 * IPC channels of the portfolio (see shared/ipc/contract.ts): the portfolio the app shows (the user's,
 * or the sample while there is none) and how its value changed.
 */
import { channel, NoArgs } from '../define';
import type { AssetInfo, Portfolio } from '../../domain/types';
import type { PortfolioChanges } from '../../portfolio/snapshots';

export interface PortfolioView {
  /** The portfolio revision this view was built at (see PortfolioChange). */
  revision: number;
  portfolio: Portfolio;
  /** True when this is the bundled sample portfolio, not the user's. */
  sample: boolean;
  /** Catalog entries for every asset in the portfolio (and the sample price universe). */
  catalog: Record<string, AssetInfo>;
  /** Assets held for which no price could be found: shown as "unpriced". */
  unpriced: string[];
  /**
   * Value of one US dollar in the base currency, for thresholds set in USD (the dust threshold);
   * null when no price links the two.
   */
  usdRate: number | null;
}

export interface ChangesView extends PortfolioChanges {
  base: string;
  sample: boolean;
  /** True when a change is estimated from price history x current amounts (no snapshot that old yet). */
  estimated: boolean;
}

/** Why the portfolio (or something every view derives from it) changed. */
export type PortfolioChangeReason =
  | 'sync'
  | 'holdings'
  | 'settings'
  | 'accounts'
  | 'history'
  | 'prices'
  | 'catalog'
  | 'wallets'
  | 'market-history'
  | 'account-history';

/**
 * Payload of the 'portfolio:changed' event: main's portfolio revision went up. Every view that shows
 * something derived from the portfolio reloads it; `sample` says whether the new revision is the
 * sample portfolio, so no screen ever mixes sample and real figures.
 */
export interface PortfolioChange {
  /** Increases by one with every change, from 0 when the app starts. */
  revision: number;
  reason: PortfolioChangeReason;
  sample: boolean;
}

export const portfolioChannels = {
  'portfolio:get': channel<PortfolioView>()(NoArgs),
  /** Change of the portfolio's value over the last day, week, month... */
  'portfolio:changes': channel<ChangesView>()(NoArgs),
};
