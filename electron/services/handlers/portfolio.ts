/** Handlers of the portfolio and price-history channels. */
import type { portfolioChannels } from '../../../shared/ipc/channels/portfolio';
import type { FeatureHandlers, ServiceContext } from '../context';

export function portfolioHandlers(ctx: ServiceContext): FeatureHandlers<keyof typeof portfolioChannels> {
  return {
    'portfolio:get': () => ctx.portfolio(),
    'prices:history': () => ctx.priceHistory(),
  };
}
