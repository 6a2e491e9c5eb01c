/** Main-process handlers of the portfolio channels (shared/ipc/channels/portfolio.ts). */
import type { portfolioChannels } from '../../../shared/ipc/channels/portfolio';
import type { FeatureHandlers, ServiceContext } from '../context';

export function portfolioHandlers(ctx: ServiceContext): FeatureHandlers<keyof typeof portfolioChannels> {
  return {
    'portfolio:get': () => ctx.portfolio(),
    'portfolio:changes': () => ctx.sync.source.changes(),
  };
}
